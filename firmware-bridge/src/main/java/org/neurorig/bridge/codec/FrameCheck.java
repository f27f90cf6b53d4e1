package org.neurorig.bridge.codec;

import java.util.zip.CRC32C;

/**
 * The frame check of protocol version 2: CRC-32C (Castagnoli, as in iSCSI and SCTP), generator
 * {@code 0x1EDC6F41} ({@code 0x82F63B78} reflected), input and output reflected, initial value and final
 * XOR {@code 0xFFFFFFFF}. Check value: {@code 0xE3069283} for the ASCII bytes {@code 123456789}. It
 * travels little-endian after the payload.
 *
 * <p>Why this CRC: over our frames (at most 64 bytes, 512 bits with the check) it detects every error
 * of up to 5 bits ({@code FrameCheckTest} enumerates them), every odd number of flipped bits (its
 * generator has the factor {@code x + 1}) and every burst of up to 32 bits; any other error passes with
 * probability 2^-32. The CRC-16 of version 1 stopped at 3 bits, and let about 6 in a million frames with
 * 4 to 16 flipped bits through ({@code FrameFuzzTest}).
 *
 * <p>The JDK's {@link CRC32C} keeps its running value in an int field and reads an array range in place
 * (a HotSpot intrinsic on x86-64 and AArch64), so a check allocates nothing. It holds that value between
 * {@code reset} and {@code getValue}: one per encoder or decoder, on that one's thread.
 */
final class FrameCheck {

    private final CRC32C crc = new CRC32C();

    /** The check of {@code frame[offset, offset + length)}. */
    int compute(byte[] frame, int offset, int length) {
        crc.reset();
        crc.update(frame, offset, length);
        return (int) crc.getValue();
    }

    /** Writes {@code check} little-endian at {@code frame[offset]}. */
    static void put(byte[] frame, int offset, int check) {
        frame[offset] = (byte) check;
        frame[offset + 1] = (byte) (check >>> 8);
        frame[offset + 2] = (byte) (check >>> 16);
        frame[offset + 3] = (byte) (check >>> 24);
    }

    /** The check stored little-endian at {@code frame[offset]}. */
    static int get(byte[] frame, int offset) {
        return (frame[offset] & 0xFF) | (frame[offset + 1] & 0xFF) << 8 | (frame[offset + 2] & 0xFF) << 16
                | (frame[offset + 3] & 0xFF) << 24;
    }
}
