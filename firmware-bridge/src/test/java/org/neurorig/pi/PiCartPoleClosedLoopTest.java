package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.plant.CartPole;
import org.neurorig.testing.BalancingFeedback;

/**
 * The Raspberry Pi device closing the loop on a simulated cart-pole through Pi4J's mock plugin (no real
 * GPIO, PWM or I2C exists on this machine): the mock I2C registers return the simulated pole angle, the
 * mock PWM duty becomes the force, and mock encoder edges follow the simulated cart. The I/O agent is
 * stepped by hand (invoker mode) on an injected clock.
 */
class PiCartPoleClosedLoopTest {

    private static final long TICK = 20_000_000L; // 50 Hz, CartPole-v1's dt

    @Test
    void aLinearControllerBalancesTheSimulatedPoleThroughTheDevice() throws Exception {
        PiCartPoleConfig config = PiCartPoleConfig.reference();
        double metersPerCount = config.cartTravelPerRev() / config.encoderCountsPerRev();
        double radiansPerCount = 2 * Math.PI / 4096;
        try (MockRig rig = new MockRig(config, new double[] {0.02, 0, 0.04, -0.03}).configure()) {
            PiCartPole device = rig.device;
            PiIoAgent io = device.ioAgent();
            device.activate();
            double[] sensors = new double[4];
            double[] command = new double[1];
            long now = 0;
            double worstX = 0;
            double worstTheta = 0;
            for (int t = 0; t < 500; t++) {
                rig.showCart();
                io.doWork(now); // samples the pins and registers
                double[] truth = rig.trueState();
                assertEquals(DeviceStatus.OK, device.read(now, sensors), "tick " + t);
                worstX = Math.max(worstX, Math.abs(sensors[CartPole.X] - truth[CartPole.X]));
                worstTheta = Math.max(worstTheta, Math.abs(sensors[CartPole.THETA] - truth[CartPole.THETA]));
                command[0] = BalancingFeedback.force(sensors);
                assertEquals(DeviceStatus.OK, device.write(now, command));
                io.doWork(now); // applies the command to the mock PWM and pins
                double limited = Math.max(-10, Math.min(10, command[0]));
                assertEquals(limited, rig.motorForce(), 0.05 + 1e-9, "tick " + t + ": the pins carry the command to 1% of duty");
                rig.step();
                now += TICK;
                double[] s = rig.trueState();
                assertTrue(Math.abs(s[CartPole.THETA]) < 12 * Math.PI / 180 && Math.abs(s[CartPole.X]) < 2.4,
                        "tick " + t + ": the pole fell or the cart left the track: " + java.util.Arrays.toString(s));
            }
            assertTrue(worstX <= metersPerCount / 2 + 1e-12, "x read within half a count: " + worstX);
            assertTrue(worstTheta <= radiansPerCount / 2 + 1e-12, "theta read within half a count: " + worstTheta);
            assertEquals(0, io.missedEncoderEdges());
            assertEquals(0, io.sensorFaults());
            device.deactivate();
            assertEquals(0.0, rig.motorForce(), 0.0);
        }
    }
}
