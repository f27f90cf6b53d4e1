package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.BernoulliNetwork;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.testing.AllocationMeter;

/**
 * Learning in the tick allocates nothing: perturbation, eligibility, reward and the weight update,
 * episode boundaries included, for an N = 256 network with every weight group plastic, for every
 * kernel. As in {@code SteppingAllocationTest}, each case first repeats the measured run until the JIT
 * has settled, then one more run must allocate zero bytes. Settled means five runs in a row without
 * allocation (at most ten runs): the episode-boundary paths compile later than the tick's, and quiet
 * runs were seen to be followed by one that allocated a few hundred bytes while C2 recompiled them
 * (runs of 2,000 ticks measured 464, 696, 0, 608, then 0 bytes from the fifth run on; with updates
 * every 16 ticks 784, 376, 0, 384, then 0; with three quiet runs required, full builds on a loaded
 * machine failed twice, with 368 and 88 bytes). Compilations keep landing now and then long after
 * that (seen: REINFORCE on the readout, after twelve runs all but the first without allocation, one
 * run of 368 bytes during which a compilation landed), so the measured run is one during which the
 * JIT's compilation time did not move ({@link AllocationMeter#bytesAllocatedAtRest}), and the least of
 * three such runs ({@link AllocationMeter#leastBytesAtRest}): a fresh CI run measured 240 bytes once on
 * REINFORCE's readout at rest, a trap materializing one frame's vectors.
 */
@Tag("simd")
class LearningAllocationTest {

    private static final int MAX_WARMUP_RUNS = 10;
    /** Runs tried for the measurement, which must be one during which no compilation landed. */
    private static final int MEASURE_ATTEMPTS = 4;
    private static final int QUIET_RUNS = 5;
    private static final int TICKS = 2_000;
    private static final int EPISODE = 100;
    private static final Set<WeightGroup> ALL = EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT, WeightGroup.INPUT);

    static Stream<Kernels> kernels() {
        boolean widthRun = System.getProperty("neurorig.test.vectorBits") != null;
        return Kernels.allNative().stream().filter(k -> !(widthRun && k == Kernels.scalar()));
    }

    private static RateNetwork network(Kernels k) {
        return new RateNetwork(NetworkConfig.of(256).withInputs(4).withOutputs(2).withG(1.2), k);
    }

    private static void ticks(RateNetwork net, ThreeFactorRule rule, int count) {
        ticks(net, rule, count, false);
    }

    /** {@code count} ticks in episodes of 100; {@code offSometimes}: learning off for 2 ticks of every 50. */
    private static void ticks(RateNetwork net, ThreeFactorRule rule, int count, boolean offSometimes) {
        for (int t = 0; t < count; t++) {
            if (offSometimes) {
                rule.controls().setEnabled(t % 50 < 48);
            }
            if (t % EPISODE == 0) {
                rule.beginEpisode();
            }
            net.input()[t & 3] = 0.1f;
            rule.beforeStep();
            net.step(rule.unitNoise());
            rule.afterStep();
            float z = rule.action(net.readout())[0];
            rule.reward(-z * z);
            if (t % EPISODE == EPISODE - 1) {
                rule.endEpisode();
                net.resetState();
            }
        }
    }

    private static void assertNoAllocation(RateNetwork net, ThreeFactorRule rule, String what) {
        AllocationMeter.warmUp(() -> ticks(net, rule, TICKS), QUIET_RUNS, MAX_WARMUP_RUNS);
        assertEquals(0, AllocationMeter.leastBytesAtRest(() -> ticks(net, rule, TICKS), 3, MEASURE_ATTEMPTS),
                what + ": bytes allocated over " + TICKS + " learning ticks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void onlineNodePerturbationOfEveryWeightAllocatesNothing(Kernels k) {
        RateNetwork net = network(k);
        NodePerturbation np = NodePerturbation.forNetwork(net, ALL, Timing.online(0.9f), RewardBaseline.running(0.9f),
                new LearningControls(1e-6f, 0.01f), 1);
        assertNoAllocation(net, np, k.name() + " online NP");
        NodePerturbation perStep = NodePerturbation.forNetwork(net, ALL, Timing.online(1f),
                RewardBaseline.perStep(1, EPISODE / 2, 0.9f), new LearningControls(1e-6f, 0.01f), 1);
        assertNoAllocation(net, perStep, k.name() + " online NP, per-step baseline (rewards past its steps share the last)");
    }

    /**
     * Updates applied 16 ticks at a time: blocks end inside episodes (every 16th tick) and at their ends
     * (100 is not a multiple of 16), and learning is switched off for two ticks of every 50 (which
     * applies a partial block); each block applied at once, and spread over the next 16 ticks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void deferredOnlineNodePerturbationAllocatesNothing(Kernels k) {
        for (boolean spread : new boolean[] {false, true}) {
            RateNetwork net = network(k);
            Timing timing = Timing.online(0.9f).updatingEvery(16);
            NodePerturbation np = NodePerturbation.forNetwork(net, ALL, spread ? timing.spread() : timing,
                    RewardBaseline.running(0.9f), new LearningControls(1e-6f, 0.01f), 6);
            Runnable run = () -> ticks(net, np, TICKS, true);
            AllocationMeter.warmUp(run, QUIET_RUNS, MAX_WARMUP_RUNS);
            assertEquals(0, AllocationMeter.leastBytesAtRest(run, 3, MEASURE_ATTEMPTS), k.name() + " online NP, K = 16"
                    + (spread ? ", spread" : "") + ": bytes allocated over " + TICKS + " ticks");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void episodicRulesAllocateNothing(Kernels k) {
        RateNetwork net = network(k);
        assertNoAllocation(net, NodePerturbation.forNetwork(net, ALL, Timing.episodic(), RewardBaseline.running(4, 0.9f),
                new LearningControls(1e-6f, 0.01f), 2), k.name() + " episodic NP");
        assertNoAllocation(net, new MiconiPerturbation(net, EnumSet.of(WeightGroup.RECURRENT, WeightGroup.INPUT),
                Timing.episodic(), RewardBaseline.running(0.75f), new LearningControls(1e-6f, 16f),
                MiconiPerturbation.Settings.paper(), 3), k.name() + " Miconi");
        assertNoAllocation(net, WeightPerturbation.forNetwork(net, ALL, true, WeightPerturbation.Distribution.GAUSSIAN,
                RewardBaseline.none(), new LearningControls(1e-6f, 1e-3f), 4), k.name() + " two-sided WP");
        assertNoAllocation(net, new ReinforceReadout(net, Timing.episodic(), RewardBaseline.running(0.9f),
                new LearningControls(1e-6f, 0f), 5), k.name() + " REINFORCE readout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void reinforceAllocatesNothing(Kernels k) {
        BernoulliNetwork net = new BernoulliNetwork(256, 4, 1.0, 5, k);
        Reinforce rule = new Reinforce(net, EnumSet.of(WeightGroup.RECURRENT, WeightGroup.INPUT, WeightGroup.BIAS),
                Timing.online(0.9f), RewardBaseline.running(0.9f), new LearningControls(1e-6f, 0f), k);
        Runnable run = () -> {
            for (int t = 0; t < TICKS; t++) {
                if (t % EPISODE == 0) {
                    net.resetUnits();
                    rule.beginEpisode();
                }
                net.input()[t & 3] = 1f;
                rule.beforeStep();
                net.step();
                rule.afterStep();
                rule.reward(net.units()[0]);
                if (t % EPISODE == EPISODE - 1) {
                    rule.endEpisode();
                }
            }
        };
        AllocationMeter.warmUp(run, QUIET_RUNS, MAX_WARMUP_RUNS);
        assertEquals(0, AllocationMeter.leastBytesAtRest(run, 3, MEASURE_ATTEMPTS), k.name() + " REINFORCE: bytes allocated over " + TICKS + " ticks");
    }
}
