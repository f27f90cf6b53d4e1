package org.neurorig.rig;


import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.neurorig.bridge.Emulators;
import org.neurorig.device.Device;
import org.neurorig.pi.MockRig;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.RigProfile;
import org.neurorig.testing.PlantContract;

/**
 * The plant contract over every kind of rig device, opened from a shipped profile as a rig opens it:
 * the simulated cart-pole (ideal and non-ideal), the Raspberry Pi cart-pole and the reference firmware
 * on the emulated Uno. The loop sees each as its {@link RigDevice#plant()}.
 */
class RigDeviceContractTest {

    /** Past Gymnasium's 2.4 m track limit, pole upright. */
    private static final double[] OFF_THE_TRACK = {2.5, 0, 0, 0};

    private abstract static class Opened extends PlantContract {
        RigDevice rigDevice;

        abstract RigDevice openRigDevice() throws Exception;

        @Override
        protected Device open() throws Exception {
            rigDevice = openRigDevice();
            return rigDevice.plant();
        }

        @Override
        protected void release() {
            if (rigDevice != null) {
                rigDevice.release();
            }
        }

        @Override
        protected double[] terminalState() {
            return OFF_THE_TRACK.clone();
        }
    }

    private abstract static class Simulated extends Opened {
        abstract String profile();

        @Override
        RigDevice openRigDevice() throws Exception {
            RigProfile p = ProfileLoader.load(profile(), List.of());
            SimulatedDevice d = SimulatedDevice.open((DeviceSpec.Simulated) p.device(), p);
            d.plant().configure();
            return d;
        }

        @Override
        protected boolean lockstep() {
            return true;
        }
    }

    @Nested
    class SimCartpole extends Simulated {
        @Override
        String profile() {
            return "sim-cartpole";
        }
    }

    @Nested
    class SimCartpoleNonIdeal extends Simulated {
        @Override
        String profile() {
            return "sim-cartpole-nonideal";
        }
    }

    /**
     * The Pi cart-pole on Pi4J's mock plugin, because no Pi is here: the mock providers stand in for its
     * GPIO, PWM and I2C ({@link MockRig}). A real rig cannot be put into a state, so its plant's reset
     * leaves it where it stands; the test runs its I/O agent between calls, as invoker mode does.
     */
    @Nested
    class RpiCartpoleOnPi4jsMock extends Opened {
        private MockRig mock;

        @Override
        RigDevice openRigDevice() throws Exception {
            RigProfile p = ProfileLoader.load("rpi-cartpole", List.of());
            DeviceSpec.RaspberryPi spec = (DeviceSpec.RaspberryPi) p.device();
            mock = MockRig.hardwareOnly(PiDevice.config(spec, p), new double[] {0, 0, 0.01, 0});
            PiDevice d = PiDevice.open(spec, p, RigOptions.defaults().inInvokerMode().withPiContext(mock::context));
            mock.attach();
            return d;
        }

        @Override
        protected void service(long nowNanos) {
            mock.showCart();
            rigDevice.serviceIo(nowNanos);
        }

        @Override
        protected boolean resetsIntoAState() {
            return false;
        }

        @Override
        protected Boolean actuatorsSafe() {
            return mock.motorForce() == 0 && ((PiDevice) rigDevice).pi().appliedForce() == 0;
        }
    }

    /** The reference firmware's emulated cart-pole on QEMU's Uno, built and started as the rig does. */
    @Nested
    @Tag("emulator")
    class UnoEmulated extends Opened {
        @Override
        RigDevice openRigDevice() throws Exception {
            Emulators.assumeAvailable();
            RigProfile p = ProfileLoader.load("uno-emulated", List.of());
            return SerialDevice.open((DeviceSpec.Serial) p.device(), p, RigOptions.defaults());
        }

        /** The link stamps its states on System.nanoTime, the loop's clock with a firmware plant. */
        @Override
        protected long nowNanos() {
            return System.nanoTime();
        }

        /** At rest off centre: a tick that passes before the first read leaves it where it is. */
        @Override
        protected double[] someState() {
            return new double[] {0.125, 0, 0, 0};
        }

        /** Paced by its link: firmware-bridge's TickAllocationTest measures it over the loop. */
        @Override
        protected boolean freeRunning() {
            return false;
        }
    }
}
