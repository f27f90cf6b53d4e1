package org.neurorig.mop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.MopAgent;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.PlantMopController;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.plant.CartPolePlant;

/**
 * The "On hardware" part on the real firmware: cart-pole agents (NeuroMOP and the R network) trained on
 * the physics the reference firmware simulates, Gymnasium's CartPole-v1 ({@link CartPoleParameters#gym()}:
 * +-10 N, half-length 0.5 m, |theta| &lt;= 12 degrees, |x| &lt;= 2.4 m, no velocity clipping), then each
 * drives the firmware's plant on QEMU's Uno through {@link PlantMopController} and {@code FirmwarePlant}
 * (the same path as a real Uno on USB), and the in-process {@link CartPolePlant} with the same physics,
 * from rest, with the same policy seeds. The firmware runs in real time at its 20 ms tick, so its episodes
 * run one after another after training, on one emulator.
 *
 * <p>The actions +-10 N are the firmware's full scale: {@code FirmwarePlant.toQ15} sends +-32767, which
 * the firmware turns into a duty of +-255, exactly +-10 N. What differs on the firmware: the sensors are
 * encoder counts (x in 0.1 mm, theta in 2 pi / 2400 rad) and the velocities count differences over the
 * last tick (a backward difference: the velocity of one tick before, quantized to 5 mm/s and 0.13 rad/s);
 * the firmware applies each command one tick late (its emulated actuator delay; also run without it);
 * it integrates in float32; its clock is its own, so a late command waits for the next tick.
 */
final class FirmwareCartPoleExperiment implements MopExperiment {

    @Override
    public String name() {
        return "cartpole-firmware";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        // cartpole's learning settings; 5 test episodes per plant (each firmware episode is T x 20 ms of real time)
        MopSettings b = new CartPoleExperiment().defaults(threads, out);
        return b.withTask(4, 300, 1000, 5);
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        // fail before training, not after it, when the emulator or the compiler is missing
        FirmwareCartPole.unavailable().ifPresent(m -> {
            throw new IllegalStateException("cannot run the firmware plant: " + m);
        });
        CartPoleParameters gym = CartPoleParameters.gym();
        String mop = "NeuroMOP";
        String r = "R eps=" + s.epsilon();
        Map<String, MopTraining> trained = new ConcurrentHashMap<>();
        List<Arm> arms = new ArrayList<>();
        for (String label : List.of(mop, r)) {
            ControllerKind kind = label.equals(mop) ? ControllerKind.MOP : ControllerKind.R;
            // the in-process plant runs on the worker thread; the trained agent is kept for the firmware
            Arm.Probe inProcess = (t, i) -> {
                trained.put(label + "#" + i, t);
                int[] lifetimes = inProcess(t.agent(), gym, s, i).lifetimes();
                return Arrays.stream(lifetimes).asDoubleStream().toArray();
            };
            arms.add(new Arm(label, i -> CartPoleExperiment.training(s, i, kind, gym), 0, inProcess));
        }
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());

        List<String> lines = new ArrayList<>(List.of("arm,network,plant,episode,lifetime"));
        for (List<NetworkResult> list : results.values()) {
            for (NetworkResult n : list) {
                for (int k = 0; k < n.probe().length; k++) {
                    lines.add(n.arm() + "," + n.network() + ",in-process," + k + "," + (int) n.probe()[k]);
                }
            }
        }
        Map<String, double[][]> firmware = new LinkedHashMap<>(); // arm -> [delay on, delay off][network]
        Map<String, FirmwareCartPole.Episodes> random = new LinkedHashMap<>();
        int[] faults = new int[2];
        long[] ticks = new long[2];
        double[] seconds = new double[2];
        List<String> problems = new ArrayList<>();
        for (boolean delay : new boolean[] {true, false}) {
            String plantName = delay ? "firmware" : "firmware-no-delay";
            try (FirmwareCartPole fw = FirmwareCartPole.start(delay)) {
                fw.physics();
                runner.progress(String.format(Locale.ROOT, "QEMU Uno up (%s, actuator delay %s): %d episodes per agent",
                        fw.plant().identity().name(), delay ? "on" : "off", s.testTrajectories()));
                for (String label : List.of(mop, r)) {
                    double[][] perArm = firmware.computeIfAbsent(label, k -> new double[2][s.networks()]);
                    for (int i = 0; i < s.networks(); i++) {
                        FirmwareCartPole.Episodes e = FirmwareCartPole.run(
                                new PlantMopController(trained.get(label + "#" + i).agent()), fw.plant(),
                                s.testTrajectories(), s.horizon(), episodeSeed(s, i));
                        perArm[delay ? 0 : 1][i] = e.mean();
                        record(lines, label, i, plantName, e);
                        runner.progress(String.format(Locale.ROOT, "%-12s #%-2d on the %s: lifetime %7.1f%s  (%.1f s, %.1f ms per tick)",
                                label, i, plantName, e.mean(), e.faults() == 0 ? "" : "  " + e.faults() + " ended by a fault",
                                e.seconds(), e.msPerTick()));
                        faults[delay ? 0 : 1] += e.faults();
                        ticks[delay ? 0 : 1] += e.ticks();
                        seconds[delay ? 0 : 1] += e.seconds();
                        if (e.faults() > 0) {
                            problems.add(plantName + " " + label + " #" + i + ": " + e.faultStatuses() + " ("
                                    + fw.plant().link().health().lastProblem() + ")");
                        }
                    }
                }
                FirmwareCartPole.Episodes e = FirmwareCartPole.run(new PlantMopController(randomPolicy(s, gym)),
                        fw.plant(), s.testTrajectories(), s.horizon(), episodeSeed(s, 0));
                random.put(plantName, e);
                record(lines, "random", 0, plantName, e);
                faults[delay ? 0 : 1] += e.faults();
            }
        }
        FirmwareCartPole.Episodes randomInProcess = inProcess(randomPolicy(s, gym), gym, s, 0);
        record(lines, "random", 0, "in-process", randomInProcess);
        writeEpisodes(report, lines);
        summarize(s, gym, results, firmware, random, randomInProcess, List.of(mop, r), report);
        report.line("firmware episodes ended by a link fault (their lifetimes count the ticks before it): %d as shipped, "
                + "%d without the delay%s", faults[0], faults[1], problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        report.line("firmware wall time per tick, agents' episodes: %.2f ms as shipped, %.2f ms without the delay "
                + "(the firmware's tick is %.0f ms: a longer one means states the emulator was late with)",
                1e3 * seconds[0] / Math.max(1, ticks[0]), 1e3 * seconds[1] / Math.max(1, ticks[1]), 1e3 * gym.dt());
    }

    private static long episodeSeed(MopSettings s, int network) {
        return s.networkSeed(network, 9);
    }

    /** Episodes of an agent on the in-process plant with the firmware's physics (continuous force, as the firmware). */
    static FirmwareCartPole.Episodes inProcess(MopAgent agent, CartPoleParameters physics, MopSettings s, int network) {
        CartPolePlant plant = new CartPolePlant(physics, ForceMode.CONTINUOUS);
        plant.configure();
        plant.activate();
        return FirmwareCartPole.run(new PlantMopController(agent), plant, s.testTrajectories(), s.horizon(),
                episodeSeed(s, network));
    }

    /** The baseline: an untrained R agent with epsilon 1, which pushes +-10 N at random. */
    static MopAgent randomPolicy(MopSettings s, CartPoleParameters physics) {
        MopAgent agent = CartPoleExperiment.training(s, 0, ControllerKind.R, physics).agent();
        agent.setEpsilon(1);
        return agent;
    }

    private static void record(List<String> lines, String arm, int network, String plant, FirmwareCartPole.Episodes e) {
        for (int k = 0; k < e.lifetimes().length; k++) {
            lines.add(arm + "," + network + "," + plant + "," + k + "," + e.lifetimes()[k]);
        }
    }

    private static void writeEpisodes(ExperimentReport report, List<String> lines) {
        Path file = report.dir().resolve("episodes.csv");
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void summarize(MopSettings s, CartPoleParameters p, Map<String, List<NetworkResult>> results,
            Map<String, double[][]> firmware, Map<String, FirmwareCartPole.Episodes> random,
            FirmwareCartPole.Episodes randomInProcess, List<String> arms, ExperimentReport report) {
        report.line("cart-pole (Gymnasium CartPole-v1, the reference firmware's physics): force +-%.0f N, half-length %.1f m, "
                + "terminal |x| > %.1f m or |theta| > %.4f rad (12 deg), no velocity clipping, gamma %.2f, from rest",
                p.forceMag(), p.halfLength(), p.xThreshold(), p.thetaThreshold(), s.gamma());
        report.table(results, List.of(Measure.LIFETIME, Measure.AT_CAP, Measure.ENTROPY, Measure.FINAL_TRAIN_LIFETIME,
                Measure.SECONDS));
        report.line("");
        report.line("on the plants through PlantMopController (successors from the nominal model), %d episodes from rest per",
                s.testTrajectories());
        report.line("network and plant, same policy seeds on every plant, T = %d; lifetime = ticks before the plant's first",
                s.horizon());
        report.line("terminal state; mean +- SEM across networks (in brackets: networks whose every episode reached T):");
        report.line(String.format(Locale.ROOT, "%-52s | %-26s | %-26s", "plant", arms.get(0), arms.get(1)));
        List<String> plants = List.of("in-process CartPolePlant (float64)", "firmware on QEMU Uno (as shipped: 1-tick delay)",
                "firmware on QEMU Uno, actuator delay off");
        for (int c = 0; c < plants.size(); c++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-52s", plants.get(c)));
            for (String arm : arms) {
                double[] v = perNetwork(results.get(arm), firmware.get(arm), c);
                long atCap = Arrays.stream(v).filter(x -> x >= s.horizon()).count();
                row.append(String.format(Locale.ROOT, " | %-26s", Stat.of(v).format(1) + " (" + atCap + " of " + v.length + ")"));
            }
            report.line(row.toString());
        }
        report.line("random policy (+-10 N at random), mean +- SEM across %d episodes: in-process %s, firmware %s, "
                + "firmware without delay %s", s.testTrajectories(), randomInProcess.stat().format(1),
                random.get("firmware").stat().format(1), random.get("firmware-no-delay").stat().format(1));
        report.line("");
        report.line("firmware minus in-process, paired by network (mean +- SEM of the differences):");
        for (String arm : arms) {
            double[] in = perNetwork(results.get(arm), firmware.get(arm), 0);
            double[] fw = perNetwork(results.get(arm), firmware.get(arm), 1);
            double[] fwNoDelay = perNetwork(results.get(arm), firmware.get(arm), 2);
            report.line("  %-12s as shipped %s; delay off %s", arm, Stat.of(difference(fw, in)).formatSigned(1),
                    Stat.of(difference(fwNoDelay, in)).formatSigned(1));
        }
        report.line("every episode of every plant: episodes.csv");
        List<String> labels = new ArrayList<>(results.keySet());
        report.figure("lifetime", Figures.perEpoch("Cart-pole (CartPole-v1): lifetime during training", "lifetime t_end",
                labels, List.of(Traces.perEpoch(results.get(arms.get(0)), EpochReport::lifetime),
                        Traces.perEpoch(results.get(arms.get(1)), EpochReport::lifetime))));
    }

    /** Per network, its mean lifetime on: 0 the in-process plant (the probe's episodes), 1 the firmware as shipped, 2 without the delay. */
    private static double[] perNetwork(List<NetworkResult> results, double[][] firmware, int plant) {
        double[] v = new double[results.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = plant == 0 ? Arrays.stream(results.get(i).probe()).average().orElseThrow()
                    : firmware[plant - 1][i];
        }
        return v;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
