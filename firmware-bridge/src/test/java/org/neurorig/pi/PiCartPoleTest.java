package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.plant.CartPole;

/**
 * Lifecycle, limits, faults and the watchdog of {@link PiCartPole}, with Pi4J's mock plugin standing in
 * for the Pi's GPIO, PWM and I2C (none of which exists on this machine); see {@link MockRig}.
 */
class PiCartPoleTest {

    private static final long MS = 1_000_000L;

    private static MockRig rig() throws DeviceException {
        return new MockRig(PiCartPoleConfig.reference(), new double[4]).configure();
    }

    @Test
    void commandsReachThePinsOnlyWhileActiveAndDeactivationStopsTheMotor() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            PiIoAgent io = d.ioAgent();
            assertEquals(DeviceStatus.INACTIVE, d.write(0, new double[] {5}));
            io.doWork(0);
            assertFalse(rig.pwm.isOn(), "nothing is driven before activation");
            d.activate();
            assertEquals(DeviceStatus.OK, d.write(0, new double[] {5}));
            assertFalse(rig.pwm.isOn(), "write only hands the command over; the I/O side drives the pins");
            io.doWork(0);
            assertTrue(rig.pwm.isOn());
            assertEquals(50, rig.pwm.getDutyCycle());
            assertEquals(DigitalState.HIGH, rig.direction.state());
            assertEquals(DigitalState.HIGH, rig.enable.state());
            d.write(MS, new double[] {-3});
            io.doWork(MS);
            assertEquals(30, rig.pwm.getDutyCycle());
            assertEquals(DigitalState.LOW, rig.direction.state());
            assertEquals(-3.0, d.appliedForce(), 1e-12);
            d.deactivate();
            assertFalse(rig.pwm.isOn(), "deactivate: PWM off before it returns");
            assertEquals(DigitalState.LOW, rig.enable.state(), "and the bridge disabled");
            io.doWork(2 * MS);
            assertFalse(rig.pwm.isOn(), "the I/O side does not drive the last command again");
            assertEquals(DeviceStatus.INACTIVE, d.write(2 * MS, new double[] {5}));
        }
    }

    @Test
    void commandsAreLimitedToTheRigsForceAndNaNIsZero() throws Exception {
        PiCartPoleConfig r = PiCartPoleConfig.reference();
        PiCartPoleConfig limited = new PiCartPoleConfig(r.pwmChannel(), r.pwmFrequencyHz(), r.directionPin(), r.enablePin(),
                r.encoderPinA(), r.encoderPinB(), r.encoderCountsPerRev(), r.cartTravelPerRev(), r.i2cBus(), r.as5600Address(),
                r.poleZeroRaw(), r.poleReversed(), 10.0, 8.0, r.watchdogNanos(), r.velocityWindowNanos());
        try (MockRig rig = new MockRig(limited, new double[4]).configure()) {
            rig.device.activate();
            rig.device.write(0, new double[] {250});
            rig.device.ioAgent().doWork(0);
            assertEquals(80, rig.pwm.getDutyCycle(), "8 N of a 10 N motor");
            rig.device.write(0, new double[] {Double.NaN});
            rig.device.ioAgent().doWork(0);
            assertEquals(0.0, rig.motorForce(), 0.0);
        }
    }

    @Test
    void theShutdownHookStopsTheMotor() throws Exception {
        try (MockRig rig = rig()) {
            rig.device.activate();
            rig.device.write(0, new double[] {7});
            rig.device.ioAgent().doWork(0);
            assertTrue(rig.pwm.isOn());
            Thread hook = rig.device.shutdownHook();
            assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "the hook is registered with the JVM");
            hook.run(); // what the JVM runs at exit
            assertFalse(rig.pwm.isOn());
            assertEquals(DigitalState.LOW, rig.enable.state());
        }
    }

    @Test
    void aLostMagnetStopsTheMotorAndLatchesAFaultUntilReactivated() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            d.activate();
            d.write(0, new double[] {6});
            d.ioAgent().doWork(0);
            assertTrue(rig.pwm.isOn());
            rig.magnet = false;
            d.ioAgent().doWork(MS);
            assertFalse(rig.pwm.isOn(), "a failed sensor drives the safe state");
            assertEquals(PiCartPole.Fault.NO_MAGNET, d.fault());
            double[] s = new double[4];
            assertEquals(DeviceStatus.FAULT, d.read(MS, s));
            assertEquals(DeviceStatus.FAULT, d.write(MS, new double[] {6}));
            rig.magnet = true;
            d.ioAgent().doWork(2 * MS);
            assertFalse(rig.pwm.isOn(), "latched: the magnet coming back does not restart the motor");
            d.activate();
            d.write(3 * MS, new double[] {6});
            d.ioAgent().doWork(3 * MS);
            assertTrue(rig.pwm.isOn());
            assertEquals(DeviceStatus.OK, d.read(3 * MS, s));
        }
    }

    @Test
    void aSilentSensorIsAFault() throws Exception {
        try (MockRig rig = rig()) {
            rig.device.activate();
            rig.silent = true;
            rig.device.ioAgent().doWork(0);
            assertEquals(PiCartPole.Fault.SENSOR, rig.device.fault());
            assertEquals(1, rig.device.ioAgent().sensorFaults());
        }
    }

    @Test
    void aLoopThatStopsSendingTripsTheWatchdog() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            d.activate();
            d.write(0, new double[] {4});
            d.ioAgent().doWork(0);
            d.ioAgent().doWork(90 * MS);
            assertTrue(rig.pwm.isOn(), "within the 100 ms watchdog");
            d.ioAgent().doWork(101 * MS);
            assertFalse(rig.pwm.isOn(), "no command for over 100 ms: motor stopped");
            assertEquals(PiCartPole.Fault.WATCHDOG, d.fault());
            assertEquals(1, d.ioAgent().watchdogTrips());
        }
    }

    @Test
    void readsSayWhetherTheSampleIsFreshStaleOrFromAStoppedIoSide() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            double[] s = new double[4];
            assertEquals(DeviceStatus.STALE, d.read(0, s), "nothing sampled yet");
            d.ioAgent().doWork(0);
            assertEquals(DeviceStatus.OK, d.read(0, s));
            assertEquals(DeviceStatus.STALE, d.read(MS, s), "the same sample again");
            assertEquals(DeviceStatus.DISCONNECTED, d.read(200 * MS, s), "the I/O side has not sampled for longer than the watchdog");
        }
    }

    @Test
    void safeStateStopsAtOnceAndHoldsUntilActivated() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            d.activate();
            d.write(0, new double[] {-9});
            d.ioAgent().doWork(0);
            d.safeState();
            assertFalse(rig.pwm.isOn());
            d.ioAgent().doWork(MS);
            assertFalse(rig.pwm.isOn());
            assertEquals(DeviceStatus.FAULT, d.write(MS, new double[] {-9}));
            d.safeState(); // again, and in any state: never throws
        }
    }

    @Test
    void theEncoderCountsBothWays() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            double[] s = new double[4];
            double perCount = 0.04 / 2400;
            rig.physics.setState(new double[] {250 * perCount, 0, 0, 0});
            rig.showCart();
            d.ioAgent().doWork(0);
            d.read(0, s);
            assertEquals(250 * perCount, s[CartPole.X], 1e-12);
            rig.physics.setState(new double[] {-17 * perCount, 0, 0, 0});
            rig.showCart();
            d.ioAgent().doWork(MS);
            d.read(MS, s);
            assertEquals(-17 * perCount, s[CartPole.X], 1e-12);
            assertEquals(0, d.ioAgent().missedEncoderEdges());
        }
    }

    /**
     * The mock input only fires on a change of level, so a lost pulse (two events at the same level) is
     * fed to the decoder directly: it is counted as two missed edges and does not move the count.
     */
    @Test
    void aRepeatedLevelIsCountedAsAMissedPulse() throws Exception {
        try (MockRig rig = rig()) {
            QuadratureEncoder encoder = rig.device.encoder();
            encoder.edge(2, true); // A rises: +1
            encoder.edge(2, true); // A "rises" again: its fall and rise went unseen
            assertEquals(1, encoder.count());
            assertEquals(2, encoder.missedEdges());
        }
    }

    @Test
    void theAngleFollowsThePoleRoundAndRound() throws Exception {
        try (MockRig rig = rig()) {
            PiCartPole d = rig.device;
            double[] s = new double[4];
            long now = 0;
            for (double theta = 0; theta < 3 * 2 * Math.PI; theta += 0.5) { // three turns, steps below half a turn
                rig.physics.setState(new double[] {0, 0, theta, 0});
                d.ioAgent().doWork(now);
                d.read(now, s);
                assertEquals(theta, s[CartPole.THETA], Math.PI / 4096 + 1e-12, "no turn is lost");
                now += MS;
            }
        }
    }

    @Test
    void configureNamesWhatIsMissing() {
        MockRig silent = new MockRig(PiCartPoleConfig.reference(), new double[4]);
        silent.silent = true;
        DeviceException e = assertThrows(DeviceException.class, silent::configure);
        assertEquals("rpi-cartpole: the AS5600 on I2C bus 1 at address 0x36 does not answer: check its wiring and power,"
                + " and that I2C is on (dtparam=i2c_arm=on; i2cdetect -y 1 should list 36)", e.getMessage());
        assertFalse(silent.context.hasIO("neurorig-pwm"), "a failed configure releases what it opened");
        silent.close();
        MockRig noMagnet = new MockRig(PiCartPoleConfig.reference(), new double[4]);
        noMagnet.magnet = false;
        e = assertThrows(DeviceException.class, noMagnet::configure);
        assertTrue(e.getMessage().contains("sees no magnet"), e.getMessage());
        noMagnet.close();
    }

    @Test
    void aPinUsedTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PiCartPoleConfig(0, 20_000, 23, 24,
                17, 23, 2400, 0.04, 1, 0x36, 2048, false, 10, 10, 100_000_000L, 10_000_000L));
        assertEquals("pi.encoder_pin_b = 23 is already pi.direction_pin: every pin needs its own GPIO", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PiCartPoleConfig(0, 20_000, 18, 24,
                17, 27, 2400, 0.04, 1, 0x36, 2048, false, 10, 10, 100_000_000L, 10_000_000L));
        assertEquals("pi.direction_pin = 18 is already the GPIO of pi.pwm_channel 0: every pin needs its own GPIO", e.getMessage());
    }
}
