package org.neurorig.bridge;

import jssc.SerialPortException;
import org.neurorig.bridge.codec.AckFrame;
import org.neurorig.bridge.codec.FaultFrame;
import org.neurorig.bridge.codec.FrameDecoder;
import org.neurorig.bridge.codec.IdentityFrame;
import org.neurorig.bridge.codec.PongFrame;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.bridge.codec.ReceiveCounters;
import org.neurorig.bridge.codec.StateFrame;

/**
 * A link's receiving side: reads what the port has, decodes it, and hands each frame on. The newest
 * STATE goes to the control tick through a {@link StateExchange}, ACK, PONG and FAULT to
 * {@link DeviceReports}, an IDENTITY to the handshake waiting for it. One thread at a time runs it: the
 * caller's during the first handshake, then the link's I/O thread.
 */
final class Receiver {

    private final FrameDecoder decoder = FrameDecoder.forHost();
    private final IdentityFrame identityIn = new IdentityFrame();
    private final PongFrame pongIn = new PongFrame();
    private final AckFrame ackIn = new AckFrame();
    private final FaultFrame faultIn = new FaultFrame();
    private final DeviceReports reports;

    // set by the first handshake before the link is first UP, then read-only
    private StateFrame stateIn;
    private StateExchange states;

    // the receiving thread only
    private FirmwareIdentity answered;
    private long lastFrameNanos;
    private long bytesSeen;

    Receiver(DeviceReports reports) {
        this.reports = reports;
    }

    /** A handshake starts: forgets any half-received frame and the last IDENTITY. */
    void restart() {
        decoder.clear();
        decoder.resync();
        answered = null;
        bytesSeen = 0;
    }

    /** From now on accepts and publishes the STATEs of this device (once, at the first handshake). */
    void expect(FirmwareIdentity id) {
        decoder.channels(id.sensorCount(), id.actuatorCount());
        stateIn = new StateFrame(id.sensorCount(), id.actuatorCount());
        states = new StateExchange(id.sensorCount(), id.actuatorCount());
    }

    /** Reads what is waiting and handles every good frame; returns the number of bytes read. */
    int pump(SerialPortChannel p) throws SerialPortException {
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
        if (answered == null && decoder.versionOneIdentity() != null) {
            // a device of protocol version 1: the handshake refuses it by its version, as any other
            answered = FirmwareIdentity.of(identityIn.wrap(decoder.versionOneIdentity()));
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
                }
            }
            case Protocol.PONG -> {
                pongIn.wrap(f);
                reports.pong(pongIn.token(), pongIn.rxRejected(), pongIn.rxLost(), now);
            }
            case Protocol.ACK -> {
                ackIn.wrap(f);
                reports.ack(ackIn.ackedType(), ackIn.ackedSeq(), ackIn.result());
            }
            case Protocol.FAULT -> {
                faultIn.wrap(f);
                reports.fault(faultIn.code(), faultIn.raised());
            }
            default -> {
                // the decoder passes only the types a host receives
            }
        }
    }

    /** The IDENTITY that came since {@link #restart()} (a version 1 device's too, see FrameDecoder), or null. */
    FirmwareIdentity answered() {
        return answered;
    }

    /** Bytes read since {@link #restart()}: whether anything at all came back. */
    long bytesSeen() {
        return bytesSeen;
    }

    /** When the newest frame was decoded, or the link came up (System.nanoTime()). */
    long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** The link is up from {@code nowNanos}: its silence is counted from then. */
    void upSince(long nowNanos) {
        lastFrameNanos = nowNanos;
    }

    /** Copies the newest state into {@code into}; false when none has arrived yet. Any thread; allocates nothing. */
    boolean latest(StateSample into) {
        StateExchange s = states;
        return s != null && s.read(into);
    }

    ReceiveCounters counters() {
        return decoder.counters();
    }
}
