package org.neurorig.experiment;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.neurorig.experiment.StudentTeacher.Method;
import org.neurorig.experiment.StudentTeacher.Size;

/**
 * The scaling experiment of Werfel, Xie and Seung (2005): trials to criterion for the exact gradient,
 * node perturbation and weight perturbation as the numbers of inputs N and outputs M grow, each
 * learner at the learning rate that makes it fastest, over several seeds; and the temporal
 * counterpoint (Zuege, Klos and Memmesheimer 2021), where trials span T steps.
 *
 * <p>Learning-rate tuning: for each learner and size, a search over eta scored by the median
 * trials-to-criterion over the seeds. It starts from the best rate of the previous (faster) learner
 * at the same size, or 0.1 for the gradient; walks by octaves until a rate succeeds (down while runs
 * diverge, up while they hit the trial cap); then by half-octaves (factors of sqrt 2) up and down
 * while the median improves, two steps past the best, with runs cut at three times the best median so
 * far. It uses no theory of where the optimum lies, and its resolution (sqrt 2 in eta) costs at most
 * a few percent of speed near the optimum.
 *
 * <p>Seeds run in parallel on the given executor; each seed has its own teacher, inputs and noise,
 * and the learners share them (the same seed gives the same teacher and input sequence to each).
 */
public final class LearningScaling {

    /** One learner at one size: the tuned rate and the trials to criterion of each seed at that rate. */
    public record Cell(Method method, Size size, double eta, long[] trials) {
        /** The median over seeds (failed seeds count as longer than any success). */
        public double median() {
            return LearningScaling.median(trials);
        }
    }

    /** What to run. */
    public record Plan(int seeds, double criterion, long maxTrials, List<Size> nSweep, List<Size> mSweep, List<Size> tSweep) {
    }

    private final Plan plan;
    private final ExecutorService pool;
    private final PrintWriter progress;
    private final long started = System.nanoTime();
    private int done;
    private int total;

    public LearningScaling(Plan plan, ExecutorService pool, PrintWriter progress) {
        this.plan = plan;
        this.pool = pool;
        this.progress = progress;
    }

    /** The default plan: N in 8..64 at M = 4; M in 1..16 at N = 16; T in 1..64 at N = 16, M = 2. */
    public static Plan defaultPlan() {
        return new Plan(5, 0.01, 2_000_000,
                List.of(new Size(8, 4, 1), new Size(16, 4, 1), new Size(32, 4, 1), new Size(64, 4, 1)),
                List.of(new Size(16, 1, 1), new Size(16, 2, 1), new Size(16, 4, 1), new Size(16, 8, 1), new Size(16, 16, 1)),
                List.of(new Size(16, 2, 1), new Size(16, 2, 4), new Size(16, 2, 16), new Size(16, 2, 64)));
    }

    /** Runs every size of the plan for all three learners; returns the cells in plan order. */
    public List<Map<Method, Cell>> run(List<Size> sizes) throws InterruptedException {
        total = sizes.size() * Method.values().length;
        done = 0;
        List<Map<Method, Cell>> rows = new ArrayList<>();
        for (Size size : sizes) {
            Map<Method, Cell> row = new EnumMap<>(Method.class);
            double start = 0.1;
            for (Method method : Method.values()) {
                Cell cell = tune(method, size, start);
                row.put(method, cell);
                start = Double.isNaN(cell.eta()) ? start : cell.eta();
                done++;
                progress.printf(Locale.ROOT, "  [%2d/%d] %-19s N=%-3d M=%-3d T=%-3d median %9s trials at eta %.3g  (%.0f s)%n",
                        done, total, method.label(), size.n(), size.m(), size.t(), format(cell.median()), cell.eta(),
                        (System.nanoTime() - started) / 1e9);
                progress.flush();
            }
            rows.add(row);
        }
        return rows;
    }

    private Cell tune(Method method, Size size, double start) throws InterruptedException {
        Map<Double, long[]> scored = new java.util.HashMap<>();
        // 1. Octave steps from the start until a rate succeeds: down while the runs diverge, up while
        //    they are too slow (hit the cap).
        double eta = start;
        long[] trials = evaluate(method, size, eta, plan.maxTrials());
        scored.put(eta, trials);
        for (int k = 0; k < 40 && Double.isInfinite(median(trials)); k++) {
            eta = diverged(trials) ? eta / 2 : eta * 2;
            trials = evaluate(method, size, eta, plan.maxTrials());
            scored.put(eta, trials);
        }
        if (Double.isInfinite(median(trials))) {
            long[] failed = new long[plan.seeds()];
            Arrays.fill(failed, -1);
            return new Cell(method, size, Double.NaN, failed);
        }
        double bestEta = eta;
        double best = median(trials);
        // 2. Half-octave steps up, then down, while the median improves (two steps of grace for noise).
        double step = Math.sqrt(2);
        for (double factor : new double[] {step, 1 / step}) {
            double from = bestEta;
            int worse = 0;
            for (double e = from * factor; worse < 2; e *= factor) {
                long[] t = scored.containsKey(e) ? scored.get(e)
                        : evaluate(method, size, e, (long) Math.min(plan.maxTrials(), 3 * best));
                scored.put(e, t);
                double med = median(t);
                if (med < best) {
                    best = med;
                    bestEta = e;
                    worse = 0;
                } else {
                    worse++;
                }
            }
        }
        return new Cell(method, size, bestEta, scored.get(bestEta));
    }

    /** Whether a failed evaluation failed by divergence (the rate is too high) rather than by the cap. */
    private static boolean diverged(long[] trials) {
        for (long t : trials) {
            if (t == StudentTeacher.DIVERGED_RUN) {
                return true;
            }
        }
        return false;
    }

    private long[] evaluate(Method method, Size size, double eta, long cap) throws InterruptedException {
        StudentTeacher task = new StudentTeacher(method, size, plan.criterion());
        List<Future<Long>> futures = new ArrayList<>();
        for (int s = 0; s < plan.seeds(); s++) {
            long seed = 1000L * s + 17;
            futures.add(pool.submit(() -> task.trialsToCriterion(eta, seed, cap)));
        }
        long[] trials = new long[plan.seeds()];
        for (int s = 0; s < trials.length; s++) {
            try {
                trials[s] = futures.get(s).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the scaling run failed: " + e.getCause(), e.getCause());
            }
        }
        return trials;
    }

    /** The median of trial counts; a failed seed (-1) ranks above every success, and a failed median is infinite. */
    static double median(long[] trials) {
        double[] v = new double[trials.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = trials[i] < 0 ? Double.POSITIVE_INFINITY : trials[i];
        }
        Arrays.sort(v);
        int k = v.length / 2;
        return v.length % 2 == 1 ? v[k] : (v[k - 1] + v[k]) / 2;
    }

    static String format(double trials) {
        return Double.isInfinite(trials) ? "failed" : String.format(Locale.ROOT, "%.0f", trials);
    }
}
