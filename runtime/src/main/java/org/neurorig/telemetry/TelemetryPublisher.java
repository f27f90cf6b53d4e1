package org.neurorig.telemetry;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The loop's end of the telemetry: claims space for one {@link TickRecord} per tick in an Agrona
 * {@link OneToOneRingBuffer}, lets the loop fill it in place, commits it. The loop never waits: when
 * the ring is full the record is dropped and counted, and its sequence number is skipped, so a reader
 * sees exactly where and how many records are missing.
 *
 * <p>One producer (the loop thread), one consumer ({@link TelemetryWriter}); allocates nothing per tick.
 */
public final class TelemetryPublisher {

    /** The message type of tick records in the ring. */
    public static final int TICK_MSG_TYPE = 1;

    private final TelemetryLayout layout;
    private final RingBuffer ring;
    private final TickRecord record = new TickRecord();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private long sequence;
    private int claimed = -1;

    /**
     * @param capacityBytes ring capacity, rounded up to a power of two; at 1 kHz with records of ~200
     *                      bytes, 1 MiB holds about five seconds of a stalled writer
     */
    public TelemetryPublisher(TelemetryLayout layout, int capacityBytes) {
        this.layout = layout;
        int capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(capacityBytes, 4096));
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
        if (layout.maxRecordLength() > ring.maxMsgLength()) {
            throw new IllegalArgumentException("telemetry records of " + layout.maxRecordLength()
                    + " bytes do not fit a ring of " + capacity + " bytes: make the ring larger or the snapshot smaller");
        }
    }

    public TelemetryLayout layout() {
        return layout;
    }

    /** The ring, for the one consumer. */
    public RingBuffer ring() {
        return ring;
    }

    /**
     * Claims space for the next record and writes its sequence number and counts; returns the record
     * to fill, then call {@link #commit()}. Returns null, and counts a drop, when the ring is full.
     */
    public TickRecord claim(int probeCount, int activityCount) {
        long seq = sequence++;
        int length = TickRecord.length(layout.sensorCount(), layout.commandCount(), probeCount, activityCount);
        int index = ring.tryClaim(TICK_MSG_TYPE, length);
        if (index < 0) {
            dropped.lazySet(dropped.get() + 1);
            return null;
        }
        claimed = index;
        record.wrapForWrite(ring.buffer(), index);
        ring.buffer().putLong(index + TickRecord.SEQUENCE_OFFSET, seq);
        record.counts(layout.sensorCount(), layout.commandCount(), probeCount, activityCount);
        return record;
    }

    /** Makes the claimed record visible to the consumer. */
    public void commit() {
        ring.commit(claimed);
        claimed = -1;
        published.lazySet(published.get() + 1);
    }

    /** Records dropped because the ring was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Records committed. */
    public long published() {
        return published.get();
    }
}
