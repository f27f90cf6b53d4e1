package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * What every cart-pole {@link Plant} must do, whatever it runs on: the same physics. One suite, run over
 * the in-process {@code CartPolePlant} (continuous force) and over {@link FirmwarePlant} on the emulated
 * Uno, one plant for the class (the interface's own contract, with a plant for each test, is
 * {@link org.neurorig.testing.PlantContract}). The only
 * allowance for the firmware is the one its sensors need: readings are encoder counts, so each sensor
 * is checked to within its resolution, and a step is "write, then wait for the next fresh state" (which
 * for the in-process plant is immediate).
 */
abstract class CartPoleContract {

    static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;

    /** A configured plant, shared by the tests of a class. */
    protected abstract Plant plant();

    /** The resolution of each sensor (0 for the exact in-process plant). */
    protected abstract double[] resolution();

    private final double[] sensors = new double[4];
    private final double[] truth = new double[4];
    private final double[] command = new double[1];

    @BeforeEach
    void activate() {
        plant().activate();
    }

    @AfterEach
    void deactivate() {
        plant().deactivate();
    }

    /** Writes a command and returns once a fresh state has been read into {@link #sensors}. */
    private void step(double force) {
        command[0] = force;
        assertEquals(DeviceStatus.OK, plant().write(System.nanoTime(), command), "write");
        awaitFresh();
    }

    /** Polls for the next fresh state; a bound in polls, not in time, so a slow machine only waits longer. */
    private void awaitFresh() {
        for (int poll = 0; poll < 10_000; poll++) {
            DeviceStatus s = plant().read(System.nanoTime(), sensors);
            if (s == DeviceStatus.OK) {
                return;
            }
            if (s != DeviceStatus.STALE) {
                fail("read: " + s);
            }
            LockSupport.parkNanos(200_000);
        }
        fail("read: no fresh state in 10,000 polls");
    }

    private void reset(double... state) {
        assertEquals(DeviceStatus.OK, plant().reset(state), "reset");
        awaitFresh();
    }

    private void assertSensorsNear(double[] expected, String what) {
        double[] res = resolution();
        for (int i = 0; i < 4; i++) {
            double tolerance = res[i] * 0.5 + 1e-6; // counts are rounded to the nearest; 1e-6 for float32
            assertEquals(expected[i], sensors[i], tolerance, what + ": sensor " + i);
        }
    }

    @Test
    void hasTheCartPolesShape() {
        assertEquals(4, plant().sensorCount());
        assertEquals(1, plant().actuatorCount());
        assertEquals(4, plant().stateSize());
        assertEquals(0.02, plant().dt(), 1e-12);
    }

    @Test
    void writesAreRefusedWhileInactive() {
        plant().deactivate();
        command[0] = 1;
        assertEquals(DeviceStatus.INACTIVE, plant().write(System.nanoTime(), command));
        plant().activate();
        assertEquals(DeviceStatus.OK, plant().write(System.nanoTime(), command));
    }

    @Test
    void anEpisodeStartsFromTheGivenState() {
        double[] s0 = {0.125, -0.25, 0.0390625, 0.5}; // exact in float32, so the true state must match exactly
        reset(s0);
        assertSensorsNear(s0, "first state");
        plant().trueState(truth);
        for (int i = 0; i < 4; i++) {
            assertEquals(s0[i], truth[i], 0.0, "true state " + i);
        }
        assertFalse(plant().terminated());
    }

    @Test
    void anUprightPoleAtRestStaysPutUnderZeroForce() {
        reset(0, 0, 0, 0);
        for (int t = 0; t < 25; t++) {
            step(0);
            assertSensorsNear(new double[4], "step " + t);
        }
        assertFalse(plant().terminated());
    }

    @Test
    void pushingRightAcceleratesTheCartRightAndTipsThePoleBack() {
        reset(0, 0, 0, 0);
        for (int t = 0; t < 10; t++) {
            step(5);
        }
        plant().trueState(truth);
        assertTrue(truth[1] > 0.3, "x_dot " + truth[1]);
        assertTrue(sensors[1] > 0.3, "sensed x_dot " + sensors[1]);
        assertTrue(truth[2] < -0.01, "theta " + truth[2]);
    }

    @Test
    void anUnforcedPoleFallsAndTheEpisodeEnds() {
        reset(0, 0, 0.05, 0);
        int steps = 0;
        while (!plant().terminated() && steps < 200) {
            step(0);
            steps++;
        }
        plant().trueState(truth);
        assertTrue(plant().terminated() && steps > 5, "fell after " + steps + " steps");
        assertTrue(truth[2] > THETA_LIMIT, "theta " + truth[2]);
        assertTrue(sensors[2] > THETA_LIMIT - resolution()[2], "sensed theta " + sensors[2]);
    }

    @Test
    void theForceIsLimitedToFullScale() {
        reset(0, 0, 0, 0);
        for (int t = 0; t < 6; t++) {
            step(1000);
        }
        plant().trueState(truth);
        double huge = truth[1];
        reset(0, 0, 0, 0);
        for (int t = 0; t < 6; t++) {
            step(10);
        }
        plant().trueState(truth);
        assertEquals(truth[1], huge, 1e-6, "1000 N must act as the 10 N full scale");
        assertTrue(huge > 0.5, "x_dot " + huge);
    }

    @Test
    void aNanCommandAppliesNoForce() {
        reset(0, 0, 0, 0);
        for (int t = 0; t < 10; t++) {
            step(Double.NaN);
        }
        plant().trueState(truth);
        assertEquals(0.0, truth[0], 0.0);
        assertEquals(0.0, truth[1], 0.0);
    }

    /**
     * Positions to within one count; velocities more loosely, because an encoder's velocity is the count
     * difference over the last tick (the mean velocity over that tick, which trails the velocity at its end
     * by about half a tick of acceleration), and the in-process plant has no encoders at all.
     */
    @Test
    void sensorsAgreeWithTheTrueState() {
        reset(0, 0, 0.02, 0);
        for (int t = 0; t < 15; t++) {
            step(2);
        }
        plant().trueState(truth);
        double[] res = resolution();
        assertEquals(truth[0], sensors[0], res[0] * 0.5 + 1e-6, "x");
        assertEquals(truth[2], sensors[2], res[2] * 0.5 + 1e-6, "theta");
        assertEquals(truth[1], sensors[1], res[1] + 0.05, "x_dot");
        assertEquals(truth[3], sensors[3], res[3] + 0.2, "theta_dot");
    }
}
