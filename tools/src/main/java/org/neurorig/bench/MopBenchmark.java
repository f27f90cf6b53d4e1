package org.neurorig.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neurorig.kernel.Kernels;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EnergyBound;
import org.neurorig.neuromop.MopAgent;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.RecurrentModel;
import org.neurorig.neuromop.RecurrentParameters;
import org.neurorig.neuromop.ValueNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * NeuroMOP's hot loop against the kernel it is built on. {@code decide}: one energy-task decision of
 * the paper-sized controller (N = 100, 2^M = 256 successors, value network 100 -&gt; hidden -&gt; 1): the
 * successors, the terminal checks, the batched value network and the Boltzmann policy. {@code matMul}:
 * the plain product {@code (rows x inner) (inner x cols)}, the kernel's peak on a shape of our choice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MopBenchmark {

    @Param({"vector"})
    public String kernels;

    @Param({"32"})
    public int hidden;

    /** matMul's shape as rows x inner x cols. */
    @Param({"256x100x32"})
    public String shape;

    private MopAgent agent;
    private float[] state;
    private SplittableRandom random;
    private float[] a;
    private float[] b;
    private float[] c;
    private int rows;
    private int inner;
    private int cols;
    private Kernels k;

    @Setup
    public void setUp() {
        k = Kernels.named(kernels);
        RecurrentModel model = new RecurrentModel(RecurrentParameters.neuroMop(1), k);
        ValueNetwork value = new ValueNetwork(100, hidden, Math.log(256) / 0.1, 1, 1, k);
        agent = new MopAgent(ControllerKind.MOP, model, new EnergyBound(100, 0.11), null, Objective.actionEntropy(0.9),
                value, null, null, 0);
        state = MopTraining.randomInitialState(100, 0.1, 1);
        random = new SplittableRandom(1);
        String[] dims = shape.split("x");
        rows = Integer.parseInt(dims[0]);
        inner = Integer.parseInt(dims[1]);
        cols = Integer.parseInt(dims[2]);
        SplittableRandom r = new SplittableRandom(2);
        a = new float[rows * inner];
        b = new float[inner * cols];
        c = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
    }

    /** One decision from a fixed state (the state is not advanced, so every call does the same work). */
    @Benchmark
    public int decide() {
        return agent.decide(state, random);
    }

    @Benchmark
    public float matMul() {
        k.matMul(a, rows, inner, b, cols, c);
        return c[0];
    }

    /** Floating-point operations of a product of this shape (2 per multiply-add). */
    public static double matMulFlops(int rows, int inner, int cols) {
        return 2.0 * rows * inner * cols;
    }
}
