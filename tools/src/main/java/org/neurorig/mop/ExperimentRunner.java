package org.neurorig.mop;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.Trajectory;

/**
 * Trains every network of every arm on a pool of threads (one network per thread at a time: the networks
 * are independent, so two cores train two networks), printing progress as networks pass milestones.
 */
final class ExperimentRunner {

    private final String experiment;
    private final int threads;
    private final PrintWriter out;
    private final long start = System.nanoTime();

    ExperimentRunner(String experiment, int threads, PrintWriter out) {
        this.experiment = experiment;
        this.threads = threads;
        this.out = out;
    }

    /** Runs {@code networks} networks of each arm; results per arm label, in network order. */
    Map<String, List<NetworkResult>> run(List<Arm> arms, int networks, int testTrajectories) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mop-" + experiment);
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, List<Future<NetworkResult>>> futures = new LinkedHashMap<>();
            for (Arm arm : arms) {
                futures.put(arm.label(), new ArrayList<>());
            }
            // network-major order: the arms of network 0 first, so a comparison is available early
            for (int i = 0; i < networks; i++) {
                for (Arm arm : arms) {
                    int network = i;
                    futures.get(arm.label()).add(pool.submit(() -> train(arm, network, testTrajectories)));
                }
            }
            Map<String, List<NetworkResult>> results = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<NetworkResult>>> e : futures.entrySet()) {
                List<NetworkResult> list = new ArrayList<>();
                for (Future<NetworkResult> f : e.getValue()) {
                    list.add(f.get());
                }
                results.put(e.getKey(), list);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(experiment + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(experiment + ": " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private NetworkResult train(Arm arm, int network, int testTrajectories) {
        long t0 = System.nanoTime();
        MopTraining training = arm.training().apply(network);
        int epochs = training.parameters().epochs();
        int every = Math.max(1, epochs / 4);
        int actions = training.agent().model().actionCount();
        long decisions = 0;
        List<EpochReport> reports = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            EpochReport r = training.runEpoch();
            reports.add(r);
            decisions += Math.round(r.lifetime() * training.parameters().trajectories());
            if ((e + 1) % every == 0 || e + 1 == epochs) {
                progress(String.format(Locale.ROOT, "%-12s #%-2d epoch %3d/%d  lifetime %7.1f  entropy %.2f  sigma %.3f",
                        arm.label(), network, e + 1, epochs, r.lifetime(), r.entropy(), r.sigma()));
            }
        }
        int kept = training.keepBest();
        if (kept != epochs - 1) {
            progress(String.format(Locale.ROOT, "%-12s #%-2d keeps the weights of epoch %d (validation lifetime %.1f)",
                    arm.label(), network, kept + 1, training.bestValidation()));
        }
        List<List<Trajectory>> tests = new ArrayList<>();
        int contexts = Math.max(1, arm.contexts());
        for (int c = 0; c < contexts; c++) {
            List<Trajectory> t = List.of(training.test(testTrajectories, arm.contexts() == 0 ? -1 : c));
            for (Trajectory tr : t) {
                decisions += tr.lifetime();
            }
            tests.add(t);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] probe = arm.probe() == null ? new double[0] : arm.probe().measure(training, network);
        return new NetworkResult(arm.label(), network, reports, kept, tests, decisions * actions, seconds, probe);
    }

    void progress(String line) {
        synchronized (out) {
            out.printf(Locale.ROOT, "[%s %s] %s%n", experiment, elapsed(), line);
            out.flush();
        }
    }

    /** Time since this runner started, as m:ss. */
    String elapsed() {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
