package org.neurorig.bench;

import java.util.concurrent.TimeUnit;
import org.neurorig.kernel.Kernels;
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
 * One full {@link RateNetwork#step()}: recurrent mat-vec, input mat-vec, fused leak + tanh, readout.
 * The kernels differ and nothing else, so the columns compare like with like.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NetworkStepBenchmark {

    @Param({"64", "128", "256", "512", "1024", "2048"})
    public int n;

    @Param({"scalar", "vector", "openblas"})
    public String kernels;

    private RateNetwork network;

    @Setup
    public void setUp() {
        network = new RateNetwork(NetworkConfig.of(n).withInputs(4).withOutputs(1).withSeed(1), Kernels.named(kernels));
        for (int t = 0; t < 100; t++) {
            network.step();
        }
    }

    @Benchmark
    public float step() {
        network.step();
        return network.state()[0];
    }

    /** Floating-point operations in one step: the two mat-vecs and the readout (2 per multiply-add). */
    public static double flopsPerStep(int n) {
        return 2.0 * n * n + 2.0 * n * 4 + 2.0 * n;
    }
}
