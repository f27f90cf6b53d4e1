package org.neurorig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NonlinearityTest {

    /** The rational tanh against the exact one on a dense grid, including the saturated range. */
    @Test
    void tanhIsWithinItsStatedErrorEverywhere() {
        double worst = 0;
        float previous = -2f;
        for (int k = -2_000_000; k <= 2_000_000; k++) {
            float x = k * 1e-5f;
            float t = Nonlinearity.tanh(x);
            double exact = Math.tanh(x);
            worst = Math.max(worst, Math.abs(t - exact));
            assertTrue(Math.abs(t - exact) <= 3.5e-7 * Math.max(Math.abs(exact), 1e-30) + 1e-45,
                    "relative error at x = " + x + ": " + t + " vs " + exact);
            // A rational fit ripples around the exact curve, so where tanh is flat two neighbours can
            // be out of order by up to twice the error bound, and by no more.
            assertTrue(t >= previous - 7e-7f, "tanh decreases at x = " + x);
            assertTrue(Math.abs(t) <= 1f, "|tanh| > 1 at x = " + x);
            assertEquals(-t, Nonlinearity.tanh(-x), 0f, "tanh must be odd");
            previous = t;
        }
        assertTrue(worst <= 3.5e-7, "worst error " + worst);
        assertEquals(1f, Nonlinearity.tanh(1e6f), 0f);
        assertEquals(-1f, Nonlinearity.tanh(Float.NEGATIVE_INFINITY), 0f);
        assertTrue(Float.isNaN(Nonlinearity.tanh(Float.NaN)));
    }

    @Test
    void sigmoidFollowsTheLogisticFunction() {
        for (int k = -3000; k <= 3000; k++) {
            float x = k * 0.01f;
            assertEquals(1 / (1 + Math.exp(-x)), Nonlinearity.SIGMOID.apply(x), 3e-7, "x = " + x);
        }
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        for (Nonlinearity phi : Nonlinearity.values()) {
            for (float x = -3.05f; x < 3f; x += 0.1f) {
                double h = 1e-3;
                double numeric = (phi.apply((float) (x + h)) - phi.apply((float) (x - h))) / (2 * h);
                assertEquals(numeric, phi.derivative(x), 2e-3, phi + " at " + x);
            }
        }
    }

    @Test
    void parsesNamesAndRejectsUnknownOnesWithTheChoices() {
        assertEquals(Nonlinearity.RELU, Nonlinearity.parse(" ReLU "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nonlinearity.parse("softplus"));
        assertTrue(e.getMessage().contains("'softplus'") && e.getMessage().contains("tanh, relu, sigmoid, identity"),
                e.getMessage());
    }
}
