package org.neurorig.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.testing.SeedSweep;

/**
 * The simulated rigs assembled from their profiles and run for whole episodes in invoker mode (an
 * injected clock, one tick per step, nothing sleeps), and once on their real-time thread.
 */
class SimulatedRigTest {

    @TempDir
    Path dir;

    private static RigOptions invoker() {
        return RigOptions.defaults().inInvokerMode().withWarnings(w -> { });
    }

    @Test
    void simCartpoleRunsEpisodesWithinItsLimitsAndItsTelemetryHasEveryTick() throws Exception {
        Path log = dir.resolve("run.telemetry");
        long ticks;
        try (Rig rig = Rig.assemble("sim-cartpole", List.of(), invoker().withTelemetry(log))) {
            assertEquals(Rig.State.ASSEMBLED, rig.state());
            assertEquals(20, rig.runEpisodes(20, 100_000));
            assertEquals(Rig.State.RUNNING, rig.state());
            for (EpisodeHistory.Episode e : rig.history().last(20)) {
                assertTrue(e.end() != EpisodeHistory.End.ABORTED, "episode " + e);
                assertTrue(e.ticks() >= 1 && e.ticks() <= 500, "episode " + e);
            }
            assertEquals(0, rig.loop().trips());
            ticks = rig.loop().ticks();
            rig.stop();
            assertEquals(Rig.State.STOPPED, rig.state());
        }
        long records = TelemetryLog.open(log).read(r -> {
            assertEquals(4, r.sensorCount());
            assertTrue(Math.abs(r.written(0)) <= 10.0, "the force passed the actuator's limits: " + r.written(0));
        }).records();
        assertEquals(ticks, records, "one telemetry record per tick, flushed at stop");
    }

    /**
     * Weight perturbation, the default rule, on the default rig: from a zero readout (episodes of about
     * 30 ticks) to 10 episodes in a row at the 500-tick limit, the criterion at which {@code run}
     * stops. Each seed sets the network, the rule's noise and the episodes' starts.
     */
    @Test
    void theDefaultRigLearnsToBalance() {
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(1, 5), "sim-cartpole, wp: episodes until learned", seed -> {
            List<String> sets = List.of("learning.seed=" + seed, "network.seed=" + seed, "episodes.seed=" + seed);
            try (Rig rig = Rig.assemble("sim-cartpole", sets, invoker())) {
                int inARow = 0;
                int episodes = 0;
                while (inARow < 10 && episodes < 300) {
                    rig.runEpisodes(1, 1_000);
                    episodes++;
                    inARow = rig.history().get(rig.history().count() - 1).end() == EpisodeHistory.End.TRUNCATED
                            ? inARow + 1 : 0;
                }
                double untrained = rig.history().last(episodes).subList(0, 10).stream()
                        .mapToInt(EpisodeHistory.Episode::ticks).average().orElseThrow();
                assertTrue(untrained < 100, "an untrained readout should not balance: " + untrained);
                return SeedSweep.Outcome.atMost(inARow == 10 ? episodes : Double.POSITIVE_INFINITY, 300,
                        "learned after episodes");
            } catch (RigException | org.neurorig.profile.ProfileException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Weight perturbation's antithetic pair: the -psi trial starts from the state the +psi trial started from. */
    @Test
    void theSecondTrialOfAPairStartsWhereTheFirstDid() throws Exception {
        Path log = dir.resolve("pairs.telemetry");
        try (Rig rig = Rig.assemble("sim-cartpole", List.of(), invoker().withTelemetry(log))) {
            rig.runEpisodes(6, 100_000);
            rig.stop();
        }
        Map<Integer, double[]> firstState = new HashMap<>();
        TelemetryLog.open(log).read(r -> firstState.putIfAbsent(r.episode(),
                new double[] {r.sensor(0), r.sensor(1), r.sensor(2), r.sensor(3)}));
        for (int e = 0; e < 6; e += 2) {
            assertArrayEquals(firstState.get(e), firstState.get(e + 1), "episodes " + e + " and " + (e + 1));
            assertNotEquals(firstState.get(e)[2], firstState.get(e + 2)[2], "a new pair draws a new start");
        }
    }

    @Test
    void theNonIdealRigRunsThroughTheCalibratedEffects() throws Exception {
        Path log = dir.resolve("nonideal.telemetry");
        try (Rig rig = Rig.assemble("sim-cartpole-nonideal", List.of(), invoker().withTelemetry(log))) {
            NonIdealCartPole plant = assertInstanceOf(NonIdealCartPole.class, rig.device());
            assertEquals(1, plant.nonIdealities().delayTicks());
            assertEquals(2400, plant.nonIdealities().cartEncoderCpr());
            assertEquals(1.1, plant.rigParameters().massCart(), 1e-12, "the cart is 10% heavier than the model's");
            assertEquals(10, rig.runEpisodes(10, 100_000));
            assertEquals(0, rig.loop().trips());
            rig.stop();
        }
        double metersPerCount = 0.04 / 2400;
        double radiansPerCount = 2 * Math.PI / 4096;
        long records = TelemetryLog.open(log).read(r -> {
            double counts = r.sensor(0) / metersPerCount;
            assertEquals(Math.rint(counts), counts, 1e-6, "x is a whole number of encoder counts");
            double poleCounts = r.sensor(2) / radiansPerCount;
            assertEquals(Math.rint(poleCounts), poleCounts, 1e-6, "theta is a whole number of AS5600 counts");
        }).records();
        assertTrue(records > 50);
    }

    @Test
    void everyRuleAssemblesFromTheProfileAndRuns() throws Exception {
        for (String rule : List.of("np", "wp", "reinforce", "miconi", "none")) {
            List<String> sets = new ArrayList<>(List.of("learning.rule=" + rule));
            if (rule.equals("miconi")) {
                sets.add("network.readout_scale=1");
            }
            try (Rig rig = Rig.assemble("sim-cartpole", sets, invoker())) {
                assertEquals(3, rig.runEpisodes(3, 10_000), rule);
                assertTrue(rig.describe().contains(rule.equals("none") ? "no learning" : rule + " eta"), rig.describe());
                if (rule.equals("none")) {
                    assertNull(rig.learning());
                    assertNull(rig.controls());
                } else {
                    assertEquals(rule.equals("np") ? "node-perturbation" : rule.equals("wp") ? "weight-perturbation-2"
                            : rule.equals("reinforce") ? "reinforce-readout" : "miconi", rig.learning().rule().name());
                }
            }
        }
    }


    @Test
    void aPerStepBaselinePredictsEachTickOfTheEpisodeFromEarlierEpisodes() throws Exception {
        try (Rig rig = Rig.assemble("sim-cartpole", List.of("learning.rule=np", "learning.baseline=per-step"), invoker())) {
            assertEquals(3, rig.runEpisodes(3, 10_000));
            assertTrue(rig.describe().contains("per-step baseline"), rig.describe());
            org.neurorig.learning.NodePerturbation np = (org.neurorig.learning.NodePerturbation) rig.learning().rule();
            assertTrue(np.baseline().isPerStep());
            float predicted = np.baseline().value(0);
            assertTrue(predicted > 0.5f && predicted <= 1f, "the balance reward of a tick, 1 upright and centred, predicted from "
                    + "three episodes: " + predicted);
        }
    }
    @Test
    void aCheckpointSavedAfterARunIsWhereTheNextRunStarts() throws Exception {
        Path checkpoint = dir.resolve("net.ckpt");
        float[] learned;
        try (Rig rig = Rig.assemble("sim-cartpole", List.of(), invoker())) {
            rig.runEpisodes(7, 100_000); // ends inside a trial: its perturbation must not be saved
            rig.stop();
            rig.saveCheckpoint(checkpoint);
            learned = rig.network().readoutWeights().clone();
        }
        assertTrue(norm(learned) > 0, "the readout learned something");
        try (Rig resumed = Rig.assemble("sim-cartpole", List.of(), invoker().resumingFrom(checkpoint))) {
            assertArrayEquals(learned, resumed.network().readoutWeights());
        }
        RigException wrong = assertThrows(RigException.class,
                () -> Rig.assemble("sim-cartpole", List.of("network.n=50"), invoker().resumingFrom(checkpoint)));
        assertTrue(wrong.getMessage().contains(checkpoint.toString()) && !wrong.getMessage().contains("\n"), wrong.getMessage());
    }

    /** On its real-time thread: stop() leaves the plant's actuator safe and the telemetry complete. */
    @Test
    void onItsThreadTheRigStopsSafelyWithItsTelemetryFlushed() throws Exception {
        Path log = dir.resolve("thread.telemetry");
        long ticks;
        try (Rig rig = Rig.assemble("sim-cartpole", List.of("rig.rate_hz=500", "learning.rule=none"),
                RigOptions.defaults().withTelemetry(log).withWarnings(w -> { }))) {
            assertThrows(IllegalStateException.class, rig::step, "a threaded rig is not stepped by hand");
            rig.start();
            assertTrue(rig.awaitEpisodes(3, Duration.ofSeconds(30)), "3 episodes in 30 s at 500 Hz");
            rig.stop();
            ticks = rig.loop().ticks();
            // the history written on the loop's thread reads back whole on this one: numbered in order, each
            // episode at least a tick long, together no longer than the loop ran
            var episodes = rig.history().last(EpisodeHistory.CAPACITY);
            assertEquals(rig.history().count(), episodes.size());
            for (int i = 0; i < episodes.size(); i++) {
                assertEquals(i, episodes.get(i).number(), episodes.toString());
                assertTrue(episodes.get(i).ticks() >= 1, episodes.toString());
            }
            assertTrue(episodes.stream().mapToLong(EpisodeHistory.Episode::ticks).sum() <= ticks, episodes + " in " + ticks);
            assertTrue(rig.loop().latency() != null, "latency is recorded on the real-time thread");
        }
        assertEquals(ticks, TelemetryLog.open(log).scan().records(), "every tick's record reached the file");
    }

    @Test
    void aRuleOfNoneIsThePlainNetworkController() throws Exception {
        try (Rig rig = Rig.assemble("sim-cartpole", List.of("learning.rule=none"), invoker())) {
            assertNull(rig.learning());
            float[] before = rig.network().readoutWeights().clone();
            rig.runEpisodes(3, 10_000);
            assertArrayEquals(before, rig.network().readoutWeights(), "nothing learns");
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
