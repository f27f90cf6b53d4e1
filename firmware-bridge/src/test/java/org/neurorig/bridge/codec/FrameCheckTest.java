package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What PROTOCOL.md promises of the frame check, proved over the longest frame instead of quoted from
 * tables. A CRC is linear: flipping the bits of an error pattern e changes the check it computes by
 * L(e), which does not depend on the frame, so e goes undetected exactly when L(e) equals e's flips in
 * the stored check. Each bit of the codeword thus has a 32-bit syndrome (L of that bit, or that bit of
 * the check), and a pattern is undetected exactly when its bits' syndromes XOR to zero. The shortest
 * such pattern is the code's Hamming distance; shorter frames are the same code with leading bits
 * fixed at zero, so what holds at 64 bytes holds for every frame.
 */
class FrameCheckTest {

    /** Header, the largest payload, the check: 64 bytes, 512 bits. */
    private static final int BITS = 8 * Protocol.MAX_FRAME;
    private static final int COVERED = Protocol.MAX_FRAME - Protocol.CRC_LENGTH;

    private final FrameCheck check = new FrameCheck();

    @Test
    void itIsCrc32c() {
        byte[] ascii = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, check.compute(ascii, 0, ascii.length));
        byte[] framed = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, check.compute(framed, 2, ascii.length), "over a range of a larger buffer");
        assertEquals(0xE3069283, check.compute(framed, 2, ascii.length), "again: nothing left over from the last");
    }

    /** Bit {@code 8 * byte + n} is bit n (least significant first, as the UART sends it) of that byte. */
    private int[] syndromes() {
        byte[] frame = new byte[COVERED];
        int zero = check.compute(frame, 0, COVERED);
        int[] s = new int[BITS];
        for (int bit = 0; bit < 8 * COVERED; bit++) {
            frame[bit >>> 3] ^= (byte) (1 << (bit & 7));
            s[bit] = check.compute(frame, 0, COVERED) ^ zero;
            frame[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        for (int bit = 8 * COVERED; bit < BITS; bit++) {
            s[bit] = 1 << (bit - 8 * COVERED); // the check is stored little-endian
        }
        return s;
    }

    /**
     * Every error of 1 to 5 bits, all 2.4e11 of them, by meeting in the middle: no two distinct sets of
     * at most two bits share a syndrome (the empty set included: that is every error of 1 to 4 bits),
     * and no three bits XOR to the syndrome of at most two (5 bits, the smaller cases being excluded).
     */
    @Test
    void everyErrorOfUpToFiveBitsIsDetected() {
        int[] s = syndromes();
        SyndromeSet small = new SyndromeSet(1 << 19);
        small.addNew(0, "no bits");
        for (int i = 0; i < BITS; i++) {
            small.addNew(s[i], "bit " + i);
            for (int j = 0; j < i; j++) {
                small.addNew(s[i] ^ s[j], "bits " + j + ", " + i);
            }
        }
        long triples = 0;
        for (int i = 0; i < BITS; i++) {
            for (int j = 0; j < i; j++) {
                int ij = s[i] ^ s[j];
                for (int k = 0; k < j; k++) {
                    if (small.contains(ij ^ s[k])) {
                        fail("bits " + k + ", " + j + ", " + i + " and at most two others go undetected");
                    }
                }
                triples += j;
            }
        }
        assertEquals((long) BITS * (BITS - 1) * (BITS - 2) / 6, triples);
    }

    /**
     * Every syndrome of one bit has odd weight, so by linearity an error's syndrome has the parity of
     * its number of bits, and an odd number can never XOR to zero: the generator's factor (x + 1).
     */
    @Test
    void everyOddNumberOfFlippedBitsIsDetected() {
        int[] s = syndromes();
        for (int bit = 0; bit < BITS; bit++) {
            assertEquals(1, Integer.bitCount(s[bit]) & 1, "bit " + bit);
        }
    }

    /**
     * The syndromes of any 32 consecutive bits are linearly independent, so no nonzero pattern within
     * 32 consecutive bits (a burst of up to 32) XORs to zero.
     */
    @Test
    void everyBurstOfUpTo32BitsIsDetected() {
        int[] s = syndromes();
        for (int start = 0; start + 32 <= BITS; start++) {
            assertEquals(32, rank(s, start, 32), "the 32 bits from bit " + start);
        }
    }

    private static int rank(int[] s, int from, int count) {
        int[] basis = new int[32]; // indexed by leading bit
        int rank = 0;
        for (int i = from; i < from + count; i++) {
            int v = s[i];
            while (v != 0) {
                int lead = 31 - Integer.numberOfLeadingZeros(v);
                if (basis[lead] == 0) {
                    basis[lead] = v;
                    rank++;
                    break;
                }
                v ^= basis[lead];
            }
        }
        return rank;
    }

    /** Open addressing over ints, with occupancy kept apart so that 0 is a value like any other. */
    private static final class SyndromeSet {
        private final int[] values;
        private final boolean[] used;
        private final int mask;

        SyndromeSet(int capacity) {
            values = new int[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
        }

        void addNew(int value, String what) {
            int at = slot(value);
            if (used[at]) {
                fail(what + " has the syndrome of a set of at most two other bits: an error of at most 4 bits goes"
                        + " undetected");
            }
            used[at] = true;
            values[at] = value;
        }

        boolean contains(int value) {
            return used[slot(value)];
        }

        /** The slot that holds value, or the empty one where it would go. */
        private int slot(int value) {
            int at = (value * 0x9E3779B1) >>> 13 & mask;
            while (used[at] && values[at] != value) {
                at = (at + 1) & mask;
            }
            return at;
        }
    }

    /** The proof above is only as good as this set: it must find what it holds, zero included, and refuse a repeat. */
    @Test
    void theSyndromeSetFindsWhatItHoldsAndRefusesRepeats() {
        SyndromeSet set = new SyndromeSet(16);
        set.addNew(0, "zero");
        set.addNew(7, "seven");
        assertTrue(set.contains(0) && set.contains(7) && !set.contains(8));
        assertThrows(AssertionError.class, () -> set.addNew(7, "seven again"));
    }
}
