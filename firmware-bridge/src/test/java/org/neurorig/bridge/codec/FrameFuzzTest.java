package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * More than a million random and mutated frames through the host's decoder, from a fixed seed (the
 * run repeats exactly; change {@link #SEED} to explore). Nothing may escape as an exception, and:
 * <ul>
 *   <li>every frame with 1, 2 or 3 bits flipped in the codeword (header, payload, CRC: what the CRC
 *       protects) is rejected: CRC-16/CCITT has Hamming distance 4 up to 32767 bits, our frames are
 *       at most 496 bits, so this is a guarantee, checked here;</li>
 *   <li>every frame with 1 to 3 bits flipped on the wire (after COBS) is rejected too: such a flip can
 *       move bytes instead of flipping one, so the guarantee does not apply; the length and stuffing
 *       checks catch most, and what reaches the CRC passes with probability 2^-16. Measured here;</li>
 *   <li>duplicated frames are rejected as out of order; truncated, shortened, lengthened and random
 *       inputs never throw, and the decoder accepts the next good frame after each of them.</li>
 * </ul>
 */
class FrameFuzzTest {

    private static final long SEED = 0x5EED_F00DL;
    private static final int CODEWORD_FLIPS = 400_000;
    private static final int WIRE_FLIPS = 300_000;
    private static final int RANDOM_INPUTS = 200_000;
    private static final int STRUCTURAL = 100_000;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = FrameDecoder.forHost();
    private final byte[] frame = new byte[Protocol.MAX_FRAME];
    private final byte[] wire = new byte[256];
    private int frameLength;
    private int seq;
    private long framesFed;

    @Test
    void noExceptionEscapesAndEveryDamagedFrameIsRejected() {
        decoder.channels(4, 1);
        try {
            codewordFlips();
            wireFlips();
            randomInputs();
            structural();
        } catch (RuntimeException e) {
            fail("the decoder threw after " + framesFed + " frames", e);
        }
        assertTrue(framesFed >= 1_000_000, "fed " + framesFed);
        System.out.printf("fuzz: %d frames fed; decoder %s%n", framesFed, decoder.counters());
    }

    /** A random valid frame of a type the host receives, in {@link #frame} (length {@link #frameLength}). */
    private void randomFrame() {
        byte[] buf = encoder.frame();
        int type;
        int length;
        switch (random.nextInt(5)) {
            case 0 -> {
                type = Protocol.IDENTITY;
                length = IdentityFrame.length(4, 1);
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
                buf[Protocol.OFFSET_PAYLOAD + 10] = 4;
                buf[Protocol.OFFSET_PAYLOAD + 11] = 1;
            }
            case 1 -> {
                type = Protocol.STATE;
                boolean truth = random.nextBoolean();
                length = StateFrame.length(4, 1, truth);
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
                int flags = random.nextInt(256) & ~Protocol.STATE_TRUTH;
                buf[Protocol.OFFSET_PAYLOAD + 6] = (byte) (truth ? flags | Protocol.STATE_TRUTH : flags);
            }
            case 2 -> {
                type = Protocol.PONG;
                length = PongFrame.LENGTH;
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
            case 3 -> {
                type = Protocol.ACK;
                length = AckFrame.LENGTH;
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
            default -> {
                type = Protocol.FAULT;
                length = FaultFrame.LENGTH;
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
        }
        encoder.encode(type, seq, length);
        seq = (seq + 1) & 0xFFFF;
        frameLength = length + Protocol.MIN_FRAME;
        System.arraycopy(buf, 0, frame, 0, frameLength);
    }

    private void randomBytes(byte[] buf, int offset, int length) {
        for (int i = 0; i < length; i++) {
            buf[offset + i] = (byte) random.nextInt(256);
        }
    }

    /** Stuffs {@code codeword[0..length)} into {@link #wire} with its delimiter; returns the wire length. */
    private int stuff(byte[] codeword, int length) {
        int n = Cobs.encode(codeword, 0, length, wire, 0);
        wire[n] = 0;
        return n + 1;
    }

    private int feed(byte[] bytes, int length) {
        framesFed++;
        int accepted = 0;
        for (int i = 0; i < length; i++) {
            if (decoder.push(bytes[i])) {
                accepted++;
            }
        }
        return accepted;
    }

    /** A good frame must get through after whatever came before (framing recovered). */
    private void goodFrameArrives(String after) {
        decoder.push((byte) 0); // flush: a damaged delimiter may have left a partial frame
        randomFrame();
        int n = stuff(frame, frameLength);
        if (feed(wire, n) != 1) {
            fail("a good frame was dropped after " + after + ": " + decoder.counters());
        }
    }

    private void flipDistinctBits(byte[] bytes, int length, int flips) {
        int[] chosen = new int[flips];
        for (int k = 0; k < flips; k++) {
            int bit;
            boolean again;
            do {
                bit = random.nextInt(length * 8);
                again = false;
                for (int j = 0; j < k; j++) {
                    again |= chosen[j] == bit;
                }
            } while (again);
            chosen[k] = bit;
            bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
    }

    private void codewordFlips() {
        byte[] damaged = new byte[Protocol.MAX_FRAME];
        long before = decoder.counters().rejectedTotal();
        for (int i = 0; i < CODEWORD_FLIPS; i++) {
            randomFrame();
            System.arraycopy(frame, 0, damaged, 0, frameLength);
            int flips = 1 + i % 3;
            flipDistinctBits(damaged, frameLength, flips);
            int n = stuff(damaged, frameLength);
            if (feed(wire, n) != 0) {
                fail("a frame with " + flips + " flipped bits was accepted: " + hex(frame, frameLength) + " -> "
                        + hex(damaged, frameLength));
            }
            if (i % 64 == 0) {
                goodFrameArrives("a codeword flip");
            }
        }
        long rejected = decoder.counters().rejectedTotal() - before;
        assertEquals(CODEWORD_FLIPS, rejected, "each damaged codeword is counted exactly once");
    }

    private void wireFlips() {
        byte[] damaged = new byte[256];
        for (int i = 0; i < WIRE_FLIPS; i++) {
            randomFrame();
            int n = stuff(frame, frameLength);
            System.arraycopy(wire, 0, damaged, 0, n);
            int flips = 1 + i % 3;
            flipDistinctBits(damaged, n, flips);
            if (feed(damaged, n) != 0) {
                fail("a frame with " + flips + " bits flipped on the wire was accepted: " + hex(wire, n) + " -> "
                        + hex(damaged, n));
            }
            goodFrameArrives("a wire flip");
        }
    }

    private void randomInputs() {
        byte[] junk = new byte[96];
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            int n = 1 + random.nextInt(junk.length);
            randomBytes(junk, 0, n);
            if (random.nextInt(4) == 0) {
                junk[random.nextInt(n)] = 0;
            }
            feed(junk, n); // may, with negligible probability, be a valid frame: not asserted
            if (i % 16 == 0) {
                goodFrameArrives("random bytes");
            }
        }
        goodFrameArrives("random bytes"); // random input need not end with a delimiter
    }

    private void structural() {
        byte[] changed = new byte[512];
        for (int i = 0; i < STRUCTURAL; i++) {
            randomFrame();
            int n = stuff(frame, frameLength);
            switch (i % 5) {
                case 0 -> { // duplicated: the copy is older than the newest frame
                    String before = decoder.counters().toString();
                    if (feed(wire, n) != 1) {
                        fail("a good frame was dropped: " + hex(wire, n) + " " + before + " -> " + decoder.counters());
                    }
                    long outOfOrder = decoder.counters().rejected(RejectReason.OUT_OF_ORDER);
                    if (feed(wire, n) != 0 || decoder.counters().rejected(RejectReason.OUT_OF_ORDER) != outOfOrder + 1) {
                        if (frame[0] != (byte) Protocol.IDENTITY) { // an IDENTITY restarts numbering by design
                            fail("a duplicated frame was not rejected as out of order");
                        }
                    }
                }
                case 1 -> { // truncated before its delimiter, then the delimiter
                    int keep = 1 + random.nextInt(n - 2);
                    System.arraycopy(wire, 0, changed, 0, keep);
                    changed[keep] = 0;
                    feed(changed, keep + 1);
                }
                case 2 -> { // one byte lost
                    int drop = random.nextInt(n - 1);
                    System.arraycopy(wire, 0, changed, 0, drop);
                    System.arraycopy(wire, drop + 1, changed, drop, n - drop - 1);
                    feed(changed, n - 1);
                }
                case 3 -> { // one byte inserted
                    int at = random.nextInt(n - 1);
                    System.arraycopy(wire, 0, changed, 0, at);
                    changed[at] = (byte) (1 + random.nextInt(255));
                    System.arraycopy(wire, at, changed, at + 1, n - at);
                    feed(changed, n + 1);
                }
                default -> { // far too long
                    Arrays.fill(changed, 0, 300, (byte) 0x7E);
                    changed[300] = 0;
                    feed(changed, 301);
                }
            }
            goodFrameArrives("structural change " + i % 5);
        }
    }

    private static String hex(byte[] b, int n) {
        return java.util.HexFormat.of().formatHex(b, 0, n);
    }
}
