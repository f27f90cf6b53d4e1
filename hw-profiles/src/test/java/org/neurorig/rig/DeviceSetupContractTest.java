package org.neurorig.rig;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.neurorig.pi.PiCartPole;
import org.neurorig.bridge.Emulators;
import org.neurorig.bridge.FirmwarePlantContract;
import org.neurorig.device.Device;
import org.neurorig.pi.MockRig;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.RigProfile;
import org.neurorig.testing.PlantContract;
import org.neurorig.testing.SimulatedCartPoleContract;

/**
 * The plant contract over every kind of rig device, opened from a shipped profile as a rig opens it:
 * the simulated cart-pole (ideal and non-ideal), the Raspberry Pi cart-pole and the reference firmware
 * on the emulated Uno. The loop sees each as its {@link DeviceSetup#plant()}.
 */
class DeviceSetupContractTest {

    private abstract static class Simulated extends SimulatedCartPoleContract {
        abstract String profile();

        @Override
        protected Device open() throws Exception {
            RigProfile p = ProfileLoader.load(profile(), List.of());
            SimulatedSetup d = SimulatedSetup.open((DeviceSpec.Simulated) p.device(), p);
            d.plant().configure();
            return d.plant();
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
    class RpiCartpoleOnPi4jsMock extends PlantContract {
        private MockRig mock;
        private PiSetup pi;

        @Override
        protected Device open() throws Exception {
            RigProfile p = ProfileLoader.load("rpi-cartpole", List.of());
            DeviceSpec.RaspberryPi spec = (DeviceSpec.RaspberryPi) p.device();
            mock = MockRig.hardwareOnly(PiSetup.config(spec, p), new double[] {0, 0, 0.01, 0});
            pi = PiSetup.open(spec, p, RigOptions.defaults().inInvokerMode().withPiContext(mock::context));
            mock.attach();
            return pi.plant();
        }

        @Override
        protected void release() {
            if (pi != null) {
                pi.release();
            }
        }

        @Override
        protected void service(long nowNanos) {
            mock.showCart();
            pi.serviceIo(nowNanos);
        }

        @Override
        protected boolean resetsIntoAState() {
            return false;
        }

        @Override
        protected Boolean actuatorsSafe() {
            return mock.motorForce() == 0 && ((PiCartPole) pi.device()).appliedForce() == 0;
        }
    }

    /** The reference firmware's emulated cart-pole on QEMU's Uno, built and started as the rig does. */
    @Nested
    @Tag("emulator")
    class UnoEmulated extends FirmwarePlantContract {
        private SerialSetup serial;

        @Override
        protected Device open() throws Exception {
            Emulators.assumeAvailable();
            RigProfile p = ProfileLoader.load("uno-emulated", List.of());
            serial = SerialSetup.open((DeviceSpec.Serial) p.device(), p, RigOptions.defaults());
            return serial.plant();
        }

        @Override
        protected void release() {
            if (serial != null) {
                serial.release();
            }
        }
    }
}
