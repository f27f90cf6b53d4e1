package org.neurorig.telemetry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A telemetry log as {@link TelemetryWriter} stores it, and the code that reads it back and exports CSV.
 *
 * <pre>
 * file   = header record*
 * header = magic "NRTELEM1" (8 bytes)
 *          header length (int32, bytes, from the start of the file)
 *          version (int32, 1)
 *          period (int64, ns)
 *          start (int64, ms since the epoch, wall clock)
 *          sensors (int16)  commands (int16)  probes (int16)  activity units (int16)
 *          activity every (int32, ticks)
 *          names: sensors + commands strings, each a length (int16) then UTF-8 bytes
 * record = length (int32) then one {@link TickRecord} of that length
 * </pre>
 * All little-endian. A log cut short (a crash) ends with at most one partial record, which is ignored.
 */
public final class TelemetryLog {

    static final byte[] MAGIC = "NRTELEM1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private final Path path;
    private final TelemetryLayout layout;
    private final long startMillis;
    private final int headerLength;

    private TelemetryLog(Path path, TelemetryLayout layout, long startMillis, int headerLength) {
        this.path = path;
        this.layout = layout;
        this.startMillis = startMillis;
        this.headerLength = headerLength;
    }

    static ByteBuffer encodeHeader(TelemetryLayout layout, long startMillis) {
        List<byte[]> names = new ArrayList<>();
        int namesLength = 0;
        for (String s : layout.sensorNames()) {
            names.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (String s : layout.commandNames()) {
            names.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] b : names) {
            namesLength += 2 + b.length;
        }
        int length = 48 + namesLength;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(length).putInt(VERSION).putLong(layout.periodNanos()).putLong(startMillis);
        b.putShort((short) layout.sensorCount()).putShort((short) layout.commandCount())
                .putShort((short) layout.probeCount()).putShort((short) layout.activityUnits());
        b.putInt(layout.activityEvery()).putInt(0);
        for (byte[] name : names) {
            b.putShort((short) name.length).put(name);
        }
        return b.flip();
    }

    /** Opens a log and reads its header; the message names the file and what is wrong with it. */
    public static TelemetryLog open(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer fixed = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
            while (fixed.hasRemaining() && ch.read(fixed) > 0) {
                // fill
            }
            byte[] magic = new byte[MAGIC.length];
            boolean complete = fixed.position() == 48;
            fixed.flip().get(magic);
            if (!complete || !java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(path + " is not a neurorig telemetry log (no NRTELEM1 header)");
            }
            int headerLength = fixed.getInt();
            int version = fixed.getInt();
            if (version != VERSION) {
                throw new IOException(path + " is a telemetry log of version " + version + "; this neurorig reads version " + VERSION);
            }
            long period = fixed.getLong();
            long start = fixed.getLong();
            int sensors = fixed.getShort();
            int commands = fixed.getShort();
            int probes = fixed.getShort();
            int activity = fixed.getShort();
            int every = fixed.getInt();
            ByteBuffer namesBuf = ByteBuffer.allocate(headerLength - 48).order(ByteOrder.LITTLE_ENDIAN);
            while (namesBuf.hasRemaining() && ch.read(namesBuf) > 0) {
                // fill
            }
            namesBuf.flip();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < sensors + commands; i++) {
                byte[] name = new byte[namesBuf.getShort()];
                namesBuf.get(name);
                names.add(new String(name, StandardCharsets.UTF_8));
            }
            TelemetryLayout layout = new TelemetryLayout(names.subList(0, sensors), names.subList(sensors, sensors + commands),
                    probes, activity, every, period);
            return new TelemetryLog(path, layout, start, headerLength);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(path + ": the telemetry header is cut short", e);
        }
    }

    public TelemetryLayout layout() {
        return layout;
    }

    /** Wall-clock time the log was started, ms since the epoch. */
    public long startMillis() {
        return startMillis;
    }

    /**
     * Calls {@code visitor} with each record in order (the same flyweight, re-pointed each time); returns
     * how many records there were. The whole file is mapped: logs up to 2 GB (about 10 million records).
     */
    public long forEach(Consumer<TickRecord> visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            TickRecord record = new TickRecord();
            long count = 0;
            long at = headerLength;
            while (at + 4 <= size) {
                int length = buffer.getInt((int) at, ByteOrder.LITTLE_ENDIAN);
                if (length < TickRecord.HEADER_LENGTH || at + 4 + length > size) {
                    break; // a record cut short by a crash
                }
                visitor.accept(record.wrap(buffer, (int) at + 4));
                count++;
                at += 4 + length;
            }
            return count;
        }
    }

    /**
     * Writes the log as CSV: one row per record, one column per field, sensor and command columns
     * named from the layout; activity snapshots as columns {@code a0..}, empty on ticks without one.
     * Returns the number of rows.
     */
    public long exportCsv(Path csv) throws IOException {
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
            IOException[] failure = new IOException[1];
            long rows = forEach(r -> {
                row.setLength(0);
                row.append(r.sequence()).append(',').append(r.tick()).append(',').append(r.deadlineNanos()).append(',')
                        .append(r.wakeNanos()).append(',').append(r.readEndNanos()).append(',').append(r.updateEndNanos())
                        .append(',').append(r.writeEndNanos()).append(',').append(r.episode()).append(',')
                        .append(r.episodeTick()).append(',').append(num(r.reward())).append(',').append(num(r.episodeReturn()))
                        .append(',').append(r.flags()).append(',').append(r.tripReason()).append(',').append(r.tripDevice());
                for (int i = 0; i < r.sensorCount(); i++) {
                    row.append(',').append(num(r.sensor(i)));
                }
                for (int i = 0; i < r.commandCount(); i++) {
                    row.append(',').append(num(r.requested(i)));
                }
                for (int i = 0; i < r.commandCount(); i++) {
                    row.append(',').append(num(r.written(i)));
                }
                for (int i = 0; i < r.probeCount(); i++) {
                    row.append(',').append(num(r.probe(i)));
                }
                for (int i = 0; i < layout.activityUnits(); i++) {
                    row.append(',');
                    if (i < r.activityCount()) {
                        row.append(num(r.activity(i)));
                    }
                }
                row.append('\n');
                if (failure[0] == null) {
                    try {
                        out.write(row.toString());
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return rows;
        }
    }

    /** Shortest text that reads back as the same double (Java's own repr), NaN and infinities spelled out. */
    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : String.format(Locale.ROOT, "%s", v);
    }
}
