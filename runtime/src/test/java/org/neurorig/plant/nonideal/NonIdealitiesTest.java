package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NonIdealitiesTest {

    @Test
    void noneIsIdealAndStrongHasEveryEffect() {
        assertTrue(NonIdealities.none().isIdeal());
        assertEquals("none", NonIdealities.none().describe());
        NonIdealities strong = NonIdealities.preset("strong");
        assertEquals(NonIdealities.severity(1), strong);
        for (Effect e : Effect.values()) {
            assertTrue(strong.has(e), e + " is on at strong");
        }
        assertEquals(2, strong.delayTicks());
        assertEquals(6, strong.pwmBits());
        assertEquals(0.035, strong.thetaOffset(), 0.0, "2 degrees");
        assertEquals(0.5, strong.forceBias(), 0.0);
        assertEquals(NonIdealities.severity(1 / 3.0), NonIdealities.preset("mild"));
    }

    @Test
    void eachEffectPresetTurnsOnThatEffectAlone() {
        for (Effect e : Effect.values()) {
            NonIdealities only = NonIdealities.preset(e.presetName());
            for (Effect other : Effect.values()) {
                assertEquals(other == e, only.has(other), e.presetName() + " preset, effect " + other);
            }
        }
    }

    /** The sweep relies on this: a higher severity is never milder in any parameter. */
    @Test
    void everyParameterGrowsWithSeverity() {
        double[] previous = NonIdealities.severity(0).values();
        for (int k = 1; k <= 20; k++) {
            double[] v = NonIdealities.severity(k / 20.0).values();
            for (int i = 0; i < v.length; i++) {
                String key = NonIdealities.PARAMETERS.get(i).key();
                if (key.endsWith("_cpr") || key.equals("pwm_bits")) {
                    // finer is milder: resolution must not improve once the effect is on
                    assertTrue(previous[i] == 0 || v[i] <= previous[i], key + " at " + k / 20.0);
                } else {
                    assertTrue(Math.abs(v[i]) >= Math.abs(previous[i]), key + " at " + k / 20.0);
                }
            }
            previous = v;
        }
    }

    @Test
    void valuesAreSetByKeyAndCheckedWithTheKeyInTheMessage() {
        NonIdealities n = NonIdealities.none().with("delay_ticks", 3).with("coulomb_friction", 0.2);
        assertEquals(3, n.delayTicks());
        assertEquals(0.2, n.coulombFriction(), 0.0);
        assertEquals("delay_ticks=3 coulomb_friction=0.2", n.describe());
        assertEquals("nonideal.delay_ticks = 1.5 is out of range: expected an integer from 0 to 100 (ticks)",
                assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("delay_ticks", 1.5)).getMessage());
        assertEquals("nonideal.saturation = 1 is out of range: expected a fraction from 0 to below 1 (fraction of full scale)",
                assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("saturation", 1)).getMessage());
        assertEquals("nonideal.gain_error = -1 is out of range: expected a number above -1 and at most 10 (relative)",
                assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("gain_error", -1)).getMessage());
        assertEquals("nonideal.noise_x = NaN is out of range: expected a finite number >= 0 (m)",
                assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("noise_x", Double.NaN)).getMessage());
        assertEquals("nonideal.theta_offset = -0.6 is out of range: expected a number from -0.5 to 0.5 (rad)",
                assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("theta_offset", -0.6)).getMessage());
        assertEquals("nonideal.force_bias = 101 is out of range: expected a number from -100 to 100 (N)",
                assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("force_bias", 101)).getMessage());
        NonIdealities negative = NonIdealities.none().with("theta_offset", -0.5).with("force_bias", -100);
        assertTrue(negative.has(Effect.OFFSET) && negative.has(Effect.BIAS), "a negative offset or bias is on too");
        assertEquals("theta_offset=-0.5 force_bias=-100", negative.describe());
        String unknown = assertThrows(IllegalArgumentException.class, () -> NonIdealities.none().with("delay", 1)).getMessage();
        assertTrue(unknown.startsWith("unknown non-ideality 'nonideal.delay': expected one of delay_ticks, hold_ticks,"), unknown);
    }

    @Test
    void aCartEncoderNeedsAPulley() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> NonIdealities.none().with("cart_travel_per_rev", 0).with("cart_encoder_cpr", 100)).getMessage();
        assertEquals("nonideal.cart_travel_per_rev = 0.0 must be > 0 when cart_encoder_cpr is set (it is 100)", m);
    }

    @Test
    void anUnknownPresetListsTheKnownOnes() {
        String m = assertThrows(IllegalArgumentException.class, () -> NonIdealities.preset("hard")).getMessage();
        assertEquals("no non-ideality preset named 'hard': expected one of none, mild, moderate, strong, delay, hold, pwm, "
                + "deadband, saturation, gain, friction, noise, encoder, mismatch, jitter, offset, bias", m);
        assertFalse(NonIdealities.presetNames().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> NonIdealities.severity(1.5));
    }
}
