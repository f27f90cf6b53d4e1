package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Corrupted frames through the decoders, from a fixed seed (the run repeats exactly; change
 * {@link #SEED} to explore).
 *
 * <p>Escapes. Valid frames of every type (what a host receives and what a device receives) are
 * corrupted in the codeword, the bytes the frame check covers plus the check itself, then stuffed and
 * fed to the decoder of the end that receives them, ten million times for each kind of corruption:
 * 1 to 3 flipped bits, 4 to 16 flipped bits, 1 to 4 bytes replaced by other values. An escape is a
 * corrupted frame that the decoder accepts: the corruption always changes the bytes, and an accepted
 * frame is exactly what arrived, so it is a frame that was never sent. There must be none. The decoder
 * restarts its sequence numbering before each frame (as after a handshake), so the sequence check
 * cannot hide an escape that the frame check let through; the size, {@code len} and type checks still
 * run, as on a real link. {@code -Dneurorig.fuzz.mutations=N} runs N per kind instead.
 *
 * <p>Framing. Frames with bits flipped on the wire (after COBS), random bytes, truncated, shortened,
 * lengthened and duplicated frames: nothing throws, every damaged frame is rejected, and the decoder
 * accepts the next good frame after each of them.
 */
class FrameFuzzTest {

    private static final long SEED = 0x5EED_F00DL;
    static final int MUTATIONS = Integer.getInteger("neurorig.fuzz.mutations", 10_000_000);
    /** Valid frames to corrupt: whether a CRC misses an error pattern does not depend on the bytes it covers. */
    private static final int POOL = 1 << 12;
    private static final int ESCAPES_SHOWN = 5;
    private static final int WIRE_FLIPS = 300_000;
    private static final int RANDOM_INPUTS = 200_000;
    private static final int STRUCTURAL = 100_000;

    /** How a codeword is corrupted. */
    enum Corruption {
        FLIPS_1_TO_3(1, 3), FLIPS_4_TO_16(4, 16), BYTES_1_TO_4(1, 4);

        final int min;
        final int max;

        Corruption(int min, int max) {
            this.min = min;
            this.max = max;
        }
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = FrameDecoder.forHost();
    private final FrameDecoder deviceDecoder = FrameDecoder.forDevice(1);
    private final byte[] frame = new byte[Protocol.MAX_FRAME];
    private final byte[] wire = new byte[512];
    private final int[] chosen = new int[16];
    private int frameLength;
    private int seq;
    private long framesFed;

    FrameFuzzTest() {
        decoder.channels(4, 1);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void noCorruptedFrameIsAccepted(Corruption corruption) {
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            anyFrame();
            pool[i] = Arrays.copyOf(frame, frameLength);
        }
        byte[] damaged = new byte[Protocol.MAX_FRAME];
        long escapes = 0;
        StringBuilder shown = new StringBuilder();
        long start = System.nanoTime();
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] original = pool[random.nextInt(POOL)];
            int length = original.length;
            System.arraycopy(original, 0, damaged, 0, length);
            int changes = corruption.min + random.nextInt(corruption.max - corruption.min + 1);
            if (corruption == Corruption.BYTES_1_TO_4) {
                replaceDistinctBytes(damaged, length, changes);
            } else {
                flipDistinctBits(damaged, length, changes);
            }
            FrameDecoder receiver = (original[Protocol.OFFSET_TYPE] & 0x80) != 0 ? decoder : deviceDecoder;
            receiver.resync();
            int n = Cobs.encode(damaged, 0, length, wire, 0);
            wire[n++] = 0;
            boolean accepted = false;
            for (int b = 0; b < n; b++) {
                accepted |= receiver.push(wire[b]);
            }
            if (accepted && !(receiver.frameLength() == length
                    && Arrays.equals(receiver.frame(), 0, length, original, 0, length))) {
                if (++escapes <= ESCAPES_SHOWN) {
                    shown.append(String.format(Locale.ROOT, "%n  %s -> %s", hex(original, length), hex(damaged, length)));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rejected = decoder.counters().rejectedTotal() + deviceDecoder.counters().rejectedTotal();
        System.out.printf(Locale.ROOT, "fuzz %s: %d corrupted frames in %.1f s, %d escapes; host decoder: %s; device"
                + " decoder: %s%n", corruption, MUTATIONS, seconds, escapes, decoder.counters(), deviceDecoder.counters());
        if (escapes > 0) {
            fail(escapes + " of " + MUTATIONS + " frames with " + corruption + " were accepted (original -> corrupted,"
                    + " the first " + Math.min(escapes, ESCAPES_SHOWN) + "):" + shown);
        }
        assertEquals(MUTATIONS, rejected, "each corrupted frame is rejected and counted exactly once");
    }

    @Test
    void framingRecoversAndNothingThrows() {
        try {
            wireFlips();
            randomInputs();
            structural();
        } catch (RuntimeException e) {
            fail("the decoder threw after " + framesFed + " frames", e);
        }
        assertTrue(framesFed >= 1_000_000, "fed " + framesFed);
        System.out.printf("fuzz framing: %d frames fed; decoder %s%n", framesFed, decoder.counters());
    }

    /** A random valid frame of any type, in {@link #frame} (length {@link #frameLength}). */
    private void anyFrame() {
        int pick = random.nextInt(11);
        if (pick < 5) {
            hostFrame(pick);
            return;
        }
        byte[] buf = encoder.frame();
        int type;
        int length;
        switch (pick) {
            case 5 -> {
                type = Protocol.HELLO;
                length = new HelloFrame().wrap(buf).set(random.nextInt(256));
            }
            case 6 -> {
                type = Protocol.CONFIG;
                length = ConfigFrame.LENGTH;
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
            case 7 -> {
                type = Protocol.COMMAND;
                length = CommandFrame.length(1);
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
            case 8 -> {
                type = Protocol.RESET;
                length = ResetFrame.LENGTH;
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
            case 9 -> {
                type = Protocol.PING;
                length = PingFrame.LENGTH;
                randomBytes(buf, Protocol.OFFSET_PAYLOAD, length);
            }
            default -> {
                type = Protocol.SAFE;
                length = 0;
            }
        }
        encodeAndKeep(type, length);
    }

    /** A random valid frame of a type the host receives. */
    private void randomFrame() {
        hostFrame(random.nextInt(5));
    }

    private void hostFrame(int pick) {
        byte[] buf = encoder.frame();
        int type;
        int length;
        switch (pick) {
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
        encodeAndKeep(type, length);
    }

    /** Encodes the encoder's frame and keeps its codeword (before stuffing) in {@link #frame}. */
    private void encodeAndKeep(int type, int length) {
        encoder.encode(type, seq, length);
        seq = (seq + 1) & 0xFFFF;
        frameLength = length + Protocol.MIN_FRAME;
        System.arraycopy(encoder.frame(), 0, frame, 0, frameLength);
    }

    private void randomBytes(byte[] buf, int offset, int length) {
        for (int i = 0; i < length; i++) {
            buf[offset + i] = (byte) random.nextInt(256);
        }
    }

    private void flipDistinctBits(byte[] bytes, int length, int flips) {
        for (int k = 0; k < flips; k++) {
            chosen[k] = distinct(length * 8, k);
            bytes[chosen[k] >>> 3] ^= (byte) (1 << (chosen[k] & 7));
        }
    }

    /** Replaces bytes at distinct places, each by a value other than its own. */
    private void replaceDistinctBytes(byte[] bytes, int length, int count) {
        for (int k = 0; k < count; k++) {
            chosen[k] = distinct(length, k);
            bytes[chosen[k]] ^= (byte) (1 + random.nextInt(255));
        }
    }

    /** A random index below {@code bound} that is none of the first {@code taken} in {@link #chosen}. */
    private int distinct(int bound, int taken) {
        while (true) {
            int candidate = random.nextInt(bound);
            boolean again = false;
            for (int j = 0; j < taken; j++) {
                again |= chosen[j] == candidate;
            }
            if (!again) {
                return candidate;
            }
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

    /**
     * A flip on the wire can move bytes instead of flipping one (a COBS code byte, or a byte turned
     * into the delimiter): the length and stuffing checks catch most, and the frame check the rest.
     */
    private void wireFlips() {
        byte[] damaged = new byte[wire.length];
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
        byte[] changed = new byte[wire.length];
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
        return HexFormat.of().formatHex(b, 0, n);
    }
}
