package org.neurorig.telemetry;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;

/**
 * One record as a version-2 log frames it: a marker a reader can search for after damage, the length,
 * the {@link TickRecord} unchanged, and a CRC-32C of length and record, so damage is detected rather than
 * read as data, and reading resumes at the next frame whose check holds.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |             sync: the bytes '~' 'N' 'R' '~' (int32)           |  0
 * +---------------------------------------------------------------+
 * |                  length L (int32, record bytes)               |  4
 * +---------------------------------------------------------------+
 * |  record: one TickRecord of L bytes                           ...  8
 * +---------------------------------------------------------------+
 * |              CRC-32C of length and record (int32)             |  8 + L
 * +---------------------------------------------------------------+
 * </pre>
 * Little-endian. Computed on the writer's thread: the loop's publisher does not change.
 */
final class TelemetryFrame {

    /** '~' 'N' 'R' '~' read as a little-endian int32. */
    static final int SYNC = 0x7E524E7E;
    static final int LENGTH_OFFSET = 4;
    static final int RECORD_OFFSET = 8;
    static final int CHECK_LENGTH = 4;
    static final int OVERHEAD = RECORD_OFFSET + CHECK_LENGTH;

    private TelemetryFrame() {
    }

    /** The length in bytes of the frame of a record of {@code recordLength} bytes. */
    static int length(int recordLength) {
        return OVERHEAD + recordLength;
    }

    /**
     * Appends the frame of {@code length} record bytes at {@code index} of {@code record} to {@code out}
     * (little-endian, with room for it) and advances its position. Allocates nothing.
     */
    static void append(ByteBuffer out, DirectBuffer record, int index, int length, CRC32C crc) {
        int at = out.position();
        out.putInt(at, SYNC).putInt(at + LENGTH_OFFSET, length);
        record.getBytes(index, out, at + RECORD_OFFSET, length);
        int end = at + RECORD_OFFSET + length;
        out.putInt(end, check(out, at, length, crc));
        out.position(end + CHECK_LENGTH);
    }

    /**
     * The CRC-32C of the length and record of the frame at {@code at} of {@code in} (whose position and
     * limit it uses and restores).
     */
    static int check(ByteBuffer in, int at, int recordLength, CRC32C crc) {
        int position = in.position();
        int limit = in.limit();
        in.limit(at + RECORD_OFFSET + recordLength).position(at + LENGTH_OFFSET);
        crc.reset();
        crc.update(in);
        in.limit(limit).position(position);
        return (int) crc.getValue();
    }

    /** The check a frame stores, as {@link #check} computes it, read from the frame at {@code at}. */
    static int storedCheck(ByteBuffer in, int at, int recordLength) {
        return in.getInt(at + RECORD_OFFSET + recordLength);
    }
}
