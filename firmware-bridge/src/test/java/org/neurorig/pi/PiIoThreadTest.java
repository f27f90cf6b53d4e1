package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
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
        // the command watchdog (100 ms in the reference) is not what this is about: with it, a test thread
        // descheduled for 100 ms between its command and its first read would find the motor stopped by it
        PiCartPoleConfig r = PiCartPoleConfig.reference();
        PiCartPoleConfig config = new PiCartPoleConfig(r.pwmChannel(), r.pwmFrequencyHz(), r.directionPin(), r.enablePin(),
                r.encoderPinA(), r.encoderPinB(), r.encoderCountsPerRev(), r.cartTravelPerRev(), r.i2cBus(),
                r.as5600Address(), r.poleZeroRaw(), r.poleReversed(), r.forceAtFullDuty(), r.maxForce(),
                TimeUnit.MINUTES.toNanos(10), r.velocityWindowNanos());
        try (MockRig rig = new MockRig(config, new double[4]).configure()) {
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
