package org.neurorig.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;

/** One suite over every kernel implementation; the scalar kernels are the reference. */
@Tag("simd")
class RateNetworkTest {

    static Stream<Arguments> kernelsFormsAndPhis() {
        return Stream.concat(Kernels.allNative().stream(), Kernels.openBlas().stream()).flatMap(k -> Stream.of(UpdateForm.values())
                .flatMap(form -> Stream.of(Nonlinearity.TANH, Nonlinearity.RELU).map(phi -> Arguments.of(k, form, phi))));
    }

    static Stream<Kernels> kernels() {
        return Kernels.allNative().stream();
    }

    private static NetworkConfig config(int n, double g, UpdateForm form, Nonlinearity phi) {
        return NetworkConfig.of(n).withInputs(3).withOutputs(2).withG(g).withForm(form).withPhi(phi).withSeed(42);
    }

    private static void drive(RateNetwork net, int steps) {
        float[] readout = new float[net.config().outputs()];
        for (int t = 0; t < steps; t++) {
            net.input()[0] = (float) Math.sin(0.05 * t);
            net.input()[1] = (float) Math.cos(0.03 * t);
            net.input()[2] = 0.5f;
            net.current()[t % net.size()] = 0.2f;
            net.step();
            System.arraycopy(net.readout(), 0, readout, 0, readout.length);
        }
    }

    private static void fillReadout(RateNetwork net) {
        float[] w = net.readoutWeights();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i) / net.size();
        }
    }

    /**
     * In the stable regime (g = 0.9) rounding differences between implementations stay small, so each
     * implementation must track the scalar reference over 500 steps within 1e-4 (a state of order 1).
     * N = 37 and 257 are not multiples of any lane count.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("kernelsFormsAndPhis")
    void tracksTheScalarReferenceInTheStableRegime(Kernels k, UpdateForm form, Nonlinearity phi) {
        for (int n : new int[] {37, 64, 257}) {
            NetworkConfig c = config(n, 0.9, form, phi);
            RateNetwork reference = new RateNetwork(c, Kernels.scalar());
            RateNetwork net = new RateNetwork(c, k);
            fillReadout(reference);
            fillReadout(net);
            drive(reference, 500);
            drive(net, 500);
            assertClose(reference.state(), net.state(), 1e-4, k.name() + " N=" + n + " state");
            assertClose(reference.activity(), net.activity(), 1e-4, k.name() + " N=" + n + " activity");
            assertClose(reference.readout(), net.readout(), 1e-4, k.name() + " N=" + n + " readout");
            assertTrue(maxAbs(net.state()) > 1e-3, "the network must be active for the comparison to mean anything");
        }
    }

    /** Chaos amplifies rounding differences exponentially, so the chaotic regime is compared over 20 steps. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void tracksTheScalarReferenceBrieflyInTheChaoticRegime(Kernels k) {
        NetworkConfig c = config(129, 1.5, UpdateForm.SUM_OF_PHI, Nonlinearity.TANH).withTiming(0.001, 0.002);
        RateNetwork reference = new RateNetwork(c, Kernels.scalar());
        RateNetwork net = new RateNetwork(c, k);
        drive(reference, 20);
        drive(net, 20);
        assertClose(reference.state(), net.state(), 1e-5, k.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void theSameSeedGivesTheSameTrajectoryBitForBit(Kernels k) {
        NetworkConfig c = config(100, 1.5, UpdateForm.SUM_OF_PHI, Nonlinearity.TANH);
        RateNetwork a = new RateNetwork(c, k);
        RateNetwork b = new RateNetwork(c, k);
        drive(a, 300);
        drive(b, 300);
        assertArrayEquals(a.state(), b.state());
        RateNetwork other = new RateNetwork(c.withSeed(43), k);
        drive(other, 300);
        assertFalse(Arrays.equals(a.state(), other.state()), "a different seed must give a different network");
    }

    /**
     * With J = 0 and no input, a constant current c drives each unit to a known fixed point:
     * phi-of-sum settles at x* = tau Phi(c), sum-of-phi at x* = c (with r* = Phi(c)).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void settlesAtTheAnalyticFixedPoint(Kernels k) {
        for (UpdateForm form : UpdateForm.values()) {
            NetworkConfig c = NetworkConfig.of(19).withG(0).withForm(form).withTiming(0.001, 0.01);
            RateNetwork net = new RateNetwork(c, k);
            for (int i = 0; i < 19; i++) {
                net.current()[i] = -1f + i / 9f;
            }
            for (int t = 0; t < 3000; t++) { // 300 time constants
                net.step();
            }
            for (int i = 0; i < 19; i++) {
                double in = -1.0 + i / 9.0;
                double expected = form == UpdateForm.PHI_OF_SUM ? 0.01 * Math.tanh(in) : in;
                assertEquals(expected, net.state()[i], 1e-5, form + " unit " + i);
            }
        }
    }

    @Test
    void recurrentWeightsHaveTheVarianceGSquaredOverN() {
        int n = 400;
        RateNetwork net = new RateNetwork(NetworkConfig.of(n).withG(1.5).withSeed(7), Kernels.scalar());
        double sum = 0;
        double sumSq = 0;
        for (float w : net.recurrentWeights()) {
            sum += w;
            sumSq += (double) w * w;
        }
        double count = (double) n * n;
        double mean = sum / count;
        double variance = sumSq / count - mean * mean;
        assertEquals(0.0, mean, 5 * Math.sqrt(1.5 * 1.5 / n / count), "mean of J");
        assertEquals(1.5 * 1.5 / n, variance, 0.02 * 1.5 * 1.5 / n, "variance of J");
    }

    @Test
    void badParametersFailAtConstructionNamingTheParameterAndRange() {
        assertMessage(() -> NetworkConfig.of(0), "network.n = 0", "[1, 46340]");
        assertMessage(() -> NetworkConfig.of(-5), "network.n = -5", "[1, 46340]");
        assertMessage(() -> NetworkConfig.of(10).withTiming(0, 0.01), "network.dt = 0.0", "> 0");
        assertMessage(() -> NetworkConfig.of(10).withTiming(-0.001, 0.01), "network.dt = -0.001", "> 0");
        assertMessage(() -> NetworkConfig.of(10).withTiming(Double.NaN, 0.01), "network.dt = NaN", "> 0");
        assertMessage(() -> NetworkConfig.of(10).withTiming(0.001, Double.POSITIVE_INFINITY), "network.tau = Infinity", "finite");
        assertMessage(() -> NetworkConfig.of(10).withTiming(0.02, 0.01), "network.dt = 0.02", "at most tau");
        assertMessage(() -> NetworkConfig.of(10).withG(Double.NaN), "network.g = NaN", ">= 0");
        assertMessage(() -> NetworkConfig.of(10).withInputs(-1), "network.inputs = -1", "[0, 46340]");
        assertMessage(() -> NetworkConfig.of(10).withOutputs(50_000), "network.outputs = 50000", "[0, 46340]");
        assertMessage(() -> new BernoulliNetwork(0, 0, 1, 1, Kernels.scalar()), "bernoulli.n = 0", "[1, 46340]");
    }

    @Test
    void aWeightMatrixOfTheWrongShapeIsRefusedAndNothingIsLoaded() {
        RateNetwork net = new RateNetwork(NetworkConfig.of(10).withOutputs(1), Kernels.scalar());
        float[] before = net.recurrentWeights().clone();
        WeightMatrix wrong = new WeightMatrix("J.npy", 10, 9, new float[90]);
        assertMessage(() -> net.setRecurrentWeights(wrong), "J.npy has shape (10, 9)", "needs shape (10, 10)");
        assertArrayEquals(before, net.recurrentWeights());
        assertMessage(() -> net.setReadoutWeights(new WeightMatrix("W.npy", 10, 1, new float[10])),
                "W.npy has shape (10, 1)", "needs shape (1, 10)");
    }

    private static void assertMessage(Runnable action, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
