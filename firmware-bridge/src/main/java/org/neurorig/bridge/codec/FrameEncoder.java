package org.neurorig.bridge.codec;

/**
 * Turns a frame written through a flyweight into wire bytes: header, CRC, COBS and the delimiter.
 * Preallocated; encoding allocates nothing. Not thread-safe: one per sending thread.
 *
 * <pre>
 *   FrameEncoder enc = new FrameEncoder();
 *   CommandFrame command = new CommandFrame();
 *   command.wrap(enc.frame()).actuator(0, q15);
 *   byte[] wire = enc.encode(Protocol.COMMAND, seq, CommandFrame.length(1));
 * </pre>
 */
public final class FrameEncoder {

    private final byte[] frame = new byte[Protocol.MAX_FRAME];
    private final FrameCheck check = new FrameCheck();
    /** Indexed by wire length: JSSC writes whole arrays, so each length has its own. */
    private final byte[][] wireByLength = new byte[Protocol.MAX_WIRE + 1][];

    public FrameEncoder() {
        for (int n = Protocol.MIN_FRAME + 2; n <= Protocol.MAX_WIRE; n++) {
            wireByLength[n] = new byte[n];
        }
    }

    /** The frame buffer to wrap a flyweight around before {@link #encode}. */
    public byte[] frame() {
        return frame;
    }

    /**
     * Completes the frame in {@link #frame()} whose payload has been written, and stuffs it.
     *
     * @return the wire bytes, in an array of exactly their length; reused by the next call
     */
    public byte[] encode(int type, int seq, int payloadLength) {
        if (payloadLength < 0 || payloadLength > Protocol.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload length " + payloadLength + " is out of range 0.."
                    + Protocol.MAX_PAYLOAD);
        }
        frame[Protocol.OFFSET_TYPE] = (byte) type;
        frame[Protocol.OFFSET_LENGTH] = (byte) payloadLength;
        frame[Protocol.OFFSET_SEQ] = (byte) seq;
        frame[Protocol.OFFSET_SEQ + 1] = (byte) (seq >>> 8);
        int n = Protocol.HEADER_LENGTH + payloadLength;
        FrameCheck.put(frame, n, check.compute(frame, 0, n));
        n += Protocol.CRC_LENGTH;
        return stuff(n);
    }

    /**
     * A HELLO in protocol version 1's layout (a CRC-16) that carries this host's version: a version 1
     * device ignores a version 2 HELLO, but answers this one with its IDENTITY, which a host's decoder
     * recognizes ({@link FrameDecoder#versionOneIdentity()}) so that the handshake can name the device's
     * version. A version 2 device drops it without counting it as an error.
     *
     * @return the wire bytes, in an array of exactly their length; reused by the next call
     */
    public byte[] encodeVersionOneHello(int seq) {
        return stuff(VersionOneFrames.hello(frame, seq, Protocol.VERSION));
    }

    private byte[] stuff(int frameLength) {
        byte[] wire = wireByLength[frameLength + 2];
        int stuffed = Cobs.encode(frame, 0, frameLength, wire, 0);
        wire[stuffed] = 0;
        return wire;
    }
}
