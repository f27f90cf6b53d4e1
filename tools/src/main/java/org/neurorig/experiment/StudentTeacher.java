package org.neurorig.experiment;

import java.util.List;
import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.NodePerturbation;
import org.neurorig.learning.PlasticLayer;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightPerturbation;

/**
 * Werfel, Xie and Seung (2005)'s task: a linear student {@code y = W x} (M outputs, N inputs) learns a
 * linear teacher {@code y* = W* x} from Gaussian inputs, one trial at a time, with error
 * {@code E = |y - y*|^2 / 2}. The student starts at W = 0; the teacher's entries are N(0, 1/N), so the
 * outputs have unit variance. Learning ends when the generalization error {@code |W - W*|_F^2} (the
 * expected error over inputs) has fallen below {@code criterion} times its start.
 *
 * <p>A trial may span T time steps with fresh inputs (the temporal counterpoint): the error is summed
 * over them; node perturbation then draws fresh noise at every step (noise dimension M T), weight
 * perturbation one perturbation for the whole trial (dimension M N).
 *
 * <p>The three learners, as the paper states them, with the runtime's own rules and kernels:
 * <ul>
 *   <li>gradient: {@code W -= eta sum_t (W x_t - y*_t) x_t^T};
 *   <li>node perturbation: {@link NodePerturbation} on the layer, noise on y, third factor
 *       {@code -(E(xi) - E(0))}, the unperturbed error as baseline;
 *   <li>weight perturbation: {@link WeightPerturbation} (one-sided), third factor
 *       {@code -(E(W + psi) - E(W))}.
 * </ul>
 */
public final class StudentTeacher {

    /** The learners compared. */
    public enum Method {
        GRADIENT("gradient"), NODE("node perturbation"), WEIGHT("weight perturbation");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A task size: N inputs, M outputs, T time steps per trial. */
    public record Size(int n, int m, int t) {
        public Size {
            if (n < 1 || m < 1 || t < 1) {
                throw new IllegalArgumentException("task size N = " + n + ", M = " + m + ", T = " + t + ": each must be at least 1");
            }
        }
    }

    /** Perturbation size for NP and WP: small, so the estimates are in their linear regime. */
    static final float SIGMA = 1e-3f;
    /** Runs that grow the error this much past its start have diverged. */
    private static final double DIVERGED = 1e3;

    private final Method method;
    private final Size size;
    private final double criterion;
    private final Kernels kernels = Kernels.best();

    public StudentTeacher(Method method, Size size, double criterion) {
        this.method = method;
        this.size = size;
        this.criterion = criterion;
    }

    /** {@link #trialsToCriterion}'s result for a run whose error grew a thousandfold. */
    public static final long DIVERGED_RUN = -1;
    /** {@link #trialsToCriterion}'s result for a run that needed more than the allowed trials. */
    public static final long TOO_SLOW = -2;

    /**
     * Trials until the generalization error falls below {@code criterion} times its start, or
     * {@link #DIVERGED_RUN} or {@link #TOO_SLOW}.
     */
    public long trialsToCriterion(double eta, long seed, long maxTrials) {
        int n = size.n();
        int m = size.m();
        int steps = size.t();
        SplittableRandom random = new SplittableRandom(seed);
        float[] teacher = new float[m * n];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = (float) (random.nextGaussian() / Math.sqrt(n));
        }
        float[] student = new float[m * n];
        float[][] x = new float[steps][n];
        float[][] target = new float[steps][m];
        float[] y = new float[m];
        float[] clean = new float[m];
        float[] delta = new float[m];
        float[] xLive = new float[n];
        LearningControls controls = new LearningControls((float) eta, SIGMA);
        List<PlasticLayer> layer = List.of(PlasticLayer.linear("student W", student, m, n, xLive, y));
        NodePerturbation np = method == Method.NODE
                ? new NodePerturbation(layer, Timing.episodic(), RewardBaseline.none(), controls, seed ^ 0x5DEECE66DL, kernels)
                : null;
        WeightPerturbation wp = method == Method.WEIGHT
                ? new WeightPerturbation(layer, false, WeightPerturbation.Distribution.GAUSSIAN, RewardBaseline.none(),
                        controls, seed ^ 0x5DEECE66DL, kernels)
                : null;
        double start = distance(student, teacher);
        double stop = criterion * start;
        for (long trial = 1; trial <= maxTrials; trial++) {
            for (int s = 0; s < steps; s++) {
                for (int j = 0; j < n; j++) {
                    x[s][j] = (float) random.nextGaussian();
                }
                kernels.matVec(teacher, m, n, x[s], target[s]);
            }
            switch (method) {
                case GRADIENT -> {
                    for (int s = 0; s < steps; s++) {
                        kernels.matVec(student, m, n, x[s], y);
                        for (int i = 0; i < m; i++) {
                            delta[i] = y[i] - target[s][i];
                        }
                        kernels.rank1Update(student, m, n, (float) -eta, delta, x[s]);
                    }
                }
                case NODE -> {
                    np.beginEpisode();
                    double perturbed = 0;
                    double unperturbed = 0;
                    for (int s = 0; s < steps; s++) {
                        System.arraycopy(x[s], 0, xLive, 0, n);
                        np.beforeStep();
                        kernels.matVec(student, m, n, xLive, y);
                        System.arraycopy(y, 0, clean, 0, m);
                        np.afterStep(); // fresh noise on y, eligibility xi x^T / sigma^2
                        unperturbed += error(clean, target[s]);
                        perturbed += error(y, target[s]);
                    }
                    np.reward((float) -(perturbed - unperturbed));
                    np.endEpisode();
                }
                case WEIGHT -> {
                    double unperturbed = 0;
                    for (int s = 0; s < steps; s++) {
                        kernels.matVec(student, m, n, x[s], y);
                        unperturbed += error(y, target[s]);
                    }
                    wp.beginEpisode();
                    double perturbed = 0;
                    for (int s = 0; s < steps; s++) {
                        kernels.matVec(student, m, n, x[s], y);
                        perturbed += error(y, target[s]);
                    }
                    wp.reward((float) -(perturbed - unperturbed));
                    wp.endEpisode();
                }
            }
            double now = distance(student, teacher);
            if (now <= stop) {
                return trial;
            }
            if (!(now < DIVERGED * start)) {
                return DIVERGED_RUN;
            }
        }
        return TOO_SLOW;
    }

    private static double error(float[] y, float[] target) {
        double e = 0;
        for (int i = 0; i < y.length; i++) {
            double d = (double) y[i] - target[i];
            e += d * d;
        }
        return 0.5 * e;
    }

    private static double distance(float[] a, float[] b) {
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            e += d * d;
        }
        return e;
    }
}
