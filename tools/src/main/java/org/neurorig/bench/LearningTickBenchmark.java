package org.neurorig.bench;

import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neurorig.kernel.Kernels;
import org.neurorig.learning.EligibilityTrace;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.NodePerturbation;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightGroup;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-tick cost of node perturbation's learning next to the network step it rides on, at N = 512:
 * <ul>
 *   <li>{@code step}: one {@link RateNetwork#step()} (4 inputs, 1 readout);
 *   <li>{@code readoutUpdate}, {@code recurrentUpdate}: the online NP update of one tick, eligibility
 *       plus weight update ({@code e <- lambda e + xi a^T / sigma^2; W += eta M e}, the trace's decay and
 *       the fused rank-1 + axpy kernel) for the 1 x N readout and the N x N recurrent matrix;
 *   <li>{@code recurrentEligibility}: the eligibility alone, the per-tick work of episodic NP;
 *   <li>{@code recurrentUpdateEvery1} to {@code recurrentUpdateEvery16}: the same recurrent update
 *       deferred and applied K ticks at a time ({@link Timing#updatingEvery(int)}): per tick the tick's
 *       two vectors are copied into the block, and every K-th call applies the block to trace and
 *       weights in one pass ({@code Kernels.rankKUpdateAndAxpy}); the time per call is the mean over
 *       whole blocks;
 *   <li>{@code exactSchemeExtra}: what keeping the forward pass exact under deferral would add to every
 *       step, a matrix-vector product with the N x N trace (the pending updates' effect on the step
 *       includes {@code sum_t beta_t lambda^t E_0 a}, so it needs {@code E_0 a} every tick);
 *   <li>{@code learningTick}, {@code learningTickEvery16}: a whole tick of online NP on readout and
 *       recurrent weights, noise drawing, injection and the network step included, updating every tick
 *       and every 16 ticks.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LearningTickBenchmark {

    @Param({"512"})
    public int n;

    @Param({"vector"})
    public String kernels;

    private RateNetwork network;
    private RateNetwork learner;
    private NodePerturbation rule;
    private EligibilityTrace readoutTrace;
    private EligibilityTrace recurrentTrace;
    private float[] xi;
    private float[] xiOut;
    private float[] activity;
    private float[] readoutWeights;
    private float[] recurrentWeights;
    private int tick;
    private EligibilityTrace[] deferredTraces;
    private float[][] deferredWeights;
    private RateNetwork learnerEvery16;
    private NodePerturbation ruleEvery16;
    private int tickEvery16;
    private float[] secondMatrix;
    private float[] secondProduct;
    private Kernels k;

    /** The block sizes K of the {@code recurrentUpdateEvery*} benchmarks. */
    public static final int[] BLOCKS = {1, 4, 8, 16};

    @Setup
    public void setUp() {
        k = Kernels.named(kernels);
        NetworkConfig config = NetworkConfig.of(n).withInputs(4).withOutputs(1).withSeed(1);
        network = new RateNetwork(config, k);
        learner = new RateNetwork(config, k);
        rule = NodePerturbation.forNetwork(learner, EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT),
                Timing.online(0.9f), RewardBaseline.running(0.9f), new LearningControls(1e-9f, 0.01f), 2);
        rule.beginEpisode();
        readoutTrace = new EligibilityTrace(1, n, 0.9f, k);
        recurrentTrace = new EligibilityTrace(n, n, 0.9f, k);
        SplittableRandom r = new SplittableRandom(3);
        xi = new float[n];
        activity = new float[n];
        for (int i = 0; i < n; i++) {
            xi[i] = (float) (0.01 * r.nextGaussian());
            activity[i] = (float) Math.tanh(r.nextGaussian());
        }
        xiOut = new float[] {0.01f};
        readoutWeights = network.readoutWeights().clone();
        recurrentWeights = network.recurrentWeights().clone();
        deferredTraces = new EligibilityTrace[BLOCKS.length];
        deferredWeights = new float[BLOCKS.length][];
        for (int b = 0; b < BLOCKS.length; b++) {
            deferredTraces[b] = new EligibilityTrace(n, n, 0.9f, BLOCKS[b], k);
            deferredWeights[b] = network.recurrentWeights().clone();
        }
        learnerEvery16 = new RateNetwork(config, k);
        ruleEvery16 = NodePerturbation.forNetwork(learnerEvery16, EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT),
                Timing.online(0.9f).updatingEvery(16), RewardBaseline.running(0.9f), new LearningControls(1e-9f, 0.01f), 2);
        ruleEvery16.beginEpisode();
        secondMatrix = network.recurrentWeights().clone();
        secondProduct = new float[n];
        for (int t = 0; t < 100; t++) {
            network.step();
        }
    }

    @Benchmark
    public float step() {
        network.step();
        return network.state()[0];
    }

    @Benchmark
    public float readoutUpdate() {
        readoutTrace.decay();
        readoutTrace.accumulateAndAddTo(1e4f, xiOut, activity, readoutWeights, 1e-9f);
        return readoutWeights[0];
    }

    @Benchmark
    public float recurrentUpdate() {
        recurrentTrace.decay();
        recurrentTrace.accumulateAndAddTo(1e4f, xi, activity, recurrentWeights, 1e-9f);
        return recurrentWeights[0];
    }

    @Benchmark
    public float recurrentEligibility() {
        recurrentTrace.decay();
        recurrentTrace.accumulate(1e4f, xi, activity);
        return recurrentTrace.get(0, 0);
    }

    @Benchmark
    public float recurrentUpdateEvery1() {
        return deferredUpdate(0);
    }

    @Benchmark
    public float recurrentUpdateEvery4() {
        return deferredUpdate(1);
    }

    @Benchmark
    public float recurrentUpdateEvery8() {
        return deferredUpdate(2);
    }

    @Benchmark
    public float recurrentUpdateEvery16() {
        return deferredUpdate(3);
    }

    /** One tick of the deferred update, as TraceRule runs it: record, reward, apply when the block is full. */
    private float deferredUpdate(int b) {
        EligibilityTrace trace = deferredTraces[b];
        float[] w = deferredWeights[b];
        trace.deferTick(1e4f, xi, activity);
        trace.deferReward(w, 1e-9f);
        if (trace.deferredTicks() == trace.deferCapacity()) {
            trace.applyDeferred(w);
        }
        return w[0];
    }

    @Benchmark
    public float exactSchemeExtra() {
        k.matVec(secondMatrix, n, n, activity, secondProduct);
        return secondProduct[0];
    }

    @Benchmark
    public float learningTick() {
        return tick(learner, rule, tick++);
    }

    @Benchmark
    public float learningTickEvery16() {
        return tick(learnerEvery16, ruleEvery16, tickEvery16++);
    }

    private static float tick(RateNetwork learner, NodePerturbation rule, int t) {
        learner.input()[t & 3] = 0.1f;
        rule.beforeStep();
        learner.step(rule.unitNoise());
        rule.afterStep();
        float z = rule.action(learner.readout())[0];
        rule.reward(-z * z);
        return z;
    }
}
