package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memoryless actuator effects: PWM quantization, deadband, saturation, gain error, force bias, discrete force. */
class CommandShapersTest {

    private static double through(CommandShaper shaper, RecordingPlant inner, double command) {
        shaper.write(0, new double[] {command});
        return inner.lastCommand[0];
    }

    @Test
    void threeBitPwmGivesSevenStepsOfFullScaleEitherWay() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        CommandQuantization q = new CommandQuantization(inner, 3, 10);
        assertEquals(10.0 / 7, through(q, inner, 1.5), 1e-12, "1.5 N is nearest to one step of 10/7 N");
        assertEquals(-20.0 / 7, through(q, inner, -2.5), 1e-12);
        assertEquals(0.0, through(q, inner, 0.5), 0.0, "below half a step gives nothing");
        assertEquals(10.0, through(q, inner, 25), 0.0, "a duty cycle cannot exceed 100%");
        double maxError = 0;
        for (double u = -10; u <= 10; u += 0.001) {
            maxError = Math.max(maxError, Math.abs(through(q, inner, u) - u));
        }
        assertTrue(maxError <= 10.0 / 7 / 2 + 1e-12, "error at most half a step: " + maxError);
    }

    @Test
    void theDeadZoneGivesNothingInsideAndStartsFromZeroOutside() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        Deadband d = new Deadband(inner, 0.1, 10);
        assertEquals(0.0, through(d, inner, 0.99), 0.0);
        assertEquals(0.0, through(d, inner, -1.0), 0.0);
        assertEquals(2.0, through(d, inner, 3.0), 1e-15);
        assertEquals(-2.0, through(d, inner, -3.0), 1e-15);
        assertTrue(Double.isNaN(through(d, inner, Double.NaN)), "a NaN passes on for the plant to refuse");
    }

    @Test
    void saturationLimitsTheForceTheMotorDelivers() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        Saturation s = new Saturation(inner, 0.3, 10);
        assertEquals(7.0, through(s, inner, 10), 1e-15);
        assertEquals(-7.0, through(s, inner, -9), 1e-15);
        assertEquals(5.0, through(s, inner, 5), 0.0);
    }

    @Test
    void aWeakMotorScalesEveryCommand() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        MotorGainError g = new MotorGainError(inner, -0.25);
        assertEquals(7.5, through(g, inner, 10), 0.0);
        assertEquals(-3.0, through(g, inner, -4), 0.0);
    }

    @Test
    void aForceBiasIsAddedToEveryCommand() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        ForceBias b = new ForceBias(inner, 0.5);
        assertEquals(3.5, through(b, inner, 3), 0.0);
        assertEquals(-9.5, through(b, inner, -10), 0.0);
        assertEquals(0.5, through(b, inner, 0), 0.0, "no command still pushes");
    }

    @Test
    void theDiscreteActionBecomesGymnasiumsForce() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        DiscreteForce f = new DiscreteForce(inner, 10);
        assertEquals(10.0, through(f, inner, 1), 0.0);
        assertEquals(-10.0, through(f, inner, 0), 0.0);
        assertEquals(-10.0, through(f, inner, Double.NaN), 0.0);
    }

    @Test
    void outOfRangeSettingsNameTheParameter() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        assertEquals("pwm_bits = 0 is out of range: expected 1 to 24",
                assertThrows(IllegalArgumentException.class, () -> new CommandQuantization(inner, 0, 10)).getMessage());
        assertEquals("deadband = 1.0 is out of range: expected a fraction of full scale from 0 to below 1",
                assertThrows(IllegalArgumentException.class, () -> new Deadband(inner, 1.0, 10)).getMessage());
        assertEquals("gain_error = -1.0 is out of range: expected a finite number above -1",
                assertThrows(IllegalArgumentException.class, () -> new MotorGainError(inner, -1)).getMessage());
        assertEquals("force_bias = Infinity is out of range: expected a finite number (N)",
                assertThrows(IllegalArgumentException.class, () -> new ForceBias(inner, Double.POSITIVE_INFINITY)).getMessage());
    }
}
