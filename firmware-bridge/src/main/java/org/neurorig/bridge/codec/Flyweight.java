package org.neurorig.bridge.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A view over one decoded frame in a byte array: the header, and little-endian accessors for the
 * payload at payload-relative offsets. Wrapping allocates nothing; subclasses name the fields.
 *
 * <pre>
 *   0        1        2        3        4                 4+len    5+len    6+len    7+len
 *   +--------+--------+--------+--------+-- ... ----------+--------+--------+--------+--------+
 *   | type   | len    | seq (u16, LE)   | payload (len)   | crc32c (u32, LE)                  |
 *   +--------+--------+--------+--------+-- ... ----------+--------+--------+--------+--------+
 *   crc32c: CRC-32C of bytes 0 .. 3+len ({@link FrameCheck})
 * </pre>
 */
public abstract class Flyweight {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    protected byte[] buffer;

    /** Views {@code frame} (a decoded frame starting at index 0) through this flyweight. */
    public Flyweight wrap(byte[] frame) {
        this.buffer = frame;
        return this;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int type() {
        return buffer[Protocol.OFFSET_TYPE] & 0xFF;
    }

    public int payloadLength() {
        return buffer[Protocol.OFFSET_LENGTH] & 0xFF;
    }

    public int seq() {
        return (short) I16.get(buffer, Protocol.OFFSET_SEQ) & 0xFFFF;
    }

    protected final int u8(int offset) {
        return buffer[Protocol.OFFSET_PAYLOAD + offset] & 0xFF;
    }

    protected final void u8(int offset, int value) {
        buffer[Protocol.OFFSET_PAYLOAD + offset] = (byte) value;
    }

    protected final int u16(int offset) {
        return (short) I16.get(buffer, Protocol.OFFSET_PAYLOAD + offset) & 0xFFFF;
    }

    protected final short i16(int offset) {
        return (short) I16.get(buffer, Protocol.OFFSET_PAYLOAD + offset);
    }

    protected final void i16(int offset, int value) {
        I16.set(buffer, Protocol.OFFSET_PAYLOAD + offset, (short) value);
    }

    protected final int i32(int offset) {
        return (int) I32.get(buffer, Protocol.OFFSET_PAYLOAD + offset);
    }

    protected final long u32(int offset) {
        return i32(offset) & 0xFFFF_FFFFL;
    }

    protected final void i32(int offset, int value) {
        I32.set(buffer, Protocol.OFFSET_PAYLOAD + offset, value);
    }

    protected final float f32(int offset) {
        return (float) F32.get(buffer, Protocol.OFFSET_PAYLOAD + offset);
    }

    protected final void f32(int offset, float value) {
        F32.set(buffer, Protocol.OFFSET_PAYLOAD + offset, value);
    }
}
