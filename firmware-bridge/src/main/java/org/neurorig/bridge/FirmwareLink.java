package org.neurorig.bridge;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPortException;
import org.neurorig.bridge.codec.CommandFrame;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.PingFrame;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.bridge.codec.ReceiveCounters;
import org.neurorig.bridge.codec.ResetFrame;
import org.neurorig.device.DeviceException;

/**
 * The host's end of one serial link to a device speaking the neurorig protocol (PROTOCOL.md).
 *
 * <p>Threads. {@link #connect()} opens the port and shakes hands in the caller's thread
 * ({@link Handshake}), then starts the link's I/O thread ({@link IoLoop}), which from then on owns the
 * receiving side ({@link Receiver}): it decodes frames, publishes the newest state for {@link #latest},
 * and reconnects after a loss. The control thread sends ({@link #sendCommand}, {@link #sendReset},
 * {@link #sendPing}) only while the link is {@link LinkStatus#UP}; those calls allocate nothing, take no
 * lock and never throw: they return -1 when the frame could not go out. {@link #sendSafe()} may be
 * called from any thread, and returns false then.
 *
 * @see SharedPort how senders and the I/O thread share the port without a lock
 */
public final class FirmwareLink implements AutoCloseable {

    private final LinkSettings settings;
    private final SharedPort shared = new SharedPort();
    private final DeviceReports reports = new DeviceReports();
    private final LinkHealth health = new LinkHealth();
    private final Receiver receiver = new Receiver(reports);
    private final Handshake handshake;
    private final FrameEncoder controlEncoder = new FrameEncoder();
    private final FrameEncoder safeEncoder = new FrameEncoder();
    private final AtomicBoolean safeEncoderBusy = new AtomicBoolean();
    private final CommandFrame commandOut = new CommandFrame();
    private final ResetFrame resetOut = new ResetFrame();
    private final PingFrame pingOut = new PingFrame();

    private volatile boolean closing;
    // set by connect() before the link is first UP, then read-only
    private FirmwareIdentity identity;
    private Thread io;

    public FirmwareLink(LinkSettings settings) {
        this.settings = settings;
        this.handshake = new Handshake(settings, shared, receiver, reports, () -> closing);
    }

    public LinkSettings settings() {
        return settings;
    }

    /**
     * Opens the port, greets the device, checks its protocol version and configures it; then starts the
     * I/O thread. Blocks for at most the handshake timeout (and the configuration's acknowledgement).
     *
     * @throws DeviceException with a one-line message naming the port and what to do
     */
    public FirmwareIdentity connect() throws DeviceException {
        if (shared.status() != LinkStatus.NEW) {
            throw new IllegalStateException("connect() is called once per link; this one is " + shared.status());
        }
        SerialPortChannel p = SerialPortChannel.open(settings.port(), settings.baud());
        try {
            identity = handshake.greet(p, null);
        } catch (DeviceException e) {
            p.close();
            shared.fail();
            throw e;
        } catch (SerialPortException e) {
            p.close();
            shared.fail();
            throw new DeviceException("serial port " + settings.port() + " failed during the handshake: "
                    + e.getExceptionType(), e);
        }
        receiver.upSince(System.nanoTime());
        shared.open(p);
        io = new Thread(new IoLoop(settings, identity, shared, receiver, handshake, health, () -> closing),
                "neurorig-link " + settings.port());
        io.setDaemon(true);
        io.start();
        return identity;
    }

    public LinkStatus status() {
        return shared.status();
    }

    /** Whether frames can go out: the link is up and no write has failed since (a failed write is a dead port). */
    public boolean up() {
        return shared.up();
    }

    /** The device's identity, from the first handshake (null before {@link #connect()} succeeded). */
    public FirmwareIdentity identity() {
        return identity;
    }

    /** Copies the newest state into {@code into}; false when none has arrived yet. Allocates nothing. */
    public boolean latest(StateSample into) {
        return receiver.latest(into);
    }

    /** One actuator in Q15; returns the frame's seq, or -1 when the link is not up. */
    public int sendCommand(short q15) {
        commandOut.wrap(controlEncoder.frame()).actuator(0, q15);
        return shared.send(controlEncoder, Protocol.COMMAND, CommandFrame.length(1));
    }

    /**
     * Starts an episode from (x, x_dot, theta, theta_dot); returns the seq whose acknowledgement
     * {@link DeviceReports#ackResult} shows, or -1.
     */
    public int sendReset(double[] state) {
        resetOut.wrap(controlEncoder.frame());
        for (int i = 0; i < ResetFrame.VALUES; i++) {
            resetOut.state(i, (float) state[i]);
        }
        return shared.send(controlEncoder, Protocol.RESET, ResetFrame.LENGTH);
    }

    /** Sends a PING; its PONG shows in {@link DeviceReports#pongToken()}. Returns the seq, or -1. */
    public int sendPing(int token) {
        int n = pingOut.wrap(controlEncoder.frame()).set(token);
        return shared.send(controlEncoder, Protocol.PING, n);
    }

    /** Actuators to their safe value now. Any thread; false when the link is down or another SAFE is going out. */
    public boolean sendSafe() {
        if (!safeEncoderBusy.compareAndSet(false, true)) {
            return false;
        }
        try {
            return shared.send(safeEncoder, Protocol.SAFE, 0) >= 0;
        } finally {
            safeEncoderBusy.set(false);
        }
    }

    /** What the device reported: acknowledgements, PONGs, FAULTs. */
    public DeviceReports reports() {
        return reports;
    }

    /** What happened to the link: losses, reconnections, the newest problem. */
    public LinkHealth health() {
        return health;
    }

    /** What this end received: accepted, lost, rejected by reason. */
    public ReceiveCounters receiveCounters() {
        return receiver.counters();
    }

    /** Stops the I/O thread and closes the port. Does not command anything: see {@link FirmwarePlant#close()}. */
    @Override
    public void close() {
        if (shared.status() == LinkStatus.CLOSED) {
            return;
        }
        closing = true;
        Thread t = io;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shared.shut(LinkStatus.CLOSED);
    }
}
