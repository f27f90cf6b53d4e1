package org.neurorig.bridge.codec;

/**
 * Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): removes every 0x00 from a frame so
 * that 0x00 can delimit frames on the wire. The encoded frame is a sequence of blocks, each a code
 * byte {@code c} followed by {@code c - 1} non-zero bytes; a block with {@code c < 255} stands for its
 * bytes followed by one 0x00, and the last implicit 0x00 is dropped.
 */
public final class Cobs {

    private Cobs() {
    }

    /**
     * Encodes {@code length} bytes (fewer than 254) into {@code dst} (no delimiter).
     *
     * @return the encoded length, always {@code length + 1}
     */
    public static int encode(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
        int codeAt = dstOffset;
        int out = dstOffset + 1;
        int code = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeAt] = (byte) code;
                codeAt = out++;
                code = 1;
            } else {
                dst[out++] = b;
                code++;
            }
        }
        dst[codeAt] = (byte) code;
        return out - dstOffset;
    }

    /**
     * Decodes {@code length} stuffed bytes (no delimiter) into {@code dst}, which may be {@code src} at
     * the same offset.
     *
     * @return the decoded length, or -1 when a code byte points past the end or a 0x00 is inside
     */
    public static int decode(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
        int in = offset;
        int end = offset + length;
        int out = dstOffset;
        while (in < end) {
            int code = src[in++] & 0xFF;
            if (code == 0 || in + code - 1 > end) {
                return -1;
            }
            for (int k = 1; k < code; k++) {
                byte b = src[in++];
                if (b == 0) {
                    return -1;
                }
                dst[out++] = b;
            }
            if (code != 0xFF && in < end) {
                dst[out++] = 0;
            }
        }
        return out - dstOffset;
    }
}
