package org.neurorig.bridge;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A cart-pole on the other end of a serial link: the reference firmware's emulated plant (on a real Uno
 * or on QEMU's) or a real rig. Interchangeable with the in-process {@code CartPolePlant} in continuous
 * mode: four sensors (x m, x_dot m/s, theta rad, theta_dot rad/s, from encoder counts times the scales
 * the firmware announced), one actuator (force in newtons for the emulated plant, limited to its full
 * scale, quantized by the firmware to 8-bit PWM).
 *
 * <p>Time: the firmware integrates at its own tick and holds the newest command between ticks, so a
 * {@link #write} does not step anything; {@link #read} returns {@link DeviceStatus#OK} once per new
 * state, {@link DeviceStatus#STALE} in between. With the emulated actuator delay (the default) a command
 * written after state k acts on the step from k+1 to k+2.
 *
 * <p>In lockstep ({@link LinkSettings#lockstep()}, the emulated plant only) the firmware steps once per
 * command instead, as a plant in this process does: {@link #write} sends the command, which the firmware
 * applies and then runs exactly one tick, and the next {@link #read} waits for that step's state and
 * returns OK with it; after {@link #reset} the next read returns the reset state. A read with no step
 * asked for since the last one returns the same state again (nothing moves in between). The wait is
 * bounded on this plant's own clock (System.nanoTime, not the loop's, which an invoker may hold still
 * during a tick) by the link's loss timeout; a state that does not come in time is a
 * {@link DeviceStatus#FAULT}. The firmware's command watchdog still runs on its timer: a pause of more
 * than the watchdog time between two commands drives its safe state (emptying the actuator delay line),
 * and the next read returns FAULT.
 *
 * <p>Faults: {@link DeviceStatus#DISCONNECTED} while the link is down (the firmware's watchdog has put
 * its actuators to safe; the link reconnects by itself and the plant resumes), {@link DeviceStatus#FAULT}
 * when the firmware reports its command watchdog tripped although this plant has been commanding it for
 * longer than the watchdog time (its commands are not getting through); that time is measured on the
 * loop's clock, the {@code nowNanos} that {@link #read} and {@link #write} are given. Nothing is thrown
 * from {@link #read}, {@link #write}, {@link #reset} or {@link #safeState()}, and the first two allocate
 * nothing.
 */
public final class FirmwarePlant implements Plant {

    /** The firmware must have exactly these channels to stand in for a cart-pole. */
    public static final int SENSORS = 4;
    public static final int ACTUATORS = 1;
    private static final int RESET_ATTEMPTS = 3;

    private final FirmwareLink link;
    private final boolean lockstep;
    private final long pollNanos;
    private final StateSample sample = new StateSample(SENSORS, ACTUATORS);
    private final double[] sensorScale = new double[SENSORS];
    private FirmwareIdentity identity;
    private double fullScale;
    private double dt;
    private boolean haveSample;
    private int lastSeq = -1;
    private boolean active;
    private boolean commanded;
    private boolean awaitingEpisode;
    private int episodeBefore;
    private int lastCommandSeq = -1;
    private long commandingSinceNanos;
    private long watchdogGraceNanos;
    // lockstep
    private long answerTimeoutNanos;
    private int owedCommandSeq = -1;
    private boolean stepLost;
    private long watchdogTripsSeen;

    public FirmwarePlant(LinkSettings settings) {
        this.link = new FirmwareLink(settings);
        this.lockstep = settings.lockstep();
        this.pollNanos = settings.pollInterval().toNanos();
    }

    @Override
    public String name() {
        return (identity == null ? "firmware" : identity.name()) + "@" + link.settings().port();
    }

    @Override
    public int sensorCount() {
        return SENSORS;
    }

    @Override
    public int actuatorCount() {
        return ACTUATORS;
    }

    @Override
    public int stateSize() {
        return SENSORS;
    }

    /** The state period: the firmware's tick times the state divider. Known after {@link #configure()}. */
    @Override
    public double dt() {
        requireConfigured();
        return dt;
    }

    /**
     * Opens the port, shakes hands, configures the firmware and waits for its first state (in lockstep
     * there is none before the first command or reset). Blocks for at most the handshake timeout (twice,
     * at worst).
     */
    @Override
    public void configure() throws DeviceException {
        if (identity != null) {
            return;
        }
        FirmwareIdentity id = link.connect();
        if (id.sensorCount() != SENSORS || id.actuatorCount() != ACTUATORS) {
            link.close();
            throw new DeviceException("FirmwarePlant drives a cart-pole firmware (4 sensors: x, x_dot, theta, theta_dot;"
                    + " 1 actuator); the device at " + link.settings().port() + " is " + id.describe());
        }
        for (int i = 0; i < SENSORS; i++) {
            sensorScale[i] = id.sensorScales()[i];
        }
        fullScale = id.actuatorScales()[0];
        dt = id.tickMicros() * link.settings().stateDivider() / 1e6;
        // a state that still shows the watchdog tripped may have left before the first command arrived
        watchdogGraceNanos = TimeUnit.MILLISECONDS.toNanos(link.settings().watchdogMs()) + (long) (2 * dt * 1e9);
        answerTimeoutNanos = (long) (link.settings().lossTimeoutPeriods() * dt * 1e9);
        if (lockstep) {
            identity = id;
            return;
        }
        long deadline = System.nanoTime() + link.settings().handshakeTimeout().toNanos();
        while (!link.latest(sample)) {
            if (System.nanoTime() - deadline > 0) {
                link.close();
                throw new DeviceException("the device at " + link.settings().port() + " answered the handshake but sends "
                        + "no state: " + link.health().lastProblem());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        haveSample = true;
        identity = id;
    }

    @Override
    public void activate() {
        requireConfigured();
        active = true;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        if (!link.up()) {
            stepLost = lockstep; // a step asked for before the loss may have run unseen: ask for one again
            return DeviceStatus.DISCONNECTED;
        }
        if (lockstep) {
            return readStep(sensors);
        }
        if (!link.latest(sample)) {
            return DeviceStatus.STALE;
        }
        haveSample = true;
        if (awaitingEpisode) {
            if (sample.episode == episodeBefore) {
                return DeviceStatus.STALE; // the reset's first state has not come yet
            }
            awaitingEpisode = false;
        }
        for (int i = 0; i < SENSORS; i++) {
            sensors[i] = sample.sensors[i] * sensorScale[i];
        }
        if (sample.seq == lastSeq) {
            return DeviceStatus.STALE;
        }
        lastSeq = sample.seq;
        if (commanded && sample.has(Protocol.STATE_WATCHDOG) && nowNanos - commandingSinceNanos > watchdogGraceNanos) {
            return DeviceStatus.FAULT; // commands are not arriving: the firmware has gone safe
        }
        return DeviceStatus.OK;
    }

    /**
     * Lockstep: the state of the step asked for last (a command's, a reset's), waited for; the newest
     * state again when none was asked for since.
     */
    private DeviceStatus readStep(double[] sensors) {
        if (stepLost) {
            return DeviceStatus.FAULT; // until the next command or reset asks for a step again
        }
        if (owedCommandSeq >= 0 || awaitingEpisode) {
            long deadline = System.nanoTime() + answerTimeoutNanos;
            while (!(link.latest(sample) && answersTheStep(sample))) {
                if (!link.up()) {
                    stepLost = true;
                    return DeviceStatus.DISCONNECTED;
                }
                if (System.nanoTime() - deadline > 0) {
                    stepLost = true;
                    return DeviceStatus.FAULT;
                }
                LockSupport.parkNanos(pollNanos);
            }
            owedCommandSeq = -1;
            awaitingEpisode = false;
        } else if (!link.latest(sample)) {
            return DeviceStatus.STALE; // nothing stepped yet
        }
        haveSample = true;
        lastSeq = sample.seq;
        for (int i = 0; i < SENSORS; i++) {
            sensors[i] = sample.sensors[i] * sensorScale[i];
        }
        long trips = link.reports().faultsRaised(Protocol.FAULT_WATCHDOG);
        boolean tripped = trips != watchdogTripsSeen;
        watchdogTripsSeen = trips;
        return tripped && commanded ? DeviceStatus.FAULT : DeviceStatus.OK;
    }

    /** Lockstep: whether {@code s} is the state of the newest command and of the newest reset asked for. */
    private boolean answersTheStep(StateSample s) {
        return (owedCommandSeq < 0 || s.commandSeq == owedCommandSeq) && (!awaitingEpisode || s.episode != episodeBefore);
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        if (!active) {
            return DeviceStatus.INACTIVE;
        }
        int seq = link.sendCommand(toQ15(commands[0], fullScale));
        if (seq < 0) {
            return DeviceStatus.DISCONNECTED;
        }
        lastCommandSeq = seq;
        if (lockstep) {
            owedCommandSeq = seq;
            stepLost = false;
        }
        if (!commanded) {
            commanded = true;
            commandingSinceNanos = nowNanos;
            watchdogTripsSeen = link.reports().faultsRaised(Protocol.FAULT_WATCHDOG); // trips before this are not ours
        }
        return DeviceStatus.OK;
    }

    /** A command in the actuator's unit to Q15: limited to +-full scale; NaN commands nothing (0). */
    public static short toQ15(double command, double fullScale) {
        if (Double.isNaN(command)) {
            return 0;
        }
        double unit = Math.max(-1.0, Math.min(1.0, command / fullScale));
        return (short) Math.round(unit * Protocol.Q15_FULL_SCALE);
    }

    /**
     * Starts an episode: sends RESET and waits for the firmware's acknowledgement (about one tick; in
     * lockstep at once), resending up to three times. Until the episode's first state arrives,
     * {@link #read} returns STALE (in lockstep it waits for that state).
     *
     * @return OK when acknowledged, FAULT when refused or not acknowledged, DISCONNECTED when the link is down
     */
    @Override
    public DeviceStatus reset(double[] initialState) {
        requireConfigured();
        if (!link.up()) {
            return DeviceStatus.DISCONNECTED;
        }
        if (link.latest(sample)) {
            haveSample = true;
        }
        int before = haveSample ? sample.episode : -1;
        long wait = Math.max(TimeUnit.MILLISECONDS.toNanos(50), (long) (3 * dt * 1e9));
        for (int attempt = 0; attempt < RESET_ATTEMPTS; attempt++) {
            int seq = link.sendReset(initialState);
            if (seq < 0) {
                return DeviceStatus.DISCONNECTED;
            }
            long deadline = System.nanoTime() + wait;
            while (System.nanoTime() - deadline < 0) {
                int result = link.reports().ackResult(Protocol.RESET, seq);
                if (result >= 0) {
                    if (result != Protocol.ACK_OK) {
                        return DeviceStatus.FAULT;
                    }
                    episodeBefore = before;
                    awaitingEpisode = true;
                    stepLost = false;
                    return DeviceStatus.OK;
                }
                if (!link.up()) {
                    return DeviceStatus.DISCONNECTED;
                }
                LockSupport.parkNanos(100_000);
            }
        }
        return DeviceStatus.FAULT;
    }

    /** The emulated plant's true state (float32 in the firmware); a rig's sensors, which are all it has. */
    @Override
    public void trueState(double[] state) {
        boolean truth = sample.has(Protocol.STATE_TRUTH);
        for (int i = 0; i < SENSORS; i++) {
            state[i] = truth ? sample.truth[i] : sample.sensors[i] * sensorScale[i];
        }
    }

    @Override
    public boolean terminated() {
        return haveSample && sample.has(Protocol.STATE_TERMINATED);
    }

    @Override
    public void safeState() {
        link.sendSafe();
    }

    @Override
    public void deactivate() {
        safeState();
        active = false;
        commanded = false;
    }

    @Override
    public void close() {
        if (active) {
            safeState();
        }
        active = false;
        link.close();
    }

    /** The device's identity (after {@link #configure()}). */
    public FirmwareIdentity identity() {
        return identity;
    }

    /** The link, for its status, its health and what the device reported. */
    public FirmwareLink link() {
        return link;
    }

    /** The frame seq of the newest command written, -1 before the first: states echo it as their command_seq. */
    public int lastCommandSeq() {
        return lastCommandSeq;
    }

    /** The sample the last {@link #read} copied (owned by the reading thread: read it there). */
    public StateSample lastSample() {
        return sample;
    }

    private void requireConfigured() {
        if (identity == null) {
            throw new IllegalStateException(name() + ": configure() first (the firmware tells its period and scales)");
        }
    }
}
