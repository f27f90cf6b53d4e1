package org.neurorig.bridge.codec;

/**
 * CRC-16/CCITT-FALSE (CRC-16/IBM-3740): polynomial 0x1021, initial value 0xFFFF, no reflection, no
 * final XOR. Check value: {@code 0x29B1} for the ASCII bytes {@code 123456789}.
 *
 * <p>Why this CRC: its generator is (x + 1) times a primitive polynomial of degree 15, so it detects
 * every error of 1, 2 or 3 bits in a codeword of up to 32767 bits; a frame here is at most 496.
 */
public final class Crc16 {

    public static final int INITIAL = 0xFFFF;

    private static final char[] TABLE = new char[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = (char) crc;
        }
    }

    private Crc16() {
    }

    public static int update(int crc, byte b) {
        return ((crc << 8) ^ TABLE[((crc >>> 8) ^ b) & 0xFF]) & 0xFFFF;
    }

    public static int compute(byte[] buffer, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = update(crc, buffer[i]);
        }
        return crc;
    }
}
