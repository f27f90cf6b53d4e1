package org.neurorig.mop;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The entry point of {@code neurorig mop}: picks an experiment, resolves its settings and runs it. */
public final class MopExperiments {

    /** The experiments, in the order the paper shows them. */
    static final List<MopExperiment> ALL = List.of(new EnergyExperiment(), new SquareExperiment(),
            new ShapesExperiment(), new BetaExperiment(), new RewardExperiment(), new CartPoleExperiment(),
            new CorridorExperiment(), new FirmwareCartPoleExperiment());

    private MopExperiments() {
    }

    /** The user's options; null keeps the experiment's default. */
    public record Overrides(Integer networks, Integer epochs, Integer trajectories, Integer horizon,
            Integer testTrajectories, Integer threads, Long seed, Integer units, Integer actionBits, Double dt,
            Double tau, Double g, Double rho, Double gamma, Integer hidden, Double learningRate, Integer updates,
            Double initialValue, Double epsilon, Integer validateEvery) {

        /** No overrides. */
        public static Overrides none() {
            return new Overrides(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }

        MopSettings applyTo(MopSettings d) {
            MopSettings s = new MopSettings(or(networks, d.networks()), or(epochs, d.epochs()),
                    or(trajectories, d.trajectories()), or(horizon, d.horizon()),
                    or(testTrajectories, d.testTrajectories()), or(threads, d.threads()), or(seed, d.seed()),
                    or(units, d.n()), or(actionBits, d.actionBits()), or(dt, d.dt()), or(tau, d.tau()), or(g, d.g()),
                    or(rho, d.rho()), d.phi(), or(gamma, d.gamma()), or(hidden, d.hidden()),
                    or(learningRate, d.learningRate()), or(updates, d.updates()), or(initialValue, d.initialValue()),
                    or(epsilon, d.epsilon()), or(validateEvery, d.validateEvery()), d.out());
            check("--networks", s.networks(), 1);
            check("--threads", s.threads(), 1);
            check("--test-trajectories", s.testTrajectories(), 1);
            check("--validate-every", s.validateEvery(), 0);
            if (s.n() < 2) {
                throw new IllegalArgumentException("--units: " + s.n() + " is out of range: expected at least 2 (the readouts x1, x2)");
            }
            if (!(s.epsilon() >= 0 && s.epsilon() <= 1)) {
                throw new IllegalArgumentException("--epsilon: " + s.epsilon() + " is out of range: expected 0 to 1");
            }
            // the rest is validated by the runtime's records, with the parameter named
            s.network(0);
            s.training();
            new org.neurorig.neuromop.Objective(s.gamma(), 1, 0, 0);
            return s;
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }

        private static void check(String option, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(option + ": " + value + " is out of range: expected at least " + min);
            }
        }
    }

    /** The names of the experiments. */
    public static List<String> names() {
        return ALL.stream().map(MopExperiment::name).toList();
    }

    /**
     * Runs experiment {@code name} with the user's overrides, writing into {@code dir}.
     *
     * @param command the command line as typed, recorded in settings.txt
     */
    public static void run(String name, Overrides overrides, Path dir, String command, PrintWriter out) {
        MopExperiment experiment = ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown experiment '" + name + "': expected one of "
                        + String.join(", ", names())));
        int cores = Runtime.getRuntime().availableProcessors();
        MopSettings settings = overrides.applyTo(experiment.defaults(cores, dir)).withOut(dir);
        ExperimentReport report = new ExperimentReport(dir);
        out.printf(Locale.ROOT, "neurorig mop %s: %d networks per arm, %d epochs x %d trajectories x T = %d, %d threads; "
                + "run folder %s%n", name, settings.networks(), settings.epochs(), settings.trajectories(),
                settings.horizon(), settings.threads(), dir);
        out.flush();
        ExperimentRunner runner = new ExperimentRunner(name, settings.threads(), out);
        experiment.run(settings, runner, report);
        report.finish(settings, command.isEmpty() ? "neurorig mop " + name : "neurorig " + command, runner.elapsedSeconds(),
                out);
    }
}
