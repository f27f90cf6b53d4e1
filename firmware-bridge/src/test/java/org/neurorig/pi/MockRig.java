package org.neurorig.pi;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import org.neurorig.device.DeviceException;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;

/**
 * A simulated cart-pole wired to a {@link PiCartPole} through Pi4J's mock plugin: there is no GPIO, PWM
 * or I2C on this machine, so the mock providers stand in for the kernel's. The mock PWM's duty cycle,
 * the direction and enable pins become the force on the simulated cart; the cart's position becomes
 * edges on the mock encoder inputs, in quadrature order; the pole's angle becomes the AS5600's
 * registers in the mock I2C device, refilled from the simulation whenever the driver has read them.
 *
 * <p>{@link #hardwareOnly} makes the mock hardware without a device, for code that builds its own
 * {@link PiCartPole} on {@link #context} (a rig assembled from a profile); {@link #attach()} then finds
 * its pins once that device is configured. Public for the other modules' tests (firmware-bridge's test-jar).
 */
public final class MockRig implements AutoCloseable {

    /** Quadrature phases in forward order, as AB. */
    private static final int[] GRAY = {0b00, 0b10, 0b11, 0b01};

    final PiCartPoleConfig config;
    final Context context;
    final PiCartPole device;
    final CartPole physics = new CartPole(CartPoleParameters.gym());
    private final double[] state = new double[4];
    private final double metersPerCount;
    MockDigitalInput encoderA;
    MockDigitalInput encoderB;
    MockPwm pwm;
    DigitalOutput direction;
    DigitalOutput enable;
    private int phase;
    private long emittedCount;
    /** Whether the AS5600's STATUS says a magnet is there. */
    volatile boolean magnet = true;
    /** A silent AS5600: its registers are not refilled, so reads find nothing. */
    volatile boolean silent;
    /** An I2C read that fails with an error no driver expects (a broken bus driver, say). */
    volatile boolean broken;

    MockRig(PiCartPoleConfig config, double[] initialState) {
        this(config, initialState, true);
    }

    private MockRig(PiCartPoleConfig config, double[] initialState, boolean withDevice) {
        this.config = config;
        this.metersPerCount = config.cartTravelPerRev() / config.encoderCountsPerRev();
        physics.setState(initialState);
        physics.state(state);
        this.context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                        MockPwmProvider.newInstance(), new SimulatedAs5600Provider())
                .build();
        this.device = withDevice ? new PiCartPole(config, context) : null;
    }

    /**
     * The mock hardware and the simulation, without a device: whoever builds the {@link PiCartPole} on
     * {@link #context()} configures it, then calls {@link #attach()}; it also shuts the context down.
     */
    public static MockRig hardwareOnly(PiCartPoleConfig config, double[] initialState) {
        return new MockRig(config, initialState, false);
    }

    /** The Pi4J context of mock providers. */
    public Context context() {
        return context;
    }

    MockRig configure() throws DeviceException {
        device.configure();
        return attach();
    }

    /** Finds the pins a configured {@link PiCartPole} opened on {@link #context()}. */
    public MockRig attach() {
        encoderA = context.io("neurorig-encoder-a", MockDigitalInput.class);
        encoderB = context.io("neurorig-encoder-b", MockDigitalInput.class);
        pwm = context.io("neurorig-pwm", MockPwm.class);
        direction = context.io("neurorig-direction", DigitalOutput.class);
        enable = context.io("neurorig-enable", DigitalOutput.class);
        return this;
    }

    /** The encoder edges that bring the count to the simulated cart's position, one by one, in quadrature order. */
    public void showCart() {
        physics.state(state);
        long target = Math.round(state[CartPole.X] / metersPerCount);
        while (emittedCount != target) {
            int step = emittedCount < target ? 1 : -1;
            int before = GRAY[phase];
            phase = (phase + step) & 3;
            int after = GRAY[phase];
            if (((before ^ after) & 0b10) != 0) {
                encoderA.mockState((after & 0b10) != 0 ? DigitalState.HIGH : DigitalState.LOW);
            } else {
                encoderB.mockState((after & 0b01) != 0 ? DigitalState.HIGH : DigitalState.LOW);
            }
            emittedCount += step;
        }
    }

    /** The AS5600's raw angle for the simulated pole. */
    int rawAngle() {
        physics.state(state);
        double counts = state[CartPole.THETA] / (2 * Math.PI) * 4096 * (config.poleReversed() ? -1 : 1);
        return Math.floorMod(config.poleZeroRaw() + Math.round(counts), 4096);
    }

    /** The force the mock pins apply to the cart, N. */
    public double motorForce() {
        if (!pwm.isOn() || enable.state() != DigitalState.HIGH) {
            return 0;
        }
        double f = pwm.getDutyCycle() / 100.0 * config.forceAtFullDuty();
        return direction.state() == DigitalState.HIGH ? f : -f;
    }

    /** One physics step with the force the pins apply. */
    public void step() {
        physics.step(motorForce());
    }

    public double[] trueState() {
        double[] s = new double[4];
        physics.state(s);
        return s;
    }

    /** Sets the simulated cart-pole's state (as someone moving the rig by hand would). */
    public void setState(double[] state) {
        physics.setState(state);
    }

    @Override
    public void close() {
        if (device != null) { // hardwareOnly: the device's owner shuts the context down
            device.close();
            context.shutdown();
        }
    }

    /** The mock I2C provider, handing out AS5600s whose registers follow the simulated pole. */
    private final class SimulatedAs5600Provider extends MockI2CProviderImpl {
        @Override
        public I2C create(I2CConfig config) {
            return new SimulatedAs5600(this, config);
        }
    }

    /** The mock I2C device: reads pop the mock's register FIFOs, which are refilled from the simulation when empty. */
    private final class SimulatedAs5600 extends MockI2C {
        SimulatedAs5600(I2CProvider provider, I2CConfig config) {
            super(provider, config);
        }

        private void refill(int register) {
            if (broken) {
                throw new AssertionError("simulated bus failure");
            }
            if (silent || registers[register] != null && !registers[register].isEmpty()) {
                return;
            }
            if (register == As5600.STATUS) {
                writeRegister(As5600.STATUS, (byte) (magnet ? As5600.MD : 0));
            } else if (register == As5600.RAW_ANGLE) {
                int raw = rawAngle();
                writeRegister(As5600.RAW_ANGLE, new byte[] {(byte) (raw >> 8), (byte) raw}, 0, 2);
            }
        }

        @Override
        public int readRegister(int register) {
            refill(register);
            return super.readRegister(register);
        }

        @Override
        public int readRegister(int register, byte[] buffer, int offset, int length) {
            refill(register);
            return super.readRegister(register, buffer, offset, length);
        }
    }
}
