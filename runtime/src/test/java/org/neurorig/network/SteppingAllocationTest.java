package org.neurorig.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.testing.AllocationMeter;

/**
 * Stepping must allocate nothing once the JIT has compiled it: 100,000 steps, zero bytes, for every
 * kernel. The interpreter boxes vectors and a deoptimization materializes objects C2 had eliminated,
 * so each case first repeats the measured run until the JIT has settled (one run allocates nothing,
 * at most five runs); then one more run of 100,000 steps is measured and must allocate nothing at all.
 */
@Tag("simd")
class SteppingAllocationTest {

    private static final int MAX_WARMUP_RUNS = 5;
    private static final int STEPS = 100_000;

    /** The scalar kernels do not depend on the vector width, so the width-specific runs skip them. */
    static Stream<Kernels> kernels() {
        boolean widthRun = System.getProperty("neurorig.test.vectorBits") != null;
        return Kernels.allNative().stream().filter(k -> !(widthRun && k == Kernels.scalar()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void rateNetworkStepsWithoutAllocating(Kernels k) {
        for (UpdateForm form : UpdateForm.values()) {
            RateNetwork net = new RateNetwork(NetworkConfig.of(256).withInputs(4).withOutputs(2).withForm(form)
                    .withPhi(Nonlinearity.TANH), k);
            AllocationMeter.warmUp(() -> steps(net, STEPS), MAX_WARMUP_RUNS);
            assertEquals(0, AllocationMeter.leastBytesAtRest(() -> steps(net, STEPS), 3, 3),
                    k.name() + " " + form + ": bytes allocated over " + STEPS + " steps");
        }
    }

    private static void steps(RateNetwork net, int count) {
        for (int t = 0; t < count; t++) {
            net.input()[t & 3] = 0.1f;
            net.current()[t & 255] = 0.01f;
            net.step();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void bernoulliNetworkStepsWithoutAllocating(Kernels k) {
        BernoulliNetwork net = new BernoulliNetwork(256, 4, 1.0, 3, k);
        AllocationMeter.warmUp(() -> steps(net, STEPS), MAX_WARMUP_RUNS);
        assertEquals(0, AllocationMeter.leastBytesAtRest(() -> steps(net, STEPS), 3, 3),
                k.name() + ": bytes allocated over " + STEPS + " steps");
    }

    private static void steps(BernoulliNetwork net, int count) {
        for (int t = 0; t < count; t++) {
            net.input()[t & 3] = 1f;
            net.step();
        }
    }
}
