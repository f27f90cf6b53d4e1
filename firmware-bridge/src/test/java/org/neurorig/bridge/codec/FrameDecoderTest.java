package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final FrameEncoder encoder = new FrameEncoder();
    private final FaultFrame fault = new FaultFrame();

    private byte[] faultFrame(int seq) {
        int n = fault.wrap(encoder.frame()).set(Protocol.FAULT_WATCHDOG, true, seq);
        return encoder.encode(Protocol.FAULT, seq, n).clone();
    }

    private static int pushAll(FrameDecoder d, byte[] bytes) {
        int frames = 0;
        for (byte b : bytes) {
            if (d.push(b)) {
                frames++;
            }
        }
        return frames;
    }

    /**
     * A version 1 device's IDENTITY is dropped as LENGTH and kept for the handshake; with one bit
     * flipped (its CRC-16 then fails) it is only a bad frame, and a device's decoder never keeps one.
     */
    @Test
    void onlyAWellFormedVersionOneIdentityIsKept() throws java.io.IOException {
        byte[] frame = java.util.HexFormat.of().parseHex(SharedVectorsTest.kind("v1-frame")
                .filter(v -> v.name().equals("identity_cartpole_emu_of_version_1")).findFirst().orElseThrow().b());
        FrameDecoder host = FrameDecoder.forHost();
        assertEquals(0, pushAll(host, stuffed(frame)));
        assertArrayEquals(frame, java.util.Arrays.copyOf(host.versionOneIdentity(), frame.length));
        frame[20] ^= 0x10;
        FrameDecoder other = FrameDecoder.forHost();
        pushAll(other, stuffed(frame));
        assertNull(other.versionOneIdentity(), "a damaged version 1 IDENTITY was taken for one");
        assertEquals(1, other.counters().rejected(RejectReason.LENGTH), other.counters().toString());
        frame[20] ^= 0x10;
        FrameDecoder device = FrameDecoder.forDevice(1);
        pushAll(device, stuffed(frame));
        assertNull(device.versionOneIdentity());
        assertEquals(1, device.counters().rejected(RejectReason.LENGTH), device.counters().toString());
    }

    private static byte[] stuffed(byte[] frame) {
        byte[] wire = new byte[frame.length + 2];
        Cobs.encode(frame, 0, frame.length, wire, 0);
        return wire; // the last byte stays 0: the delimiter
    }

    /** A receiver that starts listening mid-frame loses that frame, counts it once, and is in step after it. */
    @Test
    void startingMidFrameCostsOneFrame() {
        FrameDecoder d = FrameDecoder.forHost();
        byte[] first = faultFrame(0);
        byte[] tail = java.util.Arrays.copyOfRange(first, 3, first.length);
        assertEquals(0, pushAll(d, tail));
        assertEquals(1, d.counters().rejectedTotal());
        assertEquals(1, pushAll(d, faultFrame(1)));
    }

    @Test
    void aLoneDelimiterFlushesGarbageWithoutCountingAnything() {
        FrameDecoder d = FrameDecoder.forHost();
        pushAll(d, new byte[] {0, 0, 0});
        assertEquals(0, d.counters().rejectedTotal());
        pushAll(d, new byte[] {0x12, 0x34, 0});
        assertEquals(1, d.counters().rejectedTotal(), "two bytes then a delimiter are one bad frame");
        assertEquals(1, pushAll(d, faultFrame(0)));
    }

    @Test
    void aFrameArrivesWhateverTheChunking() {
        FrameDecoder d = FrameDecoder.forHost();
        byte[] a = faultFrame(0);
        byte[] b = faultFrame(1);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertEquals(2, pushAll(d, both));
        assertEquals(1, d.frame()[Protocol.OFFSET_SEQ]);
    }

    @Test
    void anOverlongRunIsDroppedOnceAndFramingResumes() {
        FrameDecoder d = FrameDecoder.forHost();
        byte[] junk = new byte[500];
        java.util.Arrays.fill(junk, (byte) 0x55);
        pushAll(d, junk);
        pushAll(d, new byte[] {0});
        assertEquals(1, d.counters().rejected(RejectReason.LENGTH));
        assertEquals(1, pushAll(d, faultFrame(0)));
    }

    @Test
    void gapsAreCountedAsLostAndWrapAroundIsInOrder() {
        FrameDecoder d = FrameDecoder.forHost();
        pushAll(d, faultFrame(65534));
        pushAll(d, faultFrame(65535));
        pushAll(d, faultFrame(0));
        assertEquals(0, d.counters().lost());
        pushAll(d, faultFrame(5));
        assertEquals(4, d.counters().lost());
        assertEquals(4, d.counters().accepted());
    }

    @Test
    void duplicatesAndOlderFramesAreOutOfOrder() {
        FrameDecoder d = FrameDecoder.forHost();
        pushAll(d, faultFrame(10));
        assertEquals(0, pushAll(d, faultFrame(10)));
        assertEquals(0, pushAll(d, faultFrame(3)));
        assertEquals(2, d.counters().rejected(RejectReason.OUT_OF_ORDER));
        assertEquals(1, pushAll(d, faultFrame(11)));
    }

    @Test
    void anIdentityStartsTheNumberingAgain() {
        FrameDecoder d = FrameDecoder.forHost();
        pushAll(d, faultFrame(100));
        IdentityFrame id = new IdentityFrame();
        int n = id.wrap(encoder.frame()).set(1, 1, 0, 0, 0, 20000, 100, 0, "x", new float[4], new float[1]);
        assertEquals(1, pushAll(d, encoder.encode(Protocol.IDENTITY, 0, n)));
        assertEquals(1, pushAll(d, faultFrame(1)));
        assertEquals(0, d.counters().rejectedTotal());
        assertEquals(0, d.counters().lost());
    }

    @Test
    void aStateMustHaveTheLengthTheIdentityGives() {
        FrameDecoder d = FrameDecoder.forHost();
        d.channels(4, 1);
        StateFrame three = new StateFrame(3, 1);
        int n = three.wrap(encoder.frame()).set(0, 0, 0, 0);
        assertEquals(0, pushAll(d, encoder.encode(Protocol.STATE, 0, n)));
        assertEquals(1, d.counters().rejected(RejectReason.LENGTH));
        StateFrame four = new StateFrame(4, 1);
        n = four.wrap(encoder.frame()).set(0, 0, Protocol.STATE_TRUTH, 0);
        assertEquals(1, pushAll(d, encoder.encode(Protocol.STATE, 1, n)));
        n = four.wrap(encoder.frame()).set(0, 0, 0, 0);
        assertEquals(1, pushAll(d, encoder.encode(Protocol.STATE, 2, n)), "without the true state");
    }

    @Test
    void aHostDoesNotAcceptWhatHostsSend() {
        FrameDecoder d = FrameDecoder.forHost();
        int n = new PingFrame().wrap(encoder.frame()).set(7);
        assertFalse(pushAll(d, encoder.encode(Protocol.PING, 0, n)) > 0);
        assertEquals(1, d.counters().rejected(RejectReason.UNKNOWN_TYPE));
        assertTrue(d.counters().toString().contains("UNKNOWN_TYPE 1"), d.counters().toString());
    }
}
