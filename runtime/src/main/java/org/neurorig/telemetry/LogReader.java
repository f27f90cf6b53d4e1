package org.neurorig.telemetry;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pass over the records of a log, through a {@link MappedWindow}: each record is checked before the
 * visitor sees it (its frame, in version 2; its length and counts against the layout, in both), damage is
 * recorded with where it is and what was found there, and in version 2 reading resumes at the next frame
 * whose check holds. Single use.
 */
final class LogReader {

    /** What {@link #frameAt} found, besides a whole frame (its length, positive). */
    private static final int PARTIAL = -1;
    private static final int NO_SYNC = -2;
    private static final int BAD_LENGTH = -3;
    private static final int BAD_CHECK = -4;
    private static final int BAD_COUNTS = -5;

    private final LogHeader header;
    private final TelemetryLayout layout;
    private final MappedWindow window;
    private final long fileSize;
    private final boolean framed;
    /** Bytes before the record: sync and length (version 2), or the length alone (version 1). */
    private final int head;
    private final int trailer;
    private final int maxRecord;
    private final TickRecord record = new TickRecord();
    private final CRC32C crc = new CRC32C();
    private int recordIndex;
    private int recordLength;

    private long records;
    private long firstSequence = -1;
    private long lastSequence = -1;
    private long lastEpisode = -1;
    private long bytesRead;
    private long damagedRegions;
    private long bytesSkipped;
    private final List<TelemetryScan.Damage> damage = new ArrayList<>();
    // the last damaged region found: completed when the next one is found or reading ends
    private long openOffset = -1;
    private long openSkipped;
    private String openReason;
    private long openBefore;
    private long openAfter;
    private long recordsAtOpen;

    LogReader(LogHeader header, MappedWindow window, long fileSize) {
        this.header = header;
        this.layout = header.layout();
        this.window = window;
        this.fileSize = fileSize;
        this.framed = header.version() >= 2;
        this.head = framed ? TelemetryFrame.RECORD_OFFSET : 4;
        this.trailer = framed ? TelemetryFrame.CHECK_LENGTH : 0;
        this.maxRecord = layout.maxRecordLength();
        if (window.windowBytes() < maxFrameLength(layout)) {
            throw new IllegalArgumentException("a window of " + window.windowBytes() + " bytes for frames of up to "
                    + maxFrameLength(layout));
        }
    }

    /** The longest frame of a record of {@code layout}, in either version. */
    static int maxFrameLength(TelemetryLayout layout) {
        return TelemetryFrame.length(layout.maxRecordLength());
    }

    /** Reads the records from byte {@code from} (the header's length, but for tests) to the end of the file. */
    TelemetryScan read(Consumer<? super TickRecord> visitor, long from) throws IOException {
        long at = from;
        bytesRead = from;
        long partial = 0;
        while (at < fileSize) {
            int frame = frameAt(at);
            if (frame > 0) {
                visit(visitor, at, frame);
                at += frame;
            } else if (frame == PARTIAL) {
                partial = fileSize - at;
                break;
            } else {
                String why = reason(frame, at);
                long next = framed ? resync(at + 1) : fileSize;
                openDamage(at, next - at, why);
                at = next;
            }
        }
        closeDamage();
        return new TelemetryScan(header.version(), records, firstSequence, lastSequence, lastEpisode, bytesRead, fileSize,
                damagedRegions, bytesSkipped, damage, partial);
    }

    /**
     * The length of the whole, checked frame at {@code at}, or what is there instead; a frame's record is
     * then at {@link #recordIndex} of the window.
     */
    private int frameAt(long at) throws IOException {
        long left = fileSize - at;
        if (left < head) {
            return startsWithSync(at, (int) left) ? PARTIAL : NO_SYNC;
        }
        int i = window.reach(at, head);
        UnsafeBuffer b = window.buffer();
        if (framed && b.getInt(i, ByteOrder.LITTLE_ENDIAN) != TelemetryFrame.SYNC) {
            return NO_SYNC;
        }
        int length = b.getInt(i + head - 4, ByteOrder.LITTLE_ENDIAN);
        recordLength = length;
        if (length < TickRecord.HEADER_LENGTH || length > maxRecord) {
            return BAD_LENGTH;
        }
        int frame = head + length + trailer;
        if (frame > left) {
            return PARTIAL;
        }
        i = window.reach(at, frame);
        if (framed
                && TelemetryFrame.check(window.bytes(), i, length, crc) != TelemetryFrame.storedCheck(window.bytes(), i, length)) {
            return BAD_CHECK;
        }
        recordIndex = i + head;
        return fits(record.wrap(window.buffer(), recordIndex), length) ? frame : BAD_COUNTS;
    }

    /** The record's arrays are those of the layout and fill exactly its length: reading it stays inside it. */
    private boolean fits(TickRecord r, int length) {
        int probes = r.probeCount();
        int activity = r.activityCount();
        return r.sensorCount() == layout.sensorCount() && r.commandCount() == layout.commandCount() && probes >= 0
                && probes <= layout.probeCount() && activity >= 0 && activity <= layout.activityUnits() && r.length() == length;
    }

    /** The file's last {@code left} bytes (fewer than a frame's head) can be the start of one. */
    private boolean startsWithSync(long at, int left) throws IOException {
        if (!framed) {
            return true; // part of a length: any bytes can be
        }
        int i = window.reach(at, left);
        for (int k = 0; k < Math.min(left, 4); k++) {
            if (window.buffer().getByte(i + k) != (byte) (TelemetryFrame.SYNC >>> (8 * k))) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the next whole frame (or of a partial one that ends the file) from {@code from}, or the file's end. */
    private long resync(long from) throws IOException {
        byte first = (byte) TelemetryFrame.SYNC;
        for (long p = from; p < fileSize; p++) {
            if (window.buffer().getByte(window.reach(p, 1)) != first) {
                continue; // most bytes: one compare
            }
            int frame = frameAt(p);
            if (frame > 0 || frame == PARTIAL) {
                return p;
            }
        }
        return fileSize;
    }

    private void visit(Consumer<? super TickRecord> visitor, long at, int frame) {
        TickRecord r = record.wrap(window.buffer(), recordIndex);
        long sequence = r.sequence();
        if (records == 0) {
            firstSequence = sequence;
        }
        if (openOffset >= 0 && openAfter < 0) {
            openAfter = sequence;
        }
        lastSequence = sequence;
        lastEpisode = r.episode();
        records++;
        bytesRead = at + frame;
        visitor.accept(r);
    }

    private String reason(int found, long at) throws IOException {
        return switch (found) {
            case NO_SYNC -> "no frame marker where a record should start";
            case BAD_LENGTH -> String.format(Locale.ROOT, "a record length of %d bytes, where this log's records are %d to %d",
                    recordLength, TickRecord.HEADER_LENGTH, maxRecord);
            case BAD_CHECK -> "the record's CRC-32C does not match it";
            case BAD_COUNTS -> {
                TickRecord r = record.wrap(window.buffer(), window.reach(at, head + recordLength) + head);
                yield String.format(Locale.ROOT, "a record of %d sensors, %d commands, %d probes and %d activity units in %d bytes,"
                        + " where this log's have %d, %d, up to %d and up to %d", r.sensorCount(), r.commandCount(), r.probeCount(),
                        r.activityCount(), recordLength, layout.sensorCount(), layout.commandCount(), layout.probeCount(),
                        layout.activityUnits());
            }
            default -> throw new IllegalStateException("not damage: " + found);
        };
    }

    private void openDamage(long at, long skipped, String reason) {
        closeDamage();
        damagedRegions++;
        bytesSkipped += skipped;
        openOffset = at;
        openSkipped = skipped;
        openReason = reason;
        openBefore = lastSequence;
        openAfter = -1;
        recordsAtOpen = records;
    }

    private void closeDamage() {
        if (openOffset >= 0 && damage.size() < TelemetryScan.LISTED_DAMAGE) {
            damage.add(new TelemetryScan.Damage(openOffset, openSkipped, openReason, openBefore, openAfter,
                    records - recordsAtOpen));
        }
        openOffset = -1;
    }
}
