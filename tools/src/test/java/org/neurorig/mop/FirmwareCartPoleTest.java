package org.neurorig.mop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.cli.Main;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.MopAgent;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.PlantMopController;
import org.neurorig.plant.CartPoleParameters;

/**
 * A NeuroMOP agent trained on CartPole-v1 drives the reference firmware's plant on QEMU's Uno through
 * FirmwarePlant (a real serial link to real firmware), on reduced sizes: 80 epochs, T = 150, 3 episodes
 * per plant. Skips, saying what to install, without avr-gcc or qemu-system-avr (.ci/run installs both).
 */
class FirmwareCartPoleTest {

    private static final int T = 150;
    private static final int EPISODES = 3;

    @Test
    void anAgentTrainedOnTheFirmwaresPhysicsBalancesTheEmulatedPlantAsItDoesInProcess() {
        Optional<String> missing = FirmwareCartPole.unavailable();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        CartPoleParameters gym = CartPoleParameters.gym();
        MopSettings s = new FirmwareCartPoleExperiment().defaults(1, Path.of("unused")).withTask(1, 80, T, EPISODES);
        MopTraining training = CartPoleExperiment.training(s, 0, ControllerKind.MOP, gym);
        for (int e = 0; e < s.epochs(); e++) {
            training.runEpoch();
        }
        MopAgent random = FirmwareCartPoleExperiment.randomPolicy(s, gym);
        FirmwareCartPole.Episodes inProcess = FirmwareCartPoleExperiment.inProcess(training.agent(), gym, s, 0);
        FirmwareCartPole.Episodes onFirmware;
        FirmwareCartPole.Episodes randomOnFirmware;
        try (FirmwareCartPole fw = FirmwareCartPole.start(true)) {
            assertEquals(gym, fw.physics(), "the firmware announces CartPole-v1's tick and force");
            onFirmware = FirmwareCartPole.run(new PlantMopController(training.agent()), fw.plant(), EPISODES, T, 7);
            randomOnFirmware = FirmwareCartPole.run(new PlantMopController(random), fw.plant(), EPISODES, T, 7);
        }
        FirmwareCartPole.Episodes noDelay;
        String lastProblem;
        try (FirmwareCartPole fw = FirmwareCartPole.start(false)) {
            noDelay = FirmwareCartPole.run(new PlantMopController(training.agent()), fw.plant(), EPISODES, T, 7);
            lastProblem = fw.plant().link().lastProblem();
        }
        System.out.printf("firmware cart-pole, T = %d: agent in-process %s, on the firmware %s (%.1f ms per tick), "
                + "without its actuator delay %s; random policy on the firmware %s%n", T, inProcess.stat().format(1),
                onFirmware.stat().format(1), onFirmware.msPerTick(), noDelay.stat().format(1),
                randomOnFirmware.stat().format(1));
        assertEquals(0, onFirmware.faults() + randomOnFirmware.faults() + noDelay.faults(), () -> "episodes ended by a fault: "
                + onFirmware.faultStatuses() + " / " + randomOnFirmware.faultStatuses() + " / " + noDelay.faultStatuses()
                + "; the link's last problem: " + lastProblem);
        // the firmware keeps its own 20 ms clock: each decision waited for its state (slower only when starved)
        assertTrue(onFirmware.msPerTick() > 15, onFirmware.msPerTick() + " ms per tick: not the firmware's pace");
        assertTrue(randomOnFirmware.mean() < 40, "a random policy kept the pole up " + randomOnFirmware.mean() + " ticks");
        assertTrue(onFirmware.mean() > 3 * randomOnFirmware.mean(), "the agent on the firmware: " + onFirmware.mean()
                + " ticks, the random policy: " + randomOnFirmware.mean());
        // Without the emulated actuator delay, what is left between the plants is the firmware's float32 physics,
        // its encoder-count sensors (velocities as count differences) and the link's timing: within 30% (measured:
        // 263.7 against 264.0 ticks at T = 300). The one tick of delay is a non-ideality the agent's model does not
        // know, and costs a lightly trained agent much more (this agent: about 40%), so it is only compared with
        // the random policy above.
        assertTrue(Math.abs(noDelay.mean() - inProcess.mean()) <= 0.3 * inProcess.mean(), "on the firmware without "
                + "its delay " + noDelay.mean() + " ticks, in-process " + inProcess.mean() + ": more than 30% apart");
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
