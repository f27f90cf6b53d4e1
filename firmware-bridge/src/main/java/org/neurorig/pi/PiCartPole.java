package org.neurorig.pi;

import com.pi4j.context.Context;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;

/**
 * A cart-pole rig on a Raspberry Pi, as the control loop sees it: four sensors (x m, x_dot m/s,
 * theta rad, theta_dot rad/s, the layout of the simulated cart-pole) and one actuator (the force on the
 * cart, N). Hardware: an H-bridge on hardware PWM with direction and enable pins, a quadrature encoder
 * on the cart, an AS5600 magnetic encoder on the pole's axle.
 *
 * <p>Threads: Pi4J allocates and some of its calls block, so none is made from {@link #read} or
 * {@link #write}. Those two only exchange values with the I/O side ({@link #ioAgent}, run by a
 * {@link PiIoThread} or stepped by a test): the sample comes through a sequence lock written by the I/O
 * thread alone, the command through a volatile slot written by the loop alone. Neither allocates,
 * locks or blocks. Encoder edges are counted in Pi4J's event threads.
 *
 * <p>Safety: {@link #deactivate}, {@link #safeState}, {@link #close} and JVM shutdown stop the motor
 * (PWM off, bridge disabled) before they return. A sensor fault or a silent loop (no command within the
 * watchdog) stops it from the I/O side and latches a fault: reads and writes report FAULT until the
 * device is activated again.
 */
public final class PiCartPole implements Device {

    /** Why the motor was stopped from inside the device. */
    public enum Fault {
        NONE, SENSOR, NO_MAGNET, WATCHDOG, SAFE_STATE
    }

    static final long NO_COMMAND = Long.MIN_VALUE;
    private static final String ID_PREFIX = "neurorig-";

    private final PiCartPoleConfig config;
    private final Context context;
    private final SensorSnapshot snapshot = new SensorSnapshot(4);
    private final double[] scratch = new double[4];
    private HBridgeMotor motor;
    private QuadratureEncoder encoder;
    private As5600 as5600;
    private PiIoAgent agent;
    private Thread shutdownHook;

    // loop -> I/O: written by the loop thread only
    private volatile long commandBits;
    private volatile long commandNanos = NO_COMMAND;
    // lifecycle and faults: written by the lifecycle or the I/O thread, read by both and by the loop
    private volatile boolean active;
    private volatile Fault fault = Fault.NONE;
    private volatile boolean restart;
    // the loop thread's own
    private long lastReadSequence = -1;

    /**
     * @param context a Pi4J context built by the caller, who also shuts it down: {@link PiContexts#hardware}
     *                on a Pi, a context of mock providers in tests
     */
    public PiCartPole(PiCartPoleConfig config, Context context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public String name() {
        return "rpi-cartpole";
    }

    @Override
    public int sensorCount() {
        return 4;
    }

    @Override
    public int actuatorCount() {
        return 1;
    }

    /**
     * Opens the pins, the PWM channel and the I2C device, and checks that the AS5600 answers and sees
     * its magnet. Registers a JVM shutdown hook that stops the motor.
     */
    @Override
    public void configure() throws DeviceException {
        if (agent != null) {
            return;
        }
        String step = "the H-bridge (PWM channel " + config.pwmChannel() + ", direction GPIO " + config.directionPin()
                + ", enable GPIO " + config.enablePin() + ")";
        try {
            motor = new HBridgeMotor(context, config, ID_PREFIX);
            motor.disarmAndStop();
            step = "the cart encoder (GPIO " + config.encoderPinA() + " and " + config.encoderPinB() + ")";
            encoder = new QuadratureEncoder(context, config, ID_PREFIX);
            step = "the AS5600 (I2C bus " + config.i2cBus() + ", address 0x" + Integer.toHexString(config.as5600Address()) + ")";
            as5600 = new As5600(context, config, ID_PREFIX);
        } catch (RuntimeException e) {
            release();
            throw new DeviceException(name() + ": could not open " + step + ": " + e.getMessage()
                    + " (is another program using it, and are the overlays in config.txt?)", e);
        }
        int raw = as5600.read();
        if (raw == As5600.NO_ANSWER) {
            release();
            throw new DeviceException(name() + ": the AS5600 on I2C bus " + config.i2cBus() + " at address 0x"
                    + Integer.toHexString(config.as5600Address()) + " does not answer: check its wiring and power, and that"
                    + " I2C is on (dtparam=i2c_arm=on; i2cdetect -y " + config.i2cBus() + " should list 36)");
        }
        if (raw == As5600.NO_MAGNET) {
            int status = as5600.lastStatus();
            release();
            throw new DeviceException(name() + ": the AS5600 answers but sees no magnet (STATUS 0x"
                    + Integer.toHexString(status) + "): mount the diametric magnet 0.5 to 3 mm above the chip");
        }
        agent = new PiIoAgent(this, motor, encoder, as5600, config);
        HBridgeMotor m = motor;
        shutdownHook = new Thread(m::disarmAndStop, "neurorig-rpi-cartpole-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The I/O side, to run on its own thread ({@link PiIoThread}) or to step by hand in invoker mode. */
    public PiIoAgent ioAgent() {
        if (agent == null) {
            throw new IllegalStateException(name() + " is not configured: call configure() first");
        }
        return agent;
    }

    @Override
    public void activate() {
        ioAgent();
        commandNanos = NO_COMMAND;
        commandBits = Double.doubleToRawLongBits(0.0);
        fault = Fault.NONE;
        restart = true;
        motor.arm();
        active = true;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        long sequence = snapshot.copyTo(sensors, scratch);
        if (fault != Fault.NONE) {
            return DeviceStatus.FAULT;
        }
        if (sequence < 0) {
            return DeviceStatus.STALE; // the I/O thread was mid-write every time: the previous values stand
        }
        if (sequence == 0) {
            return DeviceStatus.STALE; // nothing sampled yet
        }
        if (snapshot.copiedFault()) {
            return DeviceStatus.FAULT;
        }
        if (nowNanos - snapshot.copiedNanos() > config.watchdogNanos()) {
            return DeviceStatus.DISCONNECTED; // the I/O side has stopped sampling
        }
        boolean fresh = sequence != lastReadSequence;
        lastReadSequence = sequence;
        return fresh ? DeviceStatus.OK : DeviceStatus.STALE;
    }

    /** Hands the force (N) to the I/O side, limited to the rig's +-maxForce; the motor follows within one I/O cycle. */
    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        if (!active) {
            return DeviceStatus.INACTIVE;
        }
        if (fault != Fault.NONE) {
            return DeviceStatus.FAULT;
        }
        double f = commands[0];
        double limit = config.maxForce();
        f = Double.isNaN(f) ? 0 : Math.max(-limit, Math.min(limit, f));
        commandBits = Double.doubleToRawLongBits(f);
        commandNanos = nowNanos;
        return DeviceStatus.OK;
    }

    /** Stops the motor now and latches a fault until the next activation. Never throws. */
    @Override
    public void safeState() {
        latchFault(Fault.SAFE_STATE);
        if (motor == null) {
            return;
        }
        motor.disarmAndStop();
    }

    @Override
    public void deactivate() {
        active = false;
        if (motor != null) {
            motor.disarmAndStop();
        }
    }

    /** Stops the motor and releases the pins, the PWM channel and the I2C device. Never throws. */
    @Override
    public void close() {
        deactivate();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook runs anyway
            }
            shutdownHook = null;
        }
        release();
        agent = null;
    }

    private void release() {
        if (motor != null) {
            motor.disarmAndStop();
            motor.shutdown(context);
            motor = null;
        }
        if (encoder != null) {
            encoder.shutdown(context);
            encoder = null;
        }
        if (as5600 != null) {
            as5600.shutdown(context);
            as5600 = null;
        }
    }

    /** Why the device stopped the motor by itself, or NONE. */
    public Fault fault() {
        return fault;
    }

    /** The force the motor's pins apply now (N), as the I/O side last set them. */
    public double appliedForce() {
        return motor == null ? 0 : motor.appliedForce();
    }

    QuadratureEncoder encoder() {
        return encoder;
    }

    /** The JVM shutdown hook that stops the motor (for tests; registered by configure, removed by close). */
    Thread shutdownHook() {
        return shutdownHook;
    }

    // ---- for the I/O agent ----

    boolean commandsAccepted() {
        return active && fault == Fault.NONE;
    }

    long commandNanos() {
        return commandNanos;
    }

    double command() {
        return Double.longBitsToDouble(commandBits);
    }

    SensorSnapshot snapshot() {
        return snapshot;
    }

    /** Stops the motor and records the first cause; later causes do not overwrite it. */
    void latchFault(Fault cause) {
        if (fault == Fault.NONE) {
            fault = cause;
        }
        if (motor != null) {
            motor.disarmAndStop();
        }
    }

    boolean takeRestart() {
        if (restart) {
            restart = false;
            return true;
        }
        return false;
    }
}
