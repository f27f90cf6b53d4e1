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
 * <p>A trial may span T time steps with fresh inputs (the temporal counterpoint, after Zuege, Klos and
 * Memmesheimer 2021). The error then judges the output integrated over the trial, as a plant
 * integrates the force it is given: {@code E = |sum_t (y_t - y*_t)|^2 / (2 T)}. Node perturbation draws
 * fresh noise at every step, so its perturbation has M T dimensions while the error sees only the M of
 * their sum; weight perturbation draws one perturbation per trial, M N dimensions whatever T is. For the
 * gradient and for weight perturbation the task is the same at every T (the summed input
 * {@code sum_t x_t / sqrt T} is again standard Gaussian).
 *
 * <p>The three learners, as the paper states them, with the runtime's own rules and kernels:
 * <ul>
 *   <li>gradient: {@code W -= eta dE/dW};
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
        float[] sumClean = new float[m];
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
                    // dE/dW = (1/T) (sum_t (W x_t - y*_t)) (sum_t x_t)^T
                    java.util.Arrays.fill(delta, 0f);
                    java.util.Arrays.fill(xLive, 0f);
                    for (int s = 0; s < steps; s++) {
                        kernels.matVec(student, m, n, x[s], y);
                        for (int i = 0; i < m; i++) {
                            delta[i] += y[i] - target[s][i];
                        }
                        kernels.axpy(1f, x[s], xLive, n);
                    }
                    kernels.rank1Update(student, m, n, (float) (-eta / steps), delta, xLive);
                }
                case NODE -> {
                    np.beginEpisode();
                    java.util.Arrays.fill(delta, 0f);
                    java.util.Arrays.fill(sumClean, 0f);
                    for (int s = 0; s < steps; s++) {
                        System.arraycopy(x[s], 0, xLive, 0, n);
                        np.beforeStep();
                        kernels.matVec(student, m, n, xLive, y);
                        for (int i = 0; i < m; i++) {
                            sumClean[i] += y[i] - target[s][i];
                        }
                        np.afterStep(); // fresh noise on y, eligibility xi x^T / sigma^2
                        float[] noisy = np.action(y);
                        for (int i = 0; i < m; i++) {
                            delta[i] += noisy[i] - target[s][i];
                        }
                    }
                    np.reward((float) -(error(delta, steps) - error(sumClean, steps)));
                    np.endEpisode();
                }
                case WEIGHT -> {
                    java.util.Arrays.fill(sumClean, 0f);
                    for (int s = 0; s < steps; s++) {
                        kernels.matVec(student, m, n, x[s], y);
                        for (int i = 0; i < m; i++) {
                            sumClean[i] += y[i] - target[s][i];
                        }
                    }
                    wp.beginEpisode();
                    java.util.Arrays.fill(delta, 0f);
                    for (int s = 0; s < steps; s++) {
                        kernels.matVec(student, m, n, x[s], y);
                        for (int i = 0; i < m; i++) {
                            delta[i] += y[i] - target[s][i];
                        }
                    }
                    wp.reward((float) -(error(delta, steps) - error(sumClean, steps)));
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

    /** {@code |summed error|^2 / (2 T)}. */
    private static double error(float[] summed, int steps) {
        double e = 0;
        for (float d : summed) {
            e += (double) d * d;
        }
        return e / (2.0 * steps);
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
