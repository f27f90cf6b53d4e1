package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurorig.testing.AllocationMeter;

/** Encoding and decoding allocate nothing per frame: 100,000 round trips of each hot-path frame, zero bytes. */
class CodecAllocationTest {

    private static final int FRAMES = 100_000;

    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = FrameDecoder.forHost();
    private final FrameDecoder device = FrameDecoder.forDevice(1);
    private final StateFrame stateOut = new StateFrame(4, 1);
    private final StateFrame stateIn = new StateFrame(4, 1);
    private final CommandFrame commandOut = new CommandFrame();
    private final CommandFrame commandIn = new CommandFrame();
    private long checksum;
    private int seq;

    private void stateRoundTrips() {
        for (int i = 0; i < FRAMES; i++) {
            stateOut.wrap(encoder.frame());
            int n = stateOut.set(i * 20_000L, i, Protocol.STATE_TRUTH, 1);
            stateOut.output(0, i & 0xFF);
            for (int s = 0; s < 4; s++) {
                stateOut.sensor(s, i * s);
                stateOut.truth(s, i * 0.5f);
            }
            byte[] wire = encoder.encode(Protocol.STATE, seq++ & 0xFFFF, n);
            for (byte b : wire) {
                if (decoder.push(b)) {
                    stateIn.wrap(decoder.frame());
                    checksum += stateIn.sensor(3) + stateIn.commandSeq() + (long) stateIn.truth(2);
                }
            }
        }
    }

    private void commandRoundTrips() {
        for (int i = 0; i < FRAMES; i++) {
            commandOut.wrap(encoder.frame()).actuator(0, i - 32767);
            byte[] wire = encoder.encode(Protocol.COMMAND, seq++ & 0xFFFF, CommandFrame.length(1));
            for (byte b : wire) {
                if (device.push(b)) {
                    checksum += commandIn.wrap(device.frame()).actuator(0);
                }
            }
        }
    }

    @Test
    void stateFramesRoundTripWithoutAllocating() {
        decoder.channels(4, 1);
        assertEquals(0, steadyStateBytes(this::stateRoundTrips));
        assertEquals(0, decoder.counters().rejectedTotal(), decoder.counters().toString());
    }

    @Test
    void commandFramesRoundTripWithoutAllocating() {
        assertEquals(0, steadyStateBytes(this::commandRoundTrips));
        assertEquals(0, device.counters().rejectedTotal(), device.counters().toString());
    }

    /**
     * What a run allocates once the JIT has compiled it (at most five warm-up runs): the least of three runs at
     * rest, which forgives a single deoptimization's frame (80 bytes, seen once on arm64 under QEMU) but not a
     * per-frame allocation, which shows in every run.
     */
    private static long steadyStateBytes(Runnable action) {
        AllocationMeter.warmUp(action, 5);
        return AllocationMeter.leastBytesAtRest(action, 3, 3);
    }
}
