package org.neurorig.pi;

/**
 * The rig's I/O side, one duty cycle per {@link #doWork} call, on a thread of its own ({@link PiIoThread})
 * or stepped by a test (invoker mode). It applies the loop's newest command to the motor, enforces the
 * command watchdog, reads the AS5600, takes the encoder count, estimates both velocities, and publishes
 * the sample. Every Pi4J call happens here or in the lifecycle, none in the control tick.
 *
 * <p>A sensor that stops answering (or loses its magnet) stops the motor at once and latches a fault,
 * as does a loop that stops sending commands for longer than the watchdog: the device then reports
 * FAULT until it is activated again.
 */
public final class PiIoAgent {

    private static final int HISTORY = 256; // samples kept for the velocity window (power of two)
    private static final double COUNTS_PER_TURN = 4096;

    private final PiCartPole device;
    private final HBridgeMotor motor;
    private final QuadratureEncoder encoder;
    private final As5600 as5600;
    private final PiCartPoleConfig config;
    private final double metersPerCount;
    private final double radiansPerCount;
    private final double[] sample = new double[4];
    private final long[] times = new long[HISTORY];
    private final double[] xs = new double[HISTORY];
    private final double[] thetas = new double[HISTORY];
    private int samples;
    private long poleCounts; // continuous: turns are not lost when the pole goes round
    private int lastRaw = -1;
    private double lastForce = Double.NaN;
    private long sensorFaults;
    private long watchdogTrips;

    PiIoAgent(PiCartPole device, HBridgeMotor motor, QuadratureEncoder encoder, As5600 as5600, PiCartPoleConfig config) {
        this.device = device;
        this.motor = motor;
        this.encoder = encoder;
        this.as5600 = as5600;
        this.config = config;
        this.metersPerCount = config.cartTravelPerRev() / config.encoderCountsPerRev();
        this.radiansPerCount = (config.poleReversed() ? -1 : 1) * 2 * Math.PI / COUNTS_PER_TURN;
    }

    /** One duty cycle at {@code nowNanos} (the same clock the loop uses). Returns how much it did. */
    public int doWork(long nowNanos) {
        if (device.takeRestart()) {
            samples = 0;
            lastRaw = -1;
            lastForce = Double.NaN;
        }
        int work = actuate(nowNanos);
        return work + sense(nowNanos);
    }

    private int actuate(long nowNanos) {
        if (!device.commandsAccepted()) {
            lastForce = Double.NaN;
            return 0;
        }
        long commandNanos = device.commandNanos();
        if (commandNanos != PiCartPole.NO_COMMAND && nowNanos - commandNanos > config.watchdogNanos()) {
            watchdogTrips++;
            device.latchFault(PiCartPole.Fault.WATCHDOG);
            return 1;
        }
        double force = device.command();
        if (Double.compare(force, lastForce) == 0) {
            return 0;
        }
        motor.apply(force);
        lastForce = force;
        return 1;
    }

    private int sense(long nowNanos) {
        int raw = as5600.read();
        if (raw < 0) {
            sensorFaults++;
            device.latchFault(raw == As5600.NO_MAGNET ? PiCartPole.Fault.NO_MAGNET : PiCartPole.Fault.SENSOR);
            device.snapshot().publish(sample, nowNanos, true); // the previous values, marked faulty
            return 1;
        }
        if (lastRaw < 0) {
            poleCounts = wrap(raw - config.poleZeroRaw());
        } else {
            poleCounts += wrap(raw - lastRaw);
        }
        lastRaw = raw;
        double x = encoder.count() * metersPerCount;
        double theta = poleCounts * radiansPerCount;
        int i = samples & (HISTORY - 1);
        times[i] = nowNanos;
        xs[i] = x;
        thetas[i] = theta;
        // the newest older sample at least a window ago (or the oldest kept)
        int back = 1;
        while (back < Math.min(samples, HISTORY - 1)
                && nowNanos - times[(samples - back) & (HISTORY - 1)] < config.velocityWindowNanos()) {
            back++;
        }
        samples++;
        sample[0] = x;
        sample[2] = theta;
        sample[1] = 0;
        sample[3] = 0;
        if (samples > 1) {
            int j = (samples - 1 - back) & (HISTORY - 1);
            double dt = (nowNanos - times[j]) * 1e-9;
            if (dt > 0) {
                sample[1] = (x - xs[j]) / dt;
                sample[3] = (theta - thetas[j]) / dt;
            }
        }
        device.snapshot().publish(sample, nowNanos, false);
        return 1;
    }

    /** A raw-angle difference folded into -2048 .. 2047 counts. */
    private static long wrap(int counts) {
        int d = Math.floorMod(counts, 4096);
        return d >= 2048 ? d - 4096 : d;
    }

    public long sensorFaults() {
        return sensorFaults;
    }

    public long watchdogTrips() {
        return watchdogTrips;
    }

    public long missedEncoderEdges() {
        return encoder.missedEdges();
    }
}
