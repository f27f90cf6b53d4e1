package org.neurorig.bridge.codec;

/**
 * How long frames take on a UART: 10 bit times per byte (start, 8 data, stop). The sizes are the
 * reference firmware's (4 sensors, 1 actuator); a pseudo-terminal has no wire, so these are the bound a
 * real serial line adds, not something measured over one.
 */
public final class WireTime {

    public static final int BITS_PER_BYTE = 10;
    public static final int COMMAND_WIRE = wireBytes(CommandFrame.length(1));
    public static final int PING_WIRE = wireBytes(PingFrame.LENGTH);
    public static final int PONG_WIRE = wireBytes(PongFrame.LENGTH);
    public static final int STATE_WIRE = wireBytes(StateFrame.length(4, 1, true));
    public static final int IDENTITY_WIRE = wireBytes(IdentityFrame.length(4, 1));

    private WireTime() {
    }

    /** Bytes on the wire for a payload: header, payload, CRC, one COBS byte and the delimiter. */
    public static int wireBytes(int payloadLength) {
        return payloadLength + Protocol.MIN_FRAME + 2;
    }

    /** Microseconds that {@code bytes} take at {@code baud}. */
    public static double micros(int bytes, int baud) {
        return bytes * (double) BITS_PER_BYTE * 1e6 / baud;
    }
}
