package org.neurorig.bridge;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPortException;
import org.neurorig.bridge.codec.AckFrame;
import org.neurorig.bridge.codec.CommandFrame;
import org.neurorig.bridge.codec.ConfigFrame;
import org.neurorig.bridge.codec.FaultFrame;
import org.neurorig.bridge.codec.FrameDecoder;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.HelloFrame;
import org.neurorig.bridge.codec.IdentityFrame;
import org.neurorig.bridge.codec.PingFrame;
import org.neurorig.bridge.codec.PongFrame;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.bridge.codec.ReceiveCounters;
import org.neurorig.bridge.codec.ResetFrame;
import org.neurorig.bridge.codec.StateFrame;
import org.neurorig.device.DeviceException;

/**
 * The host's end of one serial link to a device speaking the neurorig protocol (PROTOCOL.md).
 *
 * <p>Threads. {@link #connect()} opens the port and shakes hands in the caller's thread, then starts
 * the link's I/O thread, which from then on owns the receiving side: it reads the port (JSSC's reads
 * allocate, so they stay off the control tick), decodes frames, publishes the newest state through a
 * sequence lock ({@link #latest}), and watches the link: a port error (a pseudo-terminal whose emulator
 * died, a USB adapter pulled out) or {@link LinkSettings#lossTimeoutPeriods} of silence marks it lost,
 * after which it reopens the same path and greets the device again until it answers. The control thread
 * sends ({@link #sendCommand}, {@link #sendReset}, {@link #sendPing}) only while the link is
 * {@link LinkStatus#UP}; those calls allocate nothing, take no lock and never throw: they return false
 * when the frame could not go out. {@link #sendSafe()} may be called from any thread.
 *
 * <p>Exclusion without locks: a sender announces itself in {@code writers} and then checks the status;
 * the I/O thread marks the link lost and then waits for {@code writers} to drain before it closes the
 * port. With volatile (sequentially consistent) accesses on both sides, either the sender sees the link
 * down or the I/O thread sees the sender, so a frame never goes to a closed or reopened port, and the
 * handshake (I/O thread) and the control thread never send at the same time.
 */
public final class FirmwareLink implements AutoCloseable {

    private static final long HELLO_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CONFIG_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** After a send, poll at the full rate this long: a PONG or an ACK is usually on its way. */
    private static final long ANSWER_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** The device answered but must not be driven: another protocol version, or another device. */
    private static final class Refused extends DeviceException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final LinkSettings settings;
    private final FrameDecoder decoder = FrameDecoder.forHost();
    private final FrameEncoder ioEncoder = new FrameEncoder();
    private final FrameEncoder controlEncoder = new FrameEncoder();
    private final FrameEncoder safeEncoder = new FrameEncoder();
    private final AtomicBoolean safeEncoderBusy = new AtomicBoolean();
    private final HelloFrame helloOut = new HelloFrame();
    private final ConfigFrame configOut = new ConfigFrame();
    private final CommandFrame commandOut = new CommandFrame();
    private final ResetFrame resetOut = new ResetFrame();
    private final PingFrame pingOut = new PingFrame();
    private final IdentityFrame identityIn = new IdentityFrame();
    private final PongFrame pongIn = new PongFrame();
    private final AckFrame ackIn = new AckFrame();
    private final FaultFrame faultIn = new FaultFrame();
    private final AtomicInteger txSeq = new AtomicInteger();
    private final AtomicInteger writers = new AtomicInteger();
    private final AtomicLong losses = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong faultsRaised = new AtomicLong();
    private final AtomicLongArray faultsByCode = new AtomicLongArray(256);

    private volatile LinkStatus status = LinkStatus.NEW;
    private volatile boolean closing;
    private volatile boolean controlWriteFailed;
    private volatile SerialPortChannel port;
    private volatile String lastProblem = "";
    private volatile String lossReason = "";
    private volatile long lostAtNanos;
    private volatile long lastSendNanos;
    private volatile int lastFaultCode;
    private volatile int lastFaultDetail;
    private volatile boolean lastFaultRaised;
    private volatile long pongArrivalNanos;
    private volatile long pongToken = -1;
    private volatile long deviceTimeMicros;
    private volatile int deviceRxRejected;
    private volatile int deviceRxLost;
    private volatile long lastAck = -1;

    // set by the handshake thread before the link is first UP, then read-only
    private FirmwareIdentity identity;
    private StateFrame stateIn;
    private StateExchange states;
    private long lossTimeoutNanos;
    private long maxIdleParkNanos;
    private Thread io;

    // handshake and I/O thread only
    private FirmwareIdentity answered;
    private long lastFrameNanos;
    private long bytesSeen;

    public FirmwareLink(LinkSettings settings) {
        this.settings = settings;
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
        if (status != LinkStatus.NEW) {
            throw new IllegalStateException("connect() is called once per link; this one is " + status);
        }
        SerialPortChannel p = SerialPortChannel.open(settings.port(), settings.baud());
        try {
            handshake(p, null);
        } catch (DeviceException e) {
            p.close();
            status = LinkStatus.FAILED;
            throw e;
        } catch (SerialPortException e) {
            p.close();
            status = LinkStatus.FAILED;
            throw new DeviceException("serial port " + settings.port() + " failed during the handshake: "
                    + e.getExceptionType(), e);
        }
        port = p;
        lastFrameNanos = System.nanoTime();
        status = LinkStatus.UP;
        io = new Thread(this::ioLoop, "neurorig-link " + settings.port());
        io.setDaemon(true);
        io.start();
        return identity;
    }

    /** HELLO until IDENTITY, then CONFIG until ACK. Sets identity and the state exchange the first time. */
    private void handshake(SerialPortChannel p, FirmwareIdentity expected) throws DeviceException, SerialPortException {
        long start = System.nanoTime();
        long deadline = start + settings.handshakeTimeout().toNanos();
        decoder.clear();
        decoder.resync();
        answered = null;
        bytesSeen = 0;
        int hellos = 0;
        long nextHello = start;
        while (answered == null) {
            long now = System.nanoTime();
            if (closing) {
                throw new DeviceException("link to " + settings.port() + " closed during the handshake");
            }
            if (now - deadline > 0) {
                throw new DeviceException(noAnswer(hellos));
            }
            if (now - nextHello >= 0) {
                p.write(ioEncoder.encode(Protocol.HELLO, nextSeq(), helloOut.wrap(ioEncoder.frame()).set(Protocol.VERSION)));
                hellos++;
                nextHello = now + HELLO_INTERVAL_NANOS;
            }
            if (pump(p) == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        FirmwareIdentity id = answered;
        if (id.protocolVersion() != Protocol.VERSION) {
            throw new Refused(String.format(Locale.ROOT, "the device at %s speaks protocol version %d (%s %s), this host"
                    + " speaks version %d: flash the firmware built from this release (tools/neurorig firmware build;"
                    + " README, 'Flashing a real Uno') or use a host of the firmware's release", settings.port(),
                    id.protocolVersion(), id.name(), id.firmware(), Protocol.VERSION));
        }
        if (id.sensorCount() > Protocol.MAX_SENSORS || id.actuatorCount() < 1 || id.actuatorCount() > Protocol.MAX_ACTUATORS
                || id.tickMicros() <= 0) {
            throw new Refused("the device at " + settings.port() + " announced an impossible shape: " + id.describe());
        }
        if (expected != null && !id.sameDeviceAs(expected)) {
            throw new Refused("a different device answered at " + settings.port() + " after the link was lost: it was "
                    + expected.describe() + ", it is now " + id.describe() + "; not driving it");
        }
        if (identity == null) {
            identity = id;
            decoder.channels(id.sensorCount(), id.actuatorCount());
            stateIn = new StateFrame(id.sensorCount(), id.actuatorCount());
            states = new StateExchange(id.sensorCount(), id.actuatorCount());
            long periodNanos = id.tickMicros() * settings.stateDivider() * 1000L;
            lossTimeoutNanos = (long) (settings.lossTimeoutPeriods() * periodNanos);
            // idle polling backs off to a twentieth of the state period: at most 5% of a period late, and
            // a quiet link costs a few hundred wake-ups a second instead of twenty thousand
            maxIdleParkNanos = Math.max(settings.pollInterval().toNanos(), periodNanos / 20);
        }
        configure(p, deadline);
    }

    private void configure(SerialPortChannel p, long deadline) throws DeviceException, SerialPortException {
        boolean delay = settings.actuatorDelay() && (identity.capabilities() & Protocol.CAP_ACTUATOR_DELAY) != 0;
        int flags = delay ? Protocol.CONFIG_ACTUATOR_DELAY : 0;
        long giveUp = Math.max(deadline, System.nanoTime() + 2 * CONFIG_RETRY_NANOS);
        while (true) {
            int seq = nextSeq();
            int n = configOut.wrap(ioEncoder.frame()).set(settings.watchdogMs(), settings.stateDivider(), flags);
            p.write(ioEncoder.encode(Protocol.CONFIG, seq, n));
            long retry = System.nanoTime() + CONFIG_RETRY_NANOS;
            while (System.nanoTime() - retry < 0) {
                long ack = lastAck;
                if (ack >= 0 && ackType(ack) == Protocol.CONFIG && ackSeq(ack) == seq) {
                    if (ackResult(ack) != Protocol.ACK_OK) {
                        throw new Refused(String.format(Locale.ROOT, "the device at %s refused the configuration "
                                + "(watchdog %d ms, a state every %d ticks, actuator delay %s): %s", settings.port(),
                                settings.watchdogMs(), settings.stateDivider(), delay ? "on" : "off",
                                ackResultName(ackResult(ack))));
                    }
                    return;
                }
                if (closing) {
                    throw new DeviceException("link to " + settings.port() + " closed during the handshake");
                }
                if (pump(p) == 0) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
            if (System.nanoTime() - giveUp > 0) {
                throw new DeviceException("the device at " + settings.port() + " answered HELLO but did not acknowledge "
                        + "its configuration: the link loses frames; check the cable and the baud rate");
            }
        }
    }

    private String noAnswer(int hellos) {
        String heard = bytesSeen == 0 ? "nothing came back"
                : bytesSeen + " bytes came back but no valid frame (a wrong baud rate, or another program talking)";
        return String.format(Locale.ROOT, "no answer to the handshake from %s within %.1f s (%d HELLOs sent, %s): is the "
                + "neurorig firmware on the device (tools/neurorig firmware build; README, 'Flashing a real Uno'), at %d "
                + "baud, and is this the right port?", settings.port(), settings.handshakeTimeout().toMillis() / 1000.0,
                hellos, heard, settings.baud());
    }

    /** Reads what is waiting and handles every good frame; returns the number of bytes read. */
    private int pump(SerialPortChannel p) throws SerialPortException {
        int n = p.available();
        if (n == 0) {
            return 0;
        }
        byte[] bytes = p.read(n);
        long now = System.nanoTime();
        bytesSeen += n;
        for (byte b : bytes) {
            if (decoder.push(b)) {
                onFrame(now);
            }
        }
        return n;
    }

    private void onFrame(long now) {
        byte[] f = decoder.frame();
        lastFrameNanos = now;
        switch (decoder.type()) {
            case Protocol.IDENTITY -> answered = FirmwareIdentity.of(identityIn.wrap(f));
            case Protocol.STATE -> {
                if (states != null) {
                    stateIn.wrap(f);
                    states.publish(stateIn, stateIn.seq(), now);
                    deviceTimeMicros = stateIn.timeMicros();
                }
            }
            case Protocol.PONG -> {
                pongIn.wrap(f);
                deviceRxRejected = pongIn.rxRejected();
                deviceRxLost = pongIn.rxLost();
                deviceTimeMicros = pongIn.timeMicros();
                pongArrivalNanos = now;
                pongToken = pongIn.token(); // last: a reader that sees the token sees the time
            }
            case Protocol.ACK -> {
                ackIn.wrap(f);
                lastAck = ((long) ackIn.ackedType() << 24) | ((long) ackIn.ackedSeq() << 8) | ackIn.result();
            }
            case Protocol.FAULT -> {
                faultIn.wrap(f);
                lastFaultCode = faultIn.code();
                lastFaultDetail = faultIn.detail();
                lastFaultRaised = faultIn.raised();
                if (faultIn.raised()) {
                    faultsRaised.incrementAndGet();
                    faultsByCode.incrementAndGet(faultIn.code());
                }
            }
            default -> {
                // the decoder passes only the types a host receives
            }
        }
    }

    private void ioLoop() {
        long pollNanos = settings.pollInterval().toNanos();
        long park = pollNanos;
        while (!closing) {
            LinkStatus s = status;
            if (s == LinkStatus.UP) {
                int n;
                try {
                    n = pump(port);
                } catch (SerialPortException | RuntimeException e) {
                    lost("the port failed (" + reason(e) + ")");
                    continue;
                }
                if (controlWriteFailed) {
                    lost("a write to the port failed");
                    continue;
                }
                long silent = System.nanoTime() - lastFrameNanos;
                if (silent > lossTimeoutNanos) {
                    lost(String.format(Locale.ROOT, "no frame for %.0f ms (%.1f state periods)", silent / 1e6,
                            settings.lossTimeoutPeriods()));
                    continue;
                }
                if (n > 0 || System.nanoTime() - lastSendNanos < ANSWER_WINDOW_NANOS) {
                    park = pollNanos;
                }
                if (n == 0) {
                    LockSupport.parkNanos(park);
                    park = Math.min(2 * park, maxIdleParkNanos);
                }
            } else if (s == LinkStatus.RECONNECTING) {
                reconnectOnce();
            } else {
                return;
            }
        }
    }

    private static String reason(Exception e) {
        return e instanceof SerialPortException se ? se.getExceptionType() : e.toString();
    }

    private void lost(String why) {
        lostAtNanos = System.nanoTime();
        lossReason = "link to " + settings.port() + " lost: " + why;
        lastProblem = lossReason;
        losses.incrementAndGet();
        status = settings.reconnect() ? LinkStatus.RECONNECTING : LinkStatus.FAILED;
        while (writers.get() != 0) {
            Thread.onSpinWait(); // a sender that saw UP finishes its one write
        }
        SerialPortChannel p = port;
        port = null;
        if (p != null) {
            p.close();
        }
        controlWriteFailed = false;
    }

    private void reconnectOnce() {
        SerialPortChannel p;
        try {
            p = SerialPortChannel.open(settings.port(), settings.baud());
        } catch (DeviceException e) {
            lastProblem = "reconnecting: " + e.getMessage();
            LockSupport.parkNanos(settings.reconnectInterval().toNanos());
            return;
        }
        try {
            handshake(p, identity);
            port = p;
            lastFrameNanos = System.nanoTime();
            reconnects.incrementAndGet();
            status = LinkStatus.UP; // last: a sender that sees UP sees the port
        } catch (Refused e) {
            p.close();
            lastProblem = e.getMessage();
            status = LinkStatus.FAILED;
        } catch (DeviceException | SerialPortException | RuntimeException e) {
            p.close();
            lastProblem = "reconnecting: " + (e instanceof SerialPortException se ? se.getExceptionType() : e.getMessage());
            LockSupport.parkNanos(settings.reconnectInterval().toNanos());
        }
    }

    private int nextSeq() {
        return txSeq.getAndIncrement() & 0xFFFF;
    }

    /** Sends the frame whose payload is in {@code encoder.frame()}; returns its seq, or -1 when it did not go out. */
    private int send(FrameEncoder encoder, int type, int payloadLength) {
        writers.incrementAndGet();
        try {
            if (status != LinkStatus.UP || controlWriteFailed) {
                return -1;
            }
            SerialPortChannel p = port;
            int seq = nextSeq();
            p.write(encoder.encode(type, seq, payloadLength));
            lastSendNanos = System.nanoTime(); // an answer may follow: the I/O thread polls at full rate for a while
            return seq;
        } catch (SerialPortException e) {
            controlWriteFailed = true; // the I/O thread takes the link down
            return -1;
        } finally {
            writers.decrementAndGet();
        }
    }

    // ------------------------------------------------------------------ control thread

    public LinkStatus status() {
        return status;
    }

    /** Whether frames can go out: the link is up and no write has failed since (a failed write is a dead port). */
    public boolean up() {
        return status == LinkStatus.UP && !controlWriteFailed;
    }

    /** The device's identity, from the first handshake (null before {@link #connect()} succeeded). */
    public FirmwareIdentity identity() {
        return identity;
    }

    /** Copies the newest state into {@code into}; false when none has arrived yet. Allocates nothing. */
    public boolean latest(StateSample into) {
        StateExchange s = states;
        return s != null && s.read(into);
    }

    /** One actuator in Q15; returns the frame's seq, or -1 when the link is not up. */
    public int sendCommand(short q15) {
        commandOut.wrap(controlEncoder.frame()).actuator(0, q15);
        return send(controlEncoder, Protocol.COMMAND, CommandFrame.length(1));
    }

    /** Every actuator in Q15 ({@code q15.length} must be the device's actuator count). */
    public int sendCommand(short[] q15) {
        commandOut.wrap(controlEncoder.frame());
        for (int i = 0; i < q15.length; i++) {
            commandOut.actuator(i, q15[i]);
        }
        return send(controlEncoder, Protocol.COMMAND, CommandFrame.length(q15.length));
    }

    /** Starts an episode from (x, x_dot, theta, theta_dot); returns the seq to wait for in {@link #lastAck()}, or -1. */
    public int sendReset(double[] state) {
        resetOut.wrap(controlEncoder.frame());
        for (int i = 0; i < ResetFrame.VALUES; i++) {
            resetOut.state(i, (float) state[i]);
        }
        return send(controlEncoder, Protocol.RESET, ResetFrame.LENGTH);
    }

    /** Sends a PING; its PONG shows in {@link #pongToken()}. Returns the seq, or -1. */
    public int sendPing(int token) {
        int n = pingOut.wrap(controlEncoder.frame()).set(token);
        return send(controlEncoder, Protocol.PING, n);
    }

    /** Actuators to their safe value now. Any thread; false when the link is down or another SAFE is going out. */
    public boolean sendSafe() {
        if (!safeEncoderBusy.compareAndSet(false, true)) {
            return false;
        }
        try {
            return send(safeEncoder, Protocol.SAFE, 0) >= 0;
        } finally {
            safeEncoderBusy.set(false);
        }
    }

    /** The newest ACK, packed as {@code type << 24 | seq << 8 | result}, or -1. */
    public long lastAck() {
        return lastAck;
    }

    public static int ackType(long ack) {
        return (int) (ack >>> 24) & 0xFF;
    }

    public static int ackSeq(long ack) {
        return (int) (ack >>> 8) & 0xFFFF;
    }

    public static int ackResult(long ack) {
        return (int) ack & 0xFF;
    }

    public static String ackResultName(int result) {
        return switch (result) {
            case Protocol.ACK_OK -> "OK";
            case Protocol.ACK_UNSUPPORTED -> "UNSUPPORTED";
            case Protocol.ACK_BAD_VALUE -> "BAD_VALUE";
            case Protocol.ACK_BAD_LENGTH -> "BAD_LENGTH";
            default -> "result " + result;
        };
    }

    /** The token of the newest PONG, or -1. */
    public long pongToken() {
        return pongToken;
    }

    /** When the newest PONG was decoded (System.nanoTime()); read after {@link #pongToken()}. */
    public long pongArrivalNanos() {
        return pongArrivalNanos;
    }

    /** The device's clock in its newest STATE or PONG. */
    public long deviceTimeMicros() {
        return deviceTimeMicros;
    }

    /** Frames the device rejected, from its newest PONG. */
    public int deviceRxRejected() {
        return deviceRxRejected;
    }

    /** Host frames the device counted as lost, from its newest PONG. */
    public int deviceRxLost() {
        return deviceRxLost;
    }

    /** What this end received: accepted, lost, rejected by reason. */
    public ReceiveCounters receiveCounters() {
        return decoder.counters();
    }

    public long losses() {
        return losses.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    /** FAULT frames with the raised flag. */
    public long faultsRaised() {
        return faultsRaised.get();
    }

    /** FAULT frames raised with this code ({@code Protocol.FAULT_*}). */
    public long faultsRaised(int code) {
        return faultsByCode.get(code & 0xFF);
    }

    /** The newest FAULT: its code (0: none yet), whether it was raised, and its detail. */
    public int lastFaultCode() {
        return lastFaultCode;
    }

    public boolean lastFaultRaised() {
        return lastFaultRaised;
    }

    public int lastFaultDetail() {
        return lastFaultDetail;
    }

    /** When the link was last lost (System.nanoTime()), 0 if never. */
    public long lostAtNanos() {
        return lostAtNanos;
    }

    /** Why the link was last lost, in one line (empty if never). */
    public String lossReason() {
        return lossReason;
    }

    /** The newest problem in one line (empty if none): why the link was lost, why reconnecting fails. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Stops the I/O thread and closes the port. Does not command anything: see {@link FirmwarePlant#close()}. */
    @Override
    public void close() {
        if (status == LinkStatus.CLOSED) {
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
        status = LinkStatus.CLOSED;
        while (writers.get() != 0) {
            Thread.onSpinWait();
        }
        SerialPortChannel p = port;
        port = null;
        if (p != null) {
            p.close();
        }
    }
}
