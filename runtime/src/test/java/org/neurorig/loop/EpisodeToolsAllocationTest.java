package org.neurorig.loop;

import org.neurorig.control.ChannelScaling;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.LearningController;
import org.neurorig.episode.AntitheticStarts;
import org.neurorig.episode.Episodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.WeightGroup;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.testing.AllocationMeter;

/**
 * What {@code compare} adds to the tick allocates nothing: the {@link EpisodeRecorder} and its listener,
 * {@link AntitheticStarts} at every reset, the {@link CartPoleBalancing} reward, around two-sided weight
 * perturbation learning in the loop. Short episodes (an untrained readout) make the resets frequent.
 */
class EpisodeToolsAllocationTest {

    private static final int TICKS = 20_000;
    private static final long PERIOD = 20_000_000;

    @Test
    void recorderStartsAndRewardAllocateNothingPerTick() throws Exception {
        CartPoleParameters gym = CartPoleParameters.gym();
        RateNetwork network = new RateNetwork(NetworkConfig.of(32).withInputs(4).withOutputs(1).withSeed(3));
        WeightPerturbation rule = WeightPerturbation.forNetwork(network, EnumSet.of(WeightGroup.READOUT), true,
                WeightPerturbation.Distribution.GAUSSIAN, RewardBaseline.none(), new LearningControls(1e-3f, 0.05f), 5);
        float[] copy = new float[network.readoutWeights().length];
        EpisodeRecorder recorder = new EpisodeRecorder(new LearningController(network, rule,
                ChannelScaling.gains(new double[] {1, 1, 1, 1}, new double[] {10})), r -> System.arraycopy(network.readoutWeights(), 0, copy, 0, copy.length));
        CartPolePlant plant = new CartPolePlant(gym, CartPolePlant.ForceMode.CONTINUOUS);
        CachedNanoClock clock = new CachedNanoClock();
        ControlLoop loop = ControlLoop.builder().devices(plant).controller(recorder).limits(ActuatorLimits.symmetric(10))
                .periodNanos(PERIOD).clock(clock).episodes(new Episodes(plant, new CartPoleBalancing(gym, 0.5, 10), 500,
                        new AntitheticStarts(CartPoleBalancing.starts(gym, 9), rule, CartPole.STATE_SIZE))).build();
        loop.activateDevices();
        AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, loop);
        invoker.start();
        Runnable ticks = () -> {
            for (int t = 0; t < TICKS; t++) {
                invoker.invoke();
                clock.advance(PERIOD);
            }
        };
        // the learning path takes long to reach C2 on a loaded machine: until it does, runs allocate (measured
        // while writing this test: 1.5 MB, then 0.5 MB, then 0 in the same JVM). Then the least of three runs at
        // rest: one run after three quiet ones allocated 160 bytes once on arm64 (a trap's frame materialized);
        // a per-tick allocation never stops, so it shows in all three
        int runs = AllocationMeter.warmUp(ticks, 3, 30);
        assertEquals(0, AllocationMeter.leastBytesAtRest(ticks, 3, 3), "bytes allocated over " + TICKS + " ticks after "
                + runs + " warm-up runs");
        assertTrue(recorder.episodes() > 100, "many episodes ended: " + recorder.episodes());
        assertEquals(0, loop.trips());
    }
}
