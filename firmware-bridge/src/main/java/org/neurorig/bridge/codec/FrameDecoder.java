package org.neurorig.bridge.codec;

/**
 * Receives a byte stream and yields the frames that pass every check of PROTOCOL.md ("Receiving"):
 * size, COBS, the len field, CRC, type, the type's payload length, and sequence order. A frame that
 * fails is dropped and counted under its {@link RejectReason}; nothing is thrown and nothing is
 * allocated. After a bad frame the decoder is back in step at the next delimiter.
 *
 * <p>One decoder per direction: {@link #forHost()} receives what devices send, {@link #forDevice(int)}
 * what hosts send (for tests and device models). Not thread-safe: it belongs to the receiving thread.
 */
public final class FrameDecoder {

    private final boolean host;
    private final byte[] stuffed = new byte[Protocol.MAX_STUFFED];
    private final byte[] frame = new byte[Protocol.MAX_FRAME];
    private final FrameCheck check = new FrameCheck();
    /** A host's copy of the newest version 1 IDENTITY (see {@link #versionOneIdentity()}); null on a device's end. */
    private final byte[] versionOne;
    private boolean versionOneHeard;
    private final ReceiveCounters counters = new ReceiveCounters();
    private int count;
    private boolean overflow;
    private int frameLength;
    private int sensors = -1;
    private int actuators = -1;
    private boolean synced;
    private int expectedSeq;

    private FrameDecoder(boolean host, int actuators) {
        this.host = host;
        this.actuators = actuators;
        this.versionOne = host ? new byte[Protocol.MAX_FRAME] : null;
    }

    /** A decoder for the host's end: it receives IDENTITY, STATE, PONG, ACK and FAULT. */
    public static FrameDecoder forHost() {
        return new FrameDecoder(true, -1);
    }

    /** A decoder for a device's end with this many actuators: it receives HELLO, CONFIG, COMMAND, RESET, PING and SAFE. */
    public static FrameDecoder forDevice(int actuators) {
        return new FrameDecoder(false, actuators);
    }

    /**
     * The device's channel counts, from its IDENTITY: from now on a STATE must have exactly the length
     * they give. Until then any STATE of at least the fixed length passes.
     */
    public void channels(int sensorCount, int actuatorCount) {
        this.sensors = sensorCount;
        this.actuators = actuatorCount;
    }

    /** A new session: the next frame's sequence number is taken as it comes, a version 1 IDENTITY heard is forgotten. */
    public void resync() {
        synced = false;
        versionOneHeard = false;
    }

    /** Forgets a partial frame, e.g. after the port was reopened. */
    public void clear() {
        count = 0;
        overflow = false;
    }

    public ReceiveCounters counters() {
        return counters;
    }

    /** The frame that the last {@link #push} returning true completed; valid until the next push. */
    public byte[] frame() {
        return frame;
    }

    public int frameLength() {
        return frameLength;
    }

    public int type() {
        return frame[Protocol.OFFSET_TYPE] & 0xFF;
    }

    /**
     * The IDENTITY of a device that speaks protocol version 1 (a CRC-16 where this version has a CRC-32C),
     * when one arrived since {@link #resync()}; else null. It was dropped and counted under
     * {@link RejectReason#LENGTH} like any frame of the wrong layout, but kept so that the handshake can
     * name the device's version instead of timing out. Read it through {@link IdentityFrame}: the payload
     * is the same in both versions. Only a host's decoder keeps one; a device's drops a version 1 HELLO
     * without counting it (see {@link FrameEncoder#encodeVersionOneHello}).
     */
    public byte[] versionOneIdentity() {
        return versionOneHeard ? versionOne : null;
    }

    /**
     * Feeds one received byte.
     *
     * @return true when this byte completed a frame that passed every check; it is then in {@link #frame()}
     */
    public boolean push(byte b) {
        if (b != 0) {
            if (count < Protocol.MAX_STUFFED) {
                stuffed[count++] = b;
            } else {
                overflow = true; // dropped up to the delimiter, then counted once
            }
            return false;
        }
        int n = count;
        boolean tooLong = overflow;
        count = 0;
        overflow = false;
        if (tooLong) {
            return reject(RejectReason.LENGTH);
        }
        if (n == 0) {
            return false; // a lone delimiter flushes a receiver; not an error
        }
        int len = Cobs.decode(stuffed, 0, n, frame, 0);
        if (len < 0) {
            return reject(RejectReason.COBS);
        }
        if (len < Protocol.MIN_FRAME || len > Protocol.MAX_FRAME
                || (frame[Protocol.OFFSET_LENGTH] & 0xFF) != len - Protocol.MIN_FRAME) {
            if (host && VersionOneFrames.isIdentity(frame, len)) {
                System.arraycopy(frame, 0, versionOne, 0, len);
                versionOneHeard = true;
            } else if (!host && VersionOneFrames.isHello(frame, len)) {
                return false; // a version 2 host's probe for a version 1 device: not an error
            }
            return reject(RejectReason.LENGTH);
        }
        if (check.compute(frame, 0, len - Protocol.CRC_LENGTH) != FrameCheck.get(frame, len - Protocol.CRC_LENGTH)) {
            return reject(RejectReason.CRC);
        }
        int type = frame[Protocol.OFFSET_TYPE] & 0xFF;
        int payload = len - Protocol.MIN_FRAME;
        int allowed = host ? hostLength(type, payload) : deviceLength(type);
        if (allowed == UNKNOWN) {
            return reject(RejectReason.UNKNOWN_TYPE);
        }
        if (allowed != payload) {
            return reject(RejectReason.LENGTH);
        }
        int seq = (frame[Protocol.OFFSET_SEQ] & 0xFF) | (frame[Protocol.OFFSET_SEQ + 1] & 0xFF) << 8;
        if (type == (host ? Protocol.IDENTITY : Protocol.HELLO)) {
            synced = false; // a new session numbers from here
        }
        if (synced) {
            int gap = (seq - expectedSeq) & 0xFFFF;
            if (gap >= 0x8000) {
                return reject(RejectReason.OUT_OF_ORDER);
            }
            if (gap > 0) {
                counters.countLost(gap);
            }
        }
        synced = true;
        expectedSeq = (seq + 1) & 0xFFFF;
        frameLength = len;
        counters.countAccepted();
        return true;
    }

    private static final int UNKNOWN = -1;

    /** The payload length a host accepts for a type, or UNKNOWN; payload is what arrived (for self-describing types). */
    private int hostLength(int type, int payload) {
        return switch (type) {
            case Protocol.IDENTITY -> payload >= IdentityFrame.FIXED_LENGTH
                    && (frame[Protocol.OFFSET_PAYLOAD + 10] & 0xFF) <= Protocol.MAX_SENSORS
                    && (frame[Protocol.OFFSET_PAYLOAD + 11] & 0xFF) <= Protocol.MAX_ACTUATORS
                            ? IdentityFrame.length(frame[Protocol.OFFSET_PAYLOAD + 10] & 0xFF,
                                    frame[Protocol.OFFSET_PAYLOAD + 11] & 0xFF)
                            : -2;
            case Protocol.STATE -> stateLength(payload);
            case Protocol.PONG -> PongFrame.LENGTH;
            case Protocol.ACK -> AckFrame.LENGTH;
            case Protocol.FAULT -> FaultFrame.LENGTH;
            default -> UNKNOWN;
        };
    }

    private int stateLength(int payload) {
        if (payload < StateFrame.FIXED_LENGTH) {
            return -2;
        }
        if (sensors < 0) {
            return payload; // no IDENTITY yet: the link drops states outside a session anyway
        }
        boolean truth = (frame[Protocol.OFFSET_PAYLOAD + 6] & Protocol.STATE_TRUTH) != 0;
        return StateFrame.length(sensors, actuators, truth);
    }

    private int deviceLength(int type) {
        return switch (type) {
            case Protocol.HELLO -> HelloFrame.LENGTH;
            case Protocol.CONFIG -> ConfigFrame.LENGTH;
            case Protocol.COMMAND -> CommandFrame.length(actuators);
            case Protocol.RESET -> ResetFrame.LENGTH;
            case Protocol.PING -> PingFrame.LENGTH;
            case Protocol.SAFE -> 0;
            default -> UNKNOWN;
        };
    }

    private boolean reject(RejectReason reason) {
        counters.countRejected(reason);
        return false;
    }
}
