package org.neurorig.loop;

import org.neurorig.control.ChannelScaling;
import org.neurorig.control.Controller;
import org.neurorig.control.LearningController;
import org.neurorig.control.NetworkController;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.latency.LatencyLog;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.NodePerturbation;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightGroup;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.telemetry.TelemetryWriter;
import org.neurorig.testing.AllocationMeter;

/**
 * A full loop allocates nothing per tick: 100,000 ticks of an N = 256 {@link RateNetwork} on the
 * in-process cart-pole, with episodes (resets included), actuator limits, the watchdog, telemetry
 * published to a writer thread that really drains it, and latency recording with a logger thread
 * taking interval histograms. The loop runs on the test thread (invoker mode, the clock advanced one
 * period per tick), so the meter counts exactly the loop thread's bytes. As in SteppingAllocationTest,
 * runs repeat until the JIT has settled (one run allocates nothing, at most five), then one more run
 * is measured. The OS clock's own calls are measured in MonotonicClockTest.
 *
 * <p>To add a controller (e.g. node-perturbation learning on the same network), add a row to
 * {@link #controllers()}.
 */
class LoopAllocationTest {

    private static final int TICKS = 100_000;
    private static final int MAX_WARMUP_RUNS = 5;
    private static final long PERIOD = 1_000_000;

    static Stream<Arguments> controllers() {
        Function<RateNetwork, Controller> plain = NetworkController::unscaled;
        // Online node perturbation of every weight group, rewarded every tick by the task, updating every 8
        // ticks with each block's pass spread over the next 8 (as `neurorig latency --learning np` runs it)
        Function<RateNetwork, Controller> learning = network -> new LearningController(network,
                NodePerturbation.forNetwork(network, EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT, WeightGroup.INPUT), Timing.online(0.9f).updatingEvery(8).spread(),
                        RewardBaseline.running(0.9f), new LearningControls(1e-6f, 0.01f), 3),
                ChannelScaling.unit(4, 1));
        return Stream.of(Arguments.of("network N=256", plain), Arguments.of("network N=256 + online node perturbation", learning));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controllers")
    void aFullLoopAllocatesNothingPerTick(String name, Function<RateNetwork, Controller> controllerOf) throws Exception {
        RateNetwork network = new RateNetwork(NetworkConfig.of(256).withInputs(4).withOutputs(1).withSeed(7));
        SplittableRandom weights = new SplittableRandom(11);
        for (int i = 0; i < network.readoutWeights().length; i++) {
            network.readoutWeights()[i] = (float) (weights.nextGaussian() * 2.0); // commands that reach the limits
        }
        Controller controller = controllerOf.apply(network);
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        SplittableRandom random = new SplittableRandom(5);
        CachedNanoClock clock = new CachedNanoClock();
        clock.update(1_000_000_000L);
        ControlLoop loop = ControlLoop.builder().devices(plant).controller(controller)
                .limits(ActuatorLimits.symmetric(10).withSlew(20_000)).periodNanos(PERIOD).clock(clock)
                .episodes(new Episodes(plant, Task.survival(), 500, s -> CartPole.drawInitialState(plant.parameters(), random, s)))
                .telemetry(1 << 22, 16, 10).latency(true).build();
        loop.activateDevices();
        TelemetryWriter writer = new TelemetryWriter(loop.telemetry().ring(), loop.telemetry().layout(), null);
        LatencyLog latencyLog = new LatencyLog(loop.latency(), null, System::nanoTime, 50_000_000L, 0);
        AgentRunner drain = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
                new org.agrona.concurrent.CompositeAgent(writer, latencyLog));
        AgentRunner.startOnThread(drain);
        AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, loop);
        invoker.start();
        Runnable ticks = () -> {
            for (int t = 0; t < TICKS; t++) {
                invoker.invoke();
                clock.advance(PERIOD);
            }
        };
        try {
            int runs = AllocationMeter.warmUp(ticks, MAX_WARMUP_RUNS);
            long bytes = AllocationMeter.leastBytesAtRest(ticks, 3, 3);
            assertEquals(0, bytes, name + ": bytes allocated by the loop thread over " + TICKS + " ticks (after "
                    + runs + " warm-up runs)");
        } finally {
            drain.close();
        }
        assertTrue(loop.episodesEnded() > 10, "episodes ended and the plant was reset: " + loop.episodesEnded());
        assertTrue(loop.guard().clampedCount() + loop.guard().slewLimitedCount() > 0, "the limits were exercised");
        assertEquals(0, loop.trips());
        assertEquals(loop.ticks(), writer.received() + loop.telemetry().dropped(), "every record was received or counted");
        assertTrue(latencyLog.total(org.neurorig.latency.LatencySeries.TICK).getTotalCount() > 0);
    }
}
