package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;

/** The I/O thread against Pi4J's mock plugin (no real GPIO here): it samples on its own, and a failure stops the motor. */
class PiIoThreadTest {

    private static boolean within(long nanos, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + nanos;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Test
    void anUnexpectedFailureOnTheIoThreadStopsTheMotor() throws Exception {
        try (MockRig rig = new MockRig(PiCartPoleConfig.reference(), new double[4]).configure()) {
            PiCartPole d = rig.device;
            d.activate();
            d.write(System.nanoTime(), new double[] {5});
            double[] s = new double[4];
            try (PiIoThread io = PiIoThread.start(d, 1_000_000L)) {
                assertTrue(within(5_000_000_000L, () -> rig.pwm.isOn()), "the thread applies the command");
                assertTrue(within(5_000_000_000L, () -> d.read(System.nanoTime(), s) == DeviceStatus.OK), "and publishes samples");
                rig.broken = true;
                assertTrue(within(5_000_000_000L, () -> io.failure() != null), "the failure ends the thread");
                assertEquals("simulated bus failure", io.failure().getMessage());
                assertFalse(rig.pwm.isOn(), "and the motor is stopped");
                assertEquals(PiCartPole.Fault.SAFE_STATE, d.fault());
            }
        }
    }
}
