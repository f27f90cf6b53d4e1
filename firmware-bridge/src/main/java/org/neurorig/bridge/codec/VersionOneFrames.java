package org.neurorig.bridge.codec;

/**
 * The two frames of protocol version 1 that version 2 still knows, so that a host and a device of
 * different versions name each other's version in the handshake instead of timing out: version 1
 * frames end in a CRC-16 where version 2's end in a CRC-32C, so each version drops every frame of the
 * other (at the {@code len} check, before any CRC) and would otherwise look silent.
 *
 * <ul>
 *   <li>A version 2 host sends a version 1 HELLO carrying its own version next to each HELLO: a
 *       version 1 device answers it with its IDENTITY, which the host recognizes here and refuses by
 *       name. A version 2 device drops that HELLO without counting it as an error.</li>
 *   <li>A version 2 device answers a version 1 HELLO carrying version 1 (a version 1 host's) with its
 *       IDENTITY in version 1's layout (the reference firmware does; not this codec).</li>
 * </ul>
 *
 * <pre>
 *   0        1        2        3        4                 4+len    5+len
 *   +--------+--------+--------+--------+-- ... ----------+--------+--------+
 *   | type   | len    | seq (u16, LE)   | payload (len)   | crc16 (LE)      |
 *   +--------+--------+--------+--------+-- ... ----------+--------+--------+
 *   type and payload: HELLO's or IDENTITY's, the same in both versions; the payload's first byte is
 *   the sender's protocol version
 *   crc16: CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, not reflected, no final XOR)
 *          of bytes 0 .. 3+len
 * </pre>
 */
final class VersionOneFrames {

    static final int VERSION = 1;
    static final int CRC_LENGTH = 2;
    /** A version 1 HELLO: header, payload, CRC-16. */
    static final int HELLO_FRAME = Protocol.HEADER_LENGTH + HelloFrame.LENGTH + CRC_LENGTH;

    private VersionOneFrames() {
    }

    /** Whether {@code frame[0, length)}, as COBS decoded it, is a well-formed version 1 IDENTITY of a version 1 device. */
    static boolean isIdentity(byte[] frame, int length) {
        if (frame[Protocol.OFFSET_PAYLOAD] != VERSION || !isVersionOne(frame, length, Protocol.IDENTITY)) {
            return false;
        }
        int payload = length - Protocol.HEADER_LENGTH - CRC_LENGTH;
        int sensors = frame[Protocol.OFFSET_PAYLOAD + 10] & 0xFF;
        int actuators = frame[Protocol.OFFSET_PAYLOAD + 11] & 0xFF;
        return payload >= IdentityFrame.FIXED_LENGTH && sensors <= Protocol.MAX_SENSORS
                && actuators <= Protocol.MAX_ACTUATORS && payload == IdentityFrame.length(sensors, actuators);
    }

    /** Whether {@code frame[0, length)} is a well-formed version 1 HELLO, whatever version it carries. */
    static boolean isHello(byte[] frame, int length) {
        return length == HELLO_FRAME && isVersionOne(frame, length, Protocol.HELLO);
    }

    /** Writes a version 1 HELLO that carries {@code version} into {@code frame}; returns its length. */
    static int hello(byte[] frame, int seq, int version) {
        frame[Protocol.OFFSET_TYPE] = (byte) Protocol.HELLO;
        frame[Protocol.OFFSET_LENGTH] = (byte) HelloFrame.LENGTH;
        frame[Protocol.OFFSET_SEQ] = (byte) seq;
        frame[Protocol.OFFSET_SEQ + 1] = (byte) (seq >>> 8);
        frame[Protocol.OFFSET_PAYLOAD] = (byte) version;
        frame[Protocol.OFFSET_PAYLOAD + 1] = 0;
        int n = Protocol.HEADER_LENGTH + HelloFrame.LENGTH;
        int crc = crc16(frame, n);
        frame[n] = (byte) crc;
        frame[n + 1] = (byte) (crc >>> 8);
        return HELLO_FRAME;
    }

    private static boolean isVersionOne(byte[] frame, int length, int type) {
        int payload = length - Protocol.HEADER_LENGTH - CRC_LENGTH;
        return payload >= 0 && (frame[Protocol.OFFSET_LENGTH] & 0xFF) == payload
                && (frame[Protocol.OFFSET_TYPE] & 0xFF) == type
                && crc16(frame, length - CRC_LENGTH) == ((frame[length - 2] & 0xFF) | (frame[length - 1] & 0xFF) << 8);
    }

    /** Bit by bit: it runs at the handshake and for dropped frames that look like one of version 1's. */
    private static int crc16(byte[] bytes, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }
}
