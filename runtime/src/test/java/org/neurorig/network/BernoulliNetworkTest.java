package org.neurorig.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.kernel.Kernels;

@Tag("simd")
class BernoulliNetworkTest {

    static Stream<Kernels> kernels() {
        return Kernels.allNative().stream();
    }

    /** With W = 0 each unit fires independently with p = sigmoid(b): the sample mean must match it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void unitsFireWithTheLogisticProbability(Kernels k) {
        int n = 11;
        BernoulliNetwork net = new BernoulliNetwork(n, 0, 0.0, 5, k);
        for (int i = 0; i < n; i++) {
            net.bias()[i] = -2.5f + 0.5f * i;
        }
        int steps = 40_000;
        double[] count = new double[n];
        for (int t = 0; t < steps; t++) {
            net.step();
            for (int i = 0; i < n; i++) {
                count[i] += net.units()[i];
            }
        }
        for (int i = 0; i < n; i++) {
            double p = 1 / (1 + Math.exp(-net.bias()[i]));
            double se = Math.sqrt(p * (1 - p) / steps);
            assertEquals(p, count[i] / steps, 4 * se, "unit " + i);
            assertEquals(p, net.probabilities()[i], 1e-6, "p of unit " + i);
        }
    }

    /** Probabilities follow the recurrent input of the previous units, and the same seed repeats itself. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void probabilitiesFollowThePreviousUnitsAndSeedsRepeat(Kernels k) {
        BernoulliNetwork a = new BernoulliNetwork(37, 2, 2.0, 9, k);
        BernoulliNetwork b = new BernoulliNetwork(37, 2, 2.0, 9, k);
        for (int t = 0; t < 200; t++) {
            a.input()[0] = b.input()[0] = (float) Math.sin(t * 0.1);
            a.input()[1] = b.input()[1] = 1f;
            a.step();
            b.step();
            for (int i = 0; i < 37; i++) {
                double s = a.bias()[i];
                for (int j = 0; j < 37; j++) {
                    s += (double) a.weights()[i * 37 + j] * a.previousUnits()[j];
                }
                s += (double) a.inputWeights()[i * 2] * a.input()[0] + a.inputWeights()[i * 2 + 1] * a.input()[1];
                assertEquals(1 / (1 + Math.exp(-s)), a.probabilities()[i], 1e-5, "p at t=" + t + " unit " + i);
            }
        }
        assertArrayEquals(a.units(), b.units());
    }
}
