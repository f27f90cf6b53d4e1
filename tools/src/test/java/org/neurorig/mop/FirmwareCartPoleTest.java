package org.neurorig.mop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.cli.Main;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.MopAgent;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.PlantMopController;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.testing.SeedSweep;

/**
 * NeuroMOP agents trained on CartPole-v1 drive the reference firmware's plant on QEMU's Uno through
 * FirmwarePlant (a real serial link to real firmware), on reduced sizes: 80 epochs, T = 150. Skips, saying
 * what to install, without avr-gcc or qemu-system-avr (.ci/run installs both).
 *
 * <p>The firmware keeps its own 20 ms clock, so an episode takes up to T x 20 ms = 3 s of real time, and
 * five agents with three episodes each on the firmware with and without its actuator delay would take
 * about 90 s. So the learning claim, that an agent trained on the firmware's physics balances, is checked
 * in-process, over five networks, where it is cheap; the firmware is used for what only it can show: that
 * its plant (float32 physics, encoder counts for sensors, the serial link, its own clock) is the plant
 * these agents were trained for. Each of the five agents runs one episode on each firmware plant, with
 * the policy seed of its first in-process episode. A single episode is all or nothing (the agent balances
 * to T, or the pole falls early), so the firmware claims are on the mean over the five agents' episodes,
 * which one fallen pole does not overturn. About 45 s in all.
 */
@Tag("emulator")
class FirmwareCartPoleTest {

    private static final int T = 150;
    private static final int IN_PROCESS_EPISODES = 5;
    private static final int RANDOM_EPISODES = 3;
    private static final long[] NETWORKS = SeedSweep.seeds(0, 5);

    @Test
    void agentsTrainedOnTheFirmwaresPhysicsBalanceTheEmulatedPlantAsTheyDoInProcess() {
        Optional<String> missing = FirmwareCartPole.unavailable();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        CartPoleParameters gym = CartPoleParameters.gym();
        MopSettings s = new FirmwareCartPoleExperiment().defaults(1, Path.of("unused"))
                .withTask(1, 80, T, IN_PROCESS_EPISODES);
        List<MopAgent> agents = new ArrayList<>();
        List<FirmwareCartPole.Episodes> inProcess = new ArrayList<>();
        for (long network : NETWORKS) {
            MopTraining training = CartPoleExperiment.training(s, (int) network, ControllerKind.MOP, gym);
            for (int e = 0; e < s.epochs(); e++) {
                training.runEpoch();
            }
            training.keepBest(); // as the experiment deploys them
            agents.add(training.agent());
            inProcess.add(inProcess(training.agent(), gym, IN_PROCESS_EPISODES, policySeed(network)));
        }
        SeedSweep.assertHoldsForAtLeast(4, NETWORKS, "CartPole-v1 in-process, T = " + T + ": the agents' lifetime",
                network -> SeedSweep.Outcome.atLeast(inProcess.get((int) network).mean(), 0.8 * T, "mean of "
                        + IN_PROCESS_EPISODES + " episodes"));

        FirmwareCartPole.Episodes[] shipped;
        FirmwareCartPole.Episodes randomOnFirmware;
        try (FirmwareCartPole fw = FirmwareCartPole.start(true)) {
            assertEquals(gym, fw.physics(), "the firmware announces CartPole-v1's tick and force");
            shipped = onFirmware(agents, fw);
            randomOnFirmware = FirmwareCartPole.run(new PlantMopController(FirmwareCartPoleExperiment.randomPolicy(s, gym)),
                    fw.plant(), RANDOM_EPISODES, T, 7);
        }
        FirmwareCartPole.Episodes[] noDelay;
        String lastProblem;
        try (FirmwareCartPole fw = FirmwareCartPole.start(false)) {
            noDelay = onFirmware(agents, fw);
            lastProblem = fw.plant().link().health().lastProblem();
        }
        double[] firstInProcess = new double[agents.size()];
        for (int i = 0; i < firstInProcess.length; i++) {
            firstInProcess[i] = inProcess.get(i).lifetimes()[0];
        }
        System.out.printf("firmware cart-pole, T = %d, one episode per agent: in-process %s, on the firmware %s "
                + "(%.1f ms per tick), without its actuator delay %s; random policy on the firmware %s%n", T,
                Arrays.toString(firstInProcess), lifetimes(shipped), msPerTick(shipped), lifetimes(noDelay),
                randomOnFirmware.stat().format(1));
        List<FirmwareCartPole.Episodes> all = new ArrayList<>(List.of(shipped));
        all.addAll(List.of(noDelay));
        all.add(randomOnFirmware);
        assertEquals(0, all.stream().mapToInt(FirmwareCartPole.Episodes::faults).sum(), () -> "episodes ended by a fault: "
                + all.stream().map(FirmwareCartPole.Episodes::faultStatuses).filter(f -> !f.isEmpty()).toList()
                + "; the link's last problem: " + lastProblem);
        // the firmware keeps its own 20 ms clock: each decision waited for its state (slower only when starved)
        assertTrue(msPerTick(shipped) > 15, msPerTick(shipped) + " ms per tick: not the firmware's pace");
        assertTrue(randomOnFirmware.mean() < 40, "a random policy kept the pole up " + randomOnFirmware.mean() + " ticks");
        double meanShipped = mean(shipped);
        assertTrue(meanShipped > 3 * randomOnFirmware.mean(), "the agents on the firmware: " + meanShipped
                + " ticks, the random policy: " + randomOnFirmware.mean());
        // Without the emulated actuator delay, what is left between the plants is the firmware's float32 physics,
        // its encoder-count sensors (velocities as count differences) and the link's timing: within 30% (measured
        // over these five agents in three runs: 148.0 to 150.0 ticks, and 150.0 in-process; with the delay 109.6 to
        // 150.0). The one tick of delay is a non-ideality the agents'
        // model does not know, and costs a lightly trained agent more, so it is only compared with the random policy.
        double meanInProcess = Arrays.stream(firstInProcess).average().orElseThrow();
        assertTrue(Math.abs(mean(noDelay) - meanInProcess) <= 0.3 * meanInProcess, "on the firmware without its delay "
                + mean(noDelay) + " ticks, in-process " + meanInProcess + ": more than 30% apart");
    }

    /** Network i's episodes use policy seeds from this one on, the same on every plant. */
    private static long policySeed(long network) {
        return 1000 * (network + 1);
    }

    private static FirmwareCartPole.Episodes inProcess(MopAgent agent, CartPoleParameters physics, int episodes,
            long seed) {
        CartPolePlant plant = new CartPolePlant(physics, CartPolePlant.ForceMode.CONTINUOUS);
        plant.configure();
        plant.activate();
        return FirmwareCartPole.run(new PlantMopController(agent), plant, episodes, T, seed);
    }

    /** One episode of each agent, with the policy seed of its first in-process episode. */
    private static FirmwareCartPole.Episodes[] onFirmware(List<MopAgent> agents, FirmwareCartPole fw) {
        FirmwareCartPole.Episodes[] episodes = new FirmwareCartPole.Episodes[agents.size()];
        for (int i = 0; i < episodes.length; i++) {
            episodes[i] = FirmwareCartPole.run(new PlantMopController(agents.get(i)), fw.plant(), 1, T, policySeed(i));
        }
        return episodes;
    }

    private static double mean(FirmwareCartPole.Episodes[] episodes) {
        return Arrays.stream(episodes).mapToDouble(FirmwareCartPole.Episodes::mean).average().orElseThrow();
    }

    private static double msPerTick(FirmwareCartPole.Episodes[] episodes) {
        double seconds = Arrays.stream(episodes).mapToDouble(FirmwareCartPole.Episodes::seconds).sum();
        long ticks = Arrays.stream(episodes).mapToLong(FirmwareCartPole.Episodes::ticks).sum();
        return 1e3 * seconds / ticks;
    }

    private static String lifetimes(FirmwareCartPole.Episodes[] episodes) {
        return Arrays.toString(Arrays.stream(episodes).mapToInt(e -> e.lifetimes()[0]).toArray());
    }

    @Test
    void theCommandWritesLifetimesOnEveryPlantToTheRunFolder(@TempDir Path dir) throws IOException {
        Optional<String> missing = FirmwareCartPole.unavailable();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        Path out = dir.resolve("run");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(new String[] {"mop", "cartpole-firmware", "--networks", "1", "--epochs", "2", "--trajectories",
            "2", "--horizon", "30", "--hidden", "4", "--updates", "2", "--test-trajectories", "1", "--threads", "2",
            "--out", out.toString()}, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertEquals(0, code, stderr.toString());
        assertTrue(stdout.toString().contains("on the firmware:") && stdout.toString().contains("QEMU Uno up"),
                "progress is shown:\n" + stdout);
        String summary = Files.readString(out.resolve("summary.txt"));
        for (String row : new String[] {"in-process CartPolePlant", "firmware on QEMU Uno (as shipped", "actuator delay off",
            "random policy", "paired by network", "ended by a link fault"}) {
            assertTrue(summary.contains(row), row + " missing from:\n" + summary);
        }
        // one episode per plant for each arm's network and for the random policy: 2 x 3 + 3 rows
        var rows = Files.readAllLines(out.resolve("episodes.csv"));
        assertEquals(1 + 2 * 3 + 3, rows.size(), String.join("\n", rows));
        for (String row : rows.subList(1, rows.size())) {
            int lifetime = Integer.parseInt(row.substring(row.lastIndexOf(',') + 1));
            assertTrue(lifetime >= 0 && lifetime <= 30, row);
        }
    }
}
