package org.neurorig.telemetry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import org.neurorig.os.FileKind;

/**
 * A telemetry log as {@link TelemetryWriter} stores it, and the code that reads it back and exports CSV.
 *
 * <pre>
 * file   = header record*
 * header = magic "NRTELEM1" (8 bytes)
 *          header length (int32, bytes, from the start of the file; 48 to 4 MiB and at most the file's size)
 *          version (int32: 2 is written, 1 and 2 are read)
 *          period (int64, ns)
 *          start (int64, ms since the epoch, wall clock)
 *          sensors (int16)  commands (int16)  probes (int16)  activity units (int16)
 *          activity every (int32, ticks)
 *          reserved (int32, 0)
 *          names: sensors + commands strings, each a length (int16) then UTF-8 bytes, filling the header exactly
 * record = version 2: sync '~NR~' (4 bytes)  length (int32)  one {@link TickRecord} of that length
 *                     CRC-32C of length and record (int32)           ({@link TelemetryFrame} has the diagram)
 *          version 1: length (int32)  one {@link TickRecord} of that length
 * </pre>
 * All little-endian. A log of any size is read through a moving mapped window, in memory independent of
 * its length. The header is checked against the file's size and sane bounds before anything is allocated
 * from it. Each record is checked before a reader sees it: its length and array counts against the layout,
 * and in version 2 its CRC-32C. Damage is reported ({@link TelemetryScan#damage()}), never read as data: in
 * version 2 reading resumes at the next frame whose check holds; version 1 has nothing to find the next
 * record by, so reading stops there. A log cut short by a crash ends with at most one partial record, which
 * is ignored and noted ({@link TelemetryScan#endsInPartialRecord()}).
 */
public final class TelemetryLog {

    private final Path path;
    private final LogHeader header;

    private TelemetryLog(Path path, LogHeader header) {
        this.path = path;
        this.header = header;
    }

    /**
     * Opens a log and reads its header.
     *
     * @throws IOException one line naming the file and what is wrong: not a log, a version this code does not
     *                     read, or a damaged header (a length, count or name that does not fit the file)
     */
    public static TelemetryLog open(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) { // a FIFO would block the open, a device never end
            throw new IOException(path + " is " + FileKind.describe(path, attributes) + ", not a telemetry log");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return new TelemetryLog(path, LogHeader.read(path, ch));
        }
    }

    public TelemetryLayout layout() {
        return header.layout();
    }

    /** Wall-clock time the log was started, ms since the epoch. */
    public long startMillis() {
        return header.startMillis();
    }

    /** The log's format version: 1 (records without checks) or 2 (each record framed and checked). */
    public int version() {
        return header.version();
    }

    /**
     * Calls {@code visitor} with each whole, checked record in file order (the same flyweight, re-pointed
     * each time: valid only during the call) and returns what the pass found: the count, the sequence
     * numbers, damage and a partial record at the end. Damage does not throw; an I/O failure does.
     */
    public TelemetryScan read(Consumer<? super TickRecord> visitor) throws IOException {
        return read(visitor, header.length(), MappedWindow.DEFAULT_BYTES);
    }

    /**
     * How far the log goes and where it is damaged, without visiting records: for a run whose process was
     * killed, the telemetry holds records up to {@link TelemetryScan#lastSequence()}.
     */
    public TelemetryScan scan() throws IOException {
        return read(r -> { }, header.length(), MappedWindow.DEFAULT_BYTES);
    }

    /**
     * {@link #read(Consumer)} from byte {@code from} through a window of {@code windowBytes} (raised to one
     * frame at least): tests reach far offsets and many window moves with these.
     */
    TelemetryScan read(Consumer<? super TickRecord> visitor, long from, int windowBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size(); // once: a log still being written grows, and window and reader must agree
            int windowSize = Math.max(windowBytes, LogReader.maxFrameLength(header.layout()));
            try (MappedWindow window = new MappedWindow(ch, size, windowSize)) {
                return new LogReader(header, window, size).read(visitor, from);
            }
        }
    }

    /**
     * Writes the log as CSV: one row per record, one column per field, sensor and command columns
     * named from the layout; activity snapshots as columns {@code a0..}, empty on ticks without one.
     * Numbers in Java's shortest text that reads back as the same double (NaN and infinities spelled out).
     * Returns what the pass over the log found: {@link TelemetryScan#records()} rows, and any damage.
     */
    public TelemetryScan exportCsv(Path csv) throws IOException {
        TelemetryLayout layout = header.layout();
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder head = new StringBuilder(
                    "sequence,tick,deadline_ns,wake_ns,read_end_ns,update_end_ns,write_end_ns,episode,episode_tick,reward,"
                            + "episode_return,flags,trip_reason,trip_device");
            for (String s : layout.sensorNames()) {
                head.append(',').append(s);
            }
            for (String c : layout.commandNames()) {
                head.append(',').append(c).append(".requested");
            }
            for (String c : layout.commandNames()) {
                head.append(',').append(c);
            }
            for (int i = 0; i < layout.probeCount(); i++) {
                head.append(",probe").append(i);
            }
            for (int i = 0; i < layout.activityUnits(); i++) {
                head.append(",a").append(i);
            }
            out.write(head.append('\n').toString());
            StringBuilder row = new StringBuilder(1024);
            char[][] chars = {new char[1024]};
            IOException[] failure = new IOException[1];
            TelemetryScan scan = read(r -> {
                row.setLength(0);
                row.append(r.sequence()).append(',').append(r.tick()).append(',').append(r.deadlineNanos()).append(',')
                        .append(r.wakeNanos()).append(',').append(r.readEndNanos()).append(',').append(r.updateEndNanos())
                        .append(',').append(r.writeEndNanos()).append(',').append(r.episode()).append(',')
                        .append(r.episodeTick()).append(',').append(r.reward()).append(',').append(r.episodeReturn())
                        .append(',').append(r.flags()).append(',').append(r.tripReason()).append(',').append(r.tripDevice());
                for (int i = 0; i < r.sensorCount(); i++) {
                    row.append(',').append(r.sensor(i));
                }
                for (int i = 0; i < r.commandCount(); i++) {
                    row.append(',').append(r.requested(i));
                }
                for (int i = 0; i < r.commandCount(); i++) {
                    row.append(',').append(r.written(i));
                }
                for (int i = 0; i < layout.probeCount(); i++) {
                    row.append(',');
                    if (i < r.probeCount()) {
                        row.append(r.probe(i));
                    }
                }
                for (int i = 0; i < layout.activityUnits(); i++) {
                    row.append(',');
                    if (i < r.activityCount()) {
                        row.append((double) r.activity(i)); // as before: the float widened, all its digits
                    }
                }
                row.append('\n');
                if (failure[0] == null) {
                    try {
                        if (chars[0].length < row.length()) {
                            chars[0] = new char[2 * row.length()];
                        }
                        row.getChars(0, row.length(), chars[0], 0); // no String per row: a long log's export makes no garbage
                        out.write(chars[0], 0, row.length());
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return scan;
        }
    }

}
