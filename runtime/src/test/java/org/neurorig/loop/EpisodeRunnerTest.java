package org.neurorig.loop;

import org.neurorig.control.Controller;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.ForwardingController;
import org.neurorig.control.Tick;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.neurorig.plant.CartPole;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.testing.BalancingFeedback;

/**
 * Whole episodes through the real loop in lockstep: the same episodes a plain simulation of the
 * cart-pole under the same policy gives, step for step, ended at the plant's terminal state or at the
 * tick limit; and in real time, paced, paused, gated.
 */
class EpisodeRunnerTest {

    private static final CartPoleParameters GYM = CartPoleParameters.gym();

    /** A fixed linear policy; {@code gain} 0 lets the pole fall, the default gains balance it for a while. */
    private record Linear(double[] k) implements Controller {
        @Override
        public int sensorCount() {
            return 4;
        }

        @Override
        public int commandCount() {
            return 1;
        }

        @Override
        public void update(Tick tick, double[] sensors, double[] commands) {
            commands[0] = force(sensors);
        }

        double force(double[] s) {
            return k[0] * s[0] + k[1] * s[1] + k[2] * s[2] + k[3] * s[3];
        }
    }

    /** The episode lengths of {@code policy} by hand: CartPole stepped directly, force clamped to +-10 N. */
    private static List<Integer> byHand(Linear policy, long seed, int episodes, int maxTicks) {
        SplittableRandom random = new SplittableRandom(seed);
        CartPole pole = new CartPole(GYM);
        double[] s = new double[4];
        List<Integer> lengths = new ArrayList<>();
        for (int e = 0; e < episodes; e++) {
            CartPole.drawInitialState(GYM, random, s);
            pole.setState(s);
            int n = 0;
            while (n < maxTicks) {
                pole.state(s);
                pole.step(Math.max(-10, Math.min(10, policy.force(s))));
                n++;
                if (pole.terminated()) {
                    break;
                }
            }
            lengths.add(n);
        }
        return lengths;
    }

    private static List<Integer> inLoop(Linear policy, long seed, int episodes, int maxTicks, EpisodeRecorder[] recorder) {
        recorder[0] = new EpisodeRecorder(policy);
        List<Integer> lengths = new ArrayList<>();
        try (EpisodeRunner loop = new EpisodeRunner(new CartPolePlant(GYM, CartPolePlant.ForceMode.CONTINUOUS), recorder[0],
                Task.survival(), maxTicks, CartPoleBalancing.starts(GYM, seed), ActuatorLimits.symmetric(10))) {
            for (int e = 0; e < episodes; e++) {
                EpisodeRunner.Episode episode = loop.runEpisode();
                lengths.add(episode.length());
                assertEquals(episode.length(), episode.episodeReturn(), 1e-9, "survival: the return is the length");
                assertTrue(episode.terminal() != episode.truncated(), "an episode ends one way: " + episode);
                assertEquals(episode.truncated(), episode.length() == maxTicks, "truncated exactly at the limit: " + episode);
            }
        }
        return lengths;
    }

    @Test
    void episodesAreThoseOfThePlantSteppedByHand() {
        Linear balancing = new Linear(BalancingFeedback.GAINS);
        EpisodeRecorder[] recorder = new EpisodeRecorder[1];
        List<Integer> loop = inLoop(balancing, 7, 6, 200, recorder);
        assertEquals(byHand(balancing, 7, 6, 200), loop);
        assertTrue(loop.contains(200), "some episodes reach the limit: " + loop);
        assertEquals(6, recorder[0].episodes());

        Linear falling = new Linear(new double[] {0, 0, 0, 0});
        List<Integer> fell = inLoop(falling, 3, 5, 500, recorder);
        assertEquals(byHand(falling, 3, 5, 500), fell);
        assertTrue(fell.stream().allMatch(n -> n < 100), "without control the pole falls early: " + fell);
        assertTrue(recorder[0].lastTerminal() && !recorder[0].lastTruncated() && !recorder[0].lastAborted());
    }

    @Test
    void theListenerSeesEachEpisodeAtItsEnd() {
        List<Integer> seen = new ArrayList<>();
        EpisodeRecorder recorder = new EpisodeRecorder(new Linear(new double[4]), r -> seen.add(r.lastLength()));
        try (EpisodeRunner loop = new EpisodeRunner(new CartPolePlant(GYM, CartPolePlant.ForceMode.CONTINUOUS), recorder,
                Task.survival(), 500, CartPoleBalancing.starts(GYM, 1), ActuatorLimits.symmetric(10))) {
            int a = loop.runEpisode().length();
            int b = loop.runEpisode().length();
            assertEquals(List.of(a, b), seen);
        }
    }

    @Test
    void aControllerFaultStopsTheRunWithTheWatchdogsReason() {
        Controller throwing = new ForwardingController(new Linear(new double[4])) {
            @Override
            public void update(Tick tick, double[] sensors, double[] commands) {
                if (tick.episodeTick() == 3) {
                    throw new IllegalStateException("boom");
                }
                super.update(tick, sensors, commands);
            }
        };
        try (EpisodeRunner loop = new EpisodeRunner(new CartPolePlant(GYM, CartPolePlant.ForceMode.CONTINUOUS),
                new EpisodeRecorder(throwing), Task.survival(), 500, CartPoleBalancing.starts(GYM, 1), ActuatorLimits.symmetric(10))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, loop::runEpisode);
            assertTrue(e.getMessage().contains("watchdog") || e.getMessage().contains("failed"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new EpisodeRunner(new CartPolePlant(GYM,
                CartPolePlant.ForceMode.CONTINUOUS), new EpisodeRecorder(throwing), Task.survival(), 0,
                CartPoleBalancing.starts(GYM, 1), ActuatorLimits.symmetric(10)));
    }

    private static final long PERIOD = Math.round(GYM.dt() * 1e9);

    /**
     * Real time: ticks keep the plant's period on CLOCK_MONOTONIC, and a caller that is busy elsewhere
     * between two episodes (here for 50 periods) resumes without the overrun check tripping, because the
     * loop's clock stood still meanwhile; the watchdog trips on an overrun of 25 periods from the first tick.
     */
    @Test
    void realTimeKeepsThePeriodAndAPauseBetweenEpisodesIsNoOverrun() {
        WatchdogConfig strict = new WatchdogConfig(3, 25 * PERIOD, 25, 0, 0);
        int maxTicks = 10;
        try (EpisodeRunner loop = new EpisodeRunner(new CartPolePlant(GYM, CartPolePlant.ForceMode.CONTINUOUS),
                new EpisodeRecorder(new Linear(BalancingFeedback.GAINS)), Task.survival(), maxTicks, CartPoleBalancing.starts(GYM, 2),
                EpisodeRunner.Pace.realTime(null, strict), ActuatorLimits.symmetric(10))) {
            long start = System.nanoTime();
            EpisodeRunner.Episode first = loop.runEpisode();
            long took = System.nanoTime() - start;
            assertEquals(maxTicks, first.length(), "the feedback balances 10 ticks");
            assertTrue(took >= (maxTicks - 1) * PERIOD, "paced at " + PERIOD + " ns a tick, not as fast as it computes: " + took + " ns");
            LockSupport.parkNanos(50 * PERIOD); // the stimulus: the caller elsewhere, as compare is during a check
            assertEquals(maxTicks, loop.runEpisode().length(), "the next episode runs, no overrun");
        }
    }

    /** Real time with a start gate: the ticks spent waiting for it are neither the episode's nor its budget's. */
    @Test
    void anEpisodeBeginsWhenTheGateOpens() {
        int[] asked = {0};
        Episodes.StartGate tenthTime = sensors -> ++asked[0] >= 10; // more ticks than the episode's budget of 3 + 2
        try (EpisodeRunner loop = new EpisodeRunner(new CartPolePlant(GYM, CartPolePlant.ForceMode.CONTINUOUS),
                new EpisodeRecorder(new Linear(BalancingFeedback.GAINS)), Task.survival(), 3, CartPoleBalancing.starts(GYM, 2),
                EpisodeRunner.Pace.realTime(tenthTime, null), ActuatorLimits.symmetric(10))) {
            assertEquals(3, loop.runEpisode().length());
            assertTrue(asked[0] >= 10, "asked each tick until it opened: " + asked[0]);
        }
    }
}
