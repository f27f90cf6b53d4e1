package org.neurorig.pi;

import org.neurorig.device.Device;
import org.neurorig.testing.DeviceContract;

/**
 * The device contract over the Raspberry Pi cart-pole on Pi4J's mock plugin: there is no Pi here, so the
 * mock providers stand in for GPIO, PWM and I2C ({@link MockRig}), and the test runs the device's I/O
 * agent between calls, as invoker mode does. Its safe state is seen on the mock pins: no force.
 */
class PiCartPoleContractTest extends DeviceContract {

    private MockRig rig;

    @Override
    protected Device open() throws Exception {
        rig = new MockRig(PiCartPoleConfig.reference(), new double[4]).configure();
        return rig.device;
    }

    @Override
    protected void service(long nowNanos) {
        rig.device.ioAgent().doWork(nowNanos);
    }

    @Override
    protected Boolean actuatorsSafe() {
        return rig.device.appliedForce() == 0 && rig.motorForce() == 0;
    }

    @Override
    protected void release() {
        rig.close();
    }
}
