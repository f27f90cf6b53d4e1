package org.neurorig.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The consumer of the telemetry ring, a duty-cycle agent for its own (non-real-time) thread: drains
 * records into a binary log ({@link TelemetryLog} describes the file), framing each with a sync marker and
 * a CRC-32C ({@link TelemetryFrame}) so a reader detects damage and finds the next record after it, and
 * checks their sequence numbers, counting every gap. The framing is this thread's work: the loop's
 * publisher writes the bare record into the ring as before. On close it drains what is left and flushes,
 * so a clean stop loses nothing.
 */
public final class TelemetryWriter implements Agent, MessageHandler {

    private static final int STAGING_BYTES = 256 * 1024;
    private static final int READ_LIMIT = 256;

    private final RingBuffer ring;
    private final FileChannel channel;
    private final Path path;
    private final ByteBuffer staging;
    private final CRC32C crc = new CRC32C();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong lastSequence = new AtomicLong(-1);
    private volatile boolean closed;

    /**
     * Opens {@code path} (replacing it) and writes the log header.
     *
     * @param path where the log goes; null to consume and check records without storing them
     */
    public TelemetryWriter(RingBuffer ring, TelemetryLayout layout, Path path) throws IOException {
        this.ring = ring;
        this.path = path;
        // room for the longest frame, should a layout's exceed the usual staging size
        this.staging = ByteBuffer.allocateDirect(Math.max(STAGING_BYTES, TelemetryFrame.length(layout.maxRecordLength())))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (path == null) {
            this.channel = null;
            return;
        }
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ByteBuffer header = LogHeader.encode(layout, System.currentTimeMillis());
        while (header.hasRemaining()) {
            channel.write(header);
        }
    }

    @Override
    public String roleName() {
        return "neurorig-telemetry";
    }

    @Override
    public int doWork() {
        int work = ring.read(this, READ_LIMIT);
        if (work == 0 && staging.position() > 0) {
            flush(); // idle: put what we have on disk, so a crash of the process loses little
        }
        return work;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (msgTypeId != TelemetryPublisher.TICK_MSG_TYPE) {
            return;
        }
        long sequence = buffer.getLong(index + TickRecord.SEQUENCE_OFFSET);
        long expected = lastSequence.get() + 1;
        if (sequence != expected) {
            missing.lazySet(missing.get() + (sequence - expected));
        }
        lastSequence.lazySet(sequence);
        received.lazySet(received.get() + 1);
        if (channel == null) {
            return;
        }
        if (staging.remaining() < TelemetryFrame.length(length)) {
            flush();
        }
        TelemetryFrame.append(staging, buffer, index, length, crc);
    }

    private void flush() {
        if (channel == null) {
            staging.clear();
            return;
        }
        staging.flip();
        try {
            while (staging.hasRemaining()) {
                channel.write(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("telemetry log " + path + ": " + e.getMessage(), e);
        } finally {
            staging.clear();
        }
    }

    /** Drains the ring, flushes and closes the file. Call after the loop has stopped publishing. */
    @Override
    public void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        while (ring.read(this, Integer.MAX_VALUE) > 0) {
            // drain
        }
        flush();
        if (channel != null) {
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("telemetry log " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** Records received from the ring. */
    public long received() {
        return received.get();
    }

    /** Records missing, from the gaps in their sequence numbers (dropped by the loop when the ring was full). */
    public long missing() {
        return missing.get();
    }

    /** The last sequence number received, or -1. */
    public long lastSequence() {
        return lastSequence.get();
    }
}
