package org.neurorig.loop;

import org.neurorig.control.Controller;
import org.neurorig.control.Tick;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;

/** The loop in invoker mode: an injected clock the test advances by hand, nothing sleeps. */
class ControlLoopTest {

    static final long PERIOD = 1_000_000;
    static final long T0 = 5_000_000_000L;

    final CachedNanoClock clock = new CachedNanoClock();
    final List<Throwable> errors = new ArrayList<>();

    ControlLoopTest() {
        clock.update(T0);
    }

    AgentInvoker invoker(ControlLoop loop) {
        AgentInvoker invoker = new AgentInvoker(errors::add, null, loop);
        invoker.start();
        return invoker;
    }

    @Test
    void ticksRunAtTheirDeadlinesAndNotBefore() {
        FaultyDevice dev = new FaultyDevice("dev", 2, 1, clock);
        ControlLoop loop = ControlLoop.builder().devices(dev).controller(new ScriptedController(2, 1, t -> t.index()))
                .limits(ActuatorLimits.symmetric(100)).periodNanos(PERIOD).clock(clock).build();
        dev.activate();
        AgentInvoker invoker = invoker(loop);
        assertEquals(1, invoker.invoke(), "the first tick runs at once");
        assertEquals(0, invoker.invoke(), "not due yet");
        clock.advance(PERIOD - 1);
        assertEquals(0, invoker.invoke(), "one nanosecond early");
        clock.advance(1);
        assertEquals(1, invoker.invoke());
        assertEquals(T0 + 2 * PERIOD, loop.nextDeadline());
        clock.advance(PERIOD + PERIOD / 2); // woken late but within the period: no overrun, phase kept
        assertEquals(1, invoker.invoke());
        assertEquals(T0 + 3 * PERIOD, loop.nextDeadline(), "deadlines stay on the grid whatever the wake-up time");
        assertEquals(3, loop.ticks());
        assertEquals(0, loop.overruns());
        assertEquals(3, dev.writes.size());
        assertEquals(2.0, dev.writes.get(2)[0], 0.0);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void anOverrunSkipsToTheNextDeadlineWithoutABurstOfCatchUpTicks() {
        FaultyDevice dev = new FaultyDevice("dev", 1, 1, clock);
        ScriptedController c = new ScriptedController(1, 1, t -> 0);
        ControlLoop loop = ControlLoop.builder().devices(dev).controller(c).limits(ActuatorLimits.symmetric(1))
                .periodNanos(PERIOD).clock(clock).watchdog(new WatchdogConfig(3, 10 * PERIOD, 5, 0)).build();
        dev.activate();
        AgentInvoker invoker = invoker(loop);
        invoker.invoke(); // tick 0 at T0
        clock.advance(PERIOD);
        c.duringUpdate = () -> clock.advance(PERIOD * 5 / 2); // tick 1 takes 2.5 periods
        assertEquals(1, invoker.invoke());
        c.duringUpdate = () -> { };
        assertEquals(1, loop.overruns());
        assertEquals(2, loop.skippedPeriods(), "the deadlines at T0+2P and T0+3P passed during the tick");
        assertEquals(T0 + 4 * PERIOD, loop.nextDeadline(), "the next tick is due on the grid, after the skipped ones");
        assertEquals(0, invoker.invoke(), "no catch-up tick for the missed deadlines");
        clock.update(T0 + 4 * PERIOD);
        assertEquals(1, invoker.invoke());
        assertEquals(0, invoker.invoke(), "exactly one tick per deadline");
        assertEquals(3, loop.ticks());
        assertEquals(0, loop.trips(), "2.5 periods late is within the watchdog's 5");
    }

    @Test
    void everyCommandPassesTheActuatorLimitsAndNaNNeverReachesADevice() {
        FaultyDevice dev = new FaultyDevice("dev", 1, 3, clock);
        double[][] script = {
            {Double.NaN, 50, -50},
            {Double.POSITIVE_INFINITY, 0.5, 1.0},
            {0.3, Double.NEGATIVE_INFINITY, -1.0},
        };
        Controller c = new Controller() {
            int k;

            public int sensorCount() {
                return 1;
            }

            public int commandCount() {
                return 3;
            }

            public void update(Tick tick, double[] sensors, double[] commands) {
                System.arraycopy(script[k++], 0, commands, 0, 3);
            }
        };
        ActuatorLimits slewed = new ActuatorLimits(-2, 2, 500, 0.25); // 0.5 per 1 ms tick
        ControlLoop loop = ControlLoop.builder().devices(dev).controller(c)
                .limits(ActuatorLimits.symmetric(10), new ActuatorLimits(-1, 1, Double.POSITIVE_INFINITY, 0), slewed)
                .periodNanos(PERIOD).clock(clock).build();
        dev.activate();
        AgentInvoker invoker = invoker(loop);
        for (int t = 0; t < 3; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
        assertArrayEquals(new double[] {0, 1, -0.25}, dev.writes.get(0), 1e-12,
                "NaN -> safe 0; 50 -> max 1; -50 -> min -2, slew-limited to 0.25 - 0.5 from the safe value");
        assertArrayEquals(new double[] {0, 0.5, 0.25}, dev.writes.get(1), 1e-12, "+inf -> safe; slew +0.5");
        assertArrayEquals(new double[] {0.3, 0, -0.25}, dev.writes.get(2), 1e-12, "-inf -> safe; slew -0.5");
        for (double[] w : dev.writes) {
            for (double v : w) {
                assertTrue(Double.isFinite(v));
            }
        }
        assertEquals(3, loop.guard().nonFiniteCount());
        assertEquals(2, loop.guard().clampedCount());
        assertEquals(3, loop.guard().slewLimitedCount());
    }

    /** Gymnasium's cart-pole under the loop: rewards, terminal and truncated episodes, resets. */
    @Test
    void episodesEndOnTheTerminalStateOrTheTickLimitAndEveryRewardIsDeliveredOnce() {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        SplittableRandom random = new SplittableRandom(3);
        // push right for the first 10 ticks of every episode (the pole falls), do nothing otherwise
        ScriptedController c = new ScriptedController(4, 1, t -> t.episode() % 2 == 0 ? 10 : 0);
        c.duringUpdate = () -> { };
        ControlLoop loop = ControlLoop.builder().devices(plant).controller(c).limits(ActuatorLimits.symmetric(10))
                .periodNanos(PERIOD).clock(clock)
                .episodes(new Episodes(plant, Task.survival(), 40,
                        s -> CartPole.drawInitialState(plant.parameters(), random, s)))
                .build();
        plant.activate();
        AgentInvoker invoker = invoker(loop);
        for (int t = 0; t < 400; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
        assertTrue(loop.episodesEnded() >= 5, "episodes ended: " + loop.episodesEnded());
        assertTrue(c.episodeEnds.contains("terminal"), "pushing with full force makes the pole fall: " + c.episodeEnds);
        assertTrue(c.episodeEnds.contains("truncated"), "an unforced pole from +-0.05 stands 40 ticks: " + c.episodeEnds);
        for (int e = 0; e < c.episodeEnds.size(); e++) {
            assertEquals(1.0, c.endRewards.get(e), 0.0, "the step into the end state is rewarded, as in Gymnasium");
            if (c.episodeEnds.get(e).equals("truncated")) {
                assertEquals(40.0, c.endReturns.get(e), 0.0, "40 commanded steps, 40 rewards");
            } else {
                assertTrue(c.endReturns.get(e) < 40.0);
            }
        }
        // every update after the first of an episode saw reward 1, the first 0
        long zeros = c.rewardsSeen.stream().filter(r -> r == 0.0).count();
        assertEquals(c.episodeEnds.size() + 1, zeros, "one reward-free update per episode start");
        for (int e = 0; e < c.episodeEnds.size(); e++) {
            double sum = c.endRewards.get(e);
            for (int u = 0; u < c.rewardsSeen.size(); u++) {
                sum += c.episodesSeen.get(u) == e ? c.rewardsSeen.get(u) : 0;
            }
            assertEquals(c.endReturns.get(e), sum, 0.0, "episode " + e + ": the rewards delivered add up to its return");
        }
        assertEquals(0, loop.trips());
    }

    /** What a tick's telemetry record says about episodes, read back from a log. */
    @Test
    void telemetryRecordsCarryTheEpisodeOfTheirStateAndTheEndedEpisodesReturn(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        SplittableRandom random = new SplittableRandom(3);
        ControlLoop loop = ControlLoop.builder().devices(plant).controller(new ScriptedController(4, 1, t -> 10))
                .limits(ActuatorLimits.symmetric(10)).periodNanos(PERIOD).clock(clock)
                .episodes(new Episodes(plant, Task.survival(), 0, s -> CartPole.drawInitialState(plant.parameters(), random, s)))
                .telemetry(1 << 20, 0, 1).build();
        plant.activate();
        java.nio.file.Path file = dir.resolve("t.telemetry");
        org.neurorig.telemetry.TelemetryWriter writer = new org.neurorig.telemetry.TelemetryWriter(
                loop.telemetry().ring(), loop.telemetry().layout(), file);
        AgentInvoker invoker = invoker(loop);
        for (int t = 0; t < 200; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
        writer.onClose();
        List<String> ends = new ArrayList<>();
        long[] previousTick = {-1};
        org.neurorig.telemetry.TelemetryLog.open(file).read(r -> {
            if ((r.flags() & org.neurorig.telemetry.TickRecord.FLAG_EPISODE_END) != 0) {
                assertEquals(0, r.episodeTick(), "an episode-end record shows the new episode's first state");
                assertEquals(previousTick[0] + 1, r.episodeReturn(), 0.0, "the ended episode's return: one per step");
                assertEquals(1.0, r.reward(), 0.0);
                ends.add(r.episode() + ":" + ((r.flags() & org.neurorig.telemetry.TickRecord.FLAG_TERMINAL) != 0));
            } else {
                assertEquals(r.tick() == 0 ? 0 : previousTick[0] + 1, r.episodeTick(), "tick " + r.tick());
            }
            previousTick[0] = r.episodeTick();
        });
        assertTrue(ends.size() >= 3, "full force topples the pole again and again: " + ends);
        assertEquals("1:true", ends.get(0));
    }

    /**
     * A plant on a link (firmware) answers a reset a tick or two later: until its first sample of the
     * new episode, reads are STALE and repeat the last episode's terminal state. The episode begins with
     * the first fresh sample; the stale terminal state never ends it.
     */
    @Test
    void anEpisodeBeginsWithThePlantsFirstFreshSampleAfterAReset() {
        CartPolePlant inner = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        int[] staleReads = {0};
        boolean[] staleTerminal = {false};
        org.neurorig.device.Plant slowReset = new org.neurorig.device.Plant() {
            public int stateSize() { return inner.stateSize(); }
            public double dt() { return inner.dt(); }
            public org.neurorig.device.DeviceStatus reset(double[] initialState) {
                staleTerminal[0] = inner.terminated();
                staleReads[0] = 2;
                return inner.reset(initialState);
            }
            public void trueState(double[] state) { inner.trueState(state); }
            public boolean terminated() { return staleReads[0] > 0 ? staleTerminal[0] : inner.terminated(); }
            public String name() { return "slow-reset"; }
            public int sensorCount() { return inner.sensorCount(); }
            public int actuatorCount() { return inner.actuatorCount(); }
            public void configure() throws org.neurorig.device.DeviceException { inner.configure(); }
            public void activate() { inner.activate(); }
            public org.neurorig.device.DeviceStatus read(long now, double[] sensors) {
                if (staleReads[0] > 0) {
                    staleReads[0]--;
                    return org.neurorig.device.DeviceStatus.STALE; // sensors untouched: the last episode's end
                }
                return inner.read(now, sensors);
            }
            public org.neurorig.device.DeviceStatus write(long now, double[] commands) { return inner.write(now, commands); }
            public void safeState() { inner.safeState(); }
            public void deactivate() { inner.deactivate(); }
            public void close() { inner.close(); }
        };
        ScriptedController c = new ScriptedController(4, 1, t -> 10); // full force: the pole falls within a second
        // as a rig's profile: the episode ends when a sensor leaves its range (Gymnasium's 12 degrees)
        Task judgedOnSensors = new Task() {
            public double reward(double[] sensors, double[] lastCommands) {
                return 1;
            }

            public boolean terminal(double[] sensors) {
                return Math.abs(sensors[CartPole.THETA]) > 0.2094395;
            }
        };
        ControlLoop loop = ControlLoop.builder().devices(slowReset).controller(c).limits(ActuatorLimits.symmetric(10))
                .periodNanos(PERIOD).clock(clock)
                .episodes(new Episodes(slowReset, judgedOnSensors, 0, s -> java.util.Arrays.fill(s, 0.0))).build();
        slowReset.activate();
        AgentInvoker invoker = invoker(loop);
        for (int t = 0; t < 400; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
        assertTrue(c.endReturns.size() >= 4, "episodes: " + c.endReturns);
        double first = c.endReturns.getFirst();
        for (double r : c.endReturns) {
            assertEquals(first, r, 0.0, "every episode from the same state under the same force lasts as long: " + c.endReturns);
        }
        assertTrue(first > 5, "each episode runs until the pole falls: " + c.endReturns);
        assertEquals(0, loop.trips());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /**
     * A real rig cannot be reset into a state: after each episode the loop holds the actuators at their
     * safe values and waits for the start gate (someone sets the pole back up) before the next episode
     * begins. While it waits, the controller is not called and nothing counts towards the episode.
     */
    @Test
    void episodesBeginOnlyWhenTheStartGateOpensAndTheActuatorsAreSafeUntilThen() {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        boolean[] open = {false};
        int[] asked = {0};
        // full force: each episode ends after a dozen ticks with the pole down
        ScriptedController c = new ScriptedController(4, 1, t -> 10);
        // a safe value of -0.1 N (not 0) shows that the safe value, and only it, was written while waiting
        ControlLoop loop = ControlLoop.builder().devices(plant).controller(c).limits(new ActuatorLimits(-10, 10, 1e9, -0.1))
                .periodNanos(PERIOD).clock(clock)
                .episodes(new Episodes(plant, Task.survival(), 0, s -> java.util.Arrays.fill(s, 0.0)).startingWhen(s -> {
                    asked[0]++;
                    boolean go = open[0];
                    open[0] = false; // one start per press, as an operator's start button
                    return go;
                }))
                .build();
        plant.activate();
        AgentInvoker invoker = invoker(loop);
        for (int t = 0; t < 20; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
        double[] state = new double[4];
        plant.trueState(state);
        assertTrue(state[CartPole.X_DOT] < 0 && state[CartPole.X_DOT] > -0.1,
                "the plant was driven with the safe -0.1 N while waiting: x_dot " + state[CartPole.X_DOT]);
        assertEquals(0, c.updates, "the controller is not called before the episode begins");
        assertEquals(20, asked[0], "the gate is asked once per tick while the loop waits");
        assertTrue(loop.awaitingStart());
        assertEquals(0, loop.episodesEnded());
        open[0] = true;
        int ticksToFall = 0;
        while (loop.episodesEnded() == 0) {
            invoker.invoke();
            clock.advance(PERIOD);
            ticksToFall++;
            assertTrue(ticksToFall < 500, "the pole never fell");
        }
        assertTrue(loop.awaitingStart(), "after the episode the loop waits again");
        assertEquals(1, c.episodeEnds.size());
        assertEquals("terminal", c.episodeEnds.getFirst());
        assertEquals(ticksToFall - 1, c.endReturns.getFirst(), 0.0,
                "the episode's return counts the ticks after the gate opened, not the waiting ones");
        int updatesAtEnd = c.updates;
        for (int t = 0; t < 10; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
        assertEquals(updatesAtEnd, c.updates, "waiting again: no controller updates");
        assertEquals(0, loop.trips());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aControllerThatDoesNotMatchTheDevicesIsRefusedWithBothCounts() {
        FaultyDevice dev = new FaultyDevice("dev", 2, 1, clock);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControlLoop.builder().devices(dev)
                .controller(new ScriptedController(3, 1, t -> 0)).limits(ActuatorLimits.symmetric(1))
                .periodNanos(PERIOD).clock(clock).build());
        assertEquals("the controller takes 3 sensors and gives 1 commands, but the devices have 2 sensors and 1 actuators",
                e.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> ControlLoop.builder().devices(dev)
                .controller(new ScriptedController(2, 1, t -> 0)).limits().periodNanos(PERIOD).clock(clock).build());
        assertTrue(l.getMessage().contains("every actuator needs its limits"), l.getMessage());
    }
}
