package org.neurorig.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.neurorig.os.PositionedRead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header of a telemetry log ({@link TelemetryLog} has its diagram): written by {@link TelemetryWriter},
 * and read back with every field checked against the file's size and sane bounds before anything is
 * allocated from it, so a damaged or hostile header costs a few hundred bytes and one line of text.
 *
 * @param version     1 (records framed by their length alone) or 2 (framed and checked, {@link TelemetryFrame})
 * @param length      bytes from the start of the file to the first record
 * @param layout      the records' shape
 * @param startMillis wall-clock time the log was started, ms since the epoch
 */
record LogHeader(int version, int length, TelemetryLayout layout, long startMillis) {

    static final byte[] MAGIC = "NRTELEM1".getBytes(StandardCharsets.US_ASCII);
    /** The version {@link TelemetryWriter} writes. */
    static final int VERSION = 2;
    static final int FIXED_LENGTH = 48;
    /**
     * Room for the longest names a layout can have (32,767 sensors and commands each, names of ~60 bytes);
     * a header claiming more is damaged, and must not make a reader allocate it.
     */
    static final int MAX_LENGTH = 4 << 20;

    /** The header of a new log, in the current version. */
    static ByteBuffer encode(TelemetryLayout layout, long startMillis) {
        List<byte[]> names = new ArrayList<>();
        for (String s : layout.sensorNames()) {
            names.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (String s : layout.commandNames()) {
            names.add(s.getBytes(StandardCharsets.UTF_8));
        }
        long length = FIXED_LENGTH;
        for (byte[] name : names) {
            if (name.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("telemetry: a sensor or command name of " + name.length
                        + " bytes; names are at most " + Short.MAX_VALUE + " bytes of UTF-8");
            }
            length += 2 + name.length;
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("telemetry: the names take " + length + " bytes; a log header holds at most "
                    + MAX_LENGTH);
        }
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt((int) length).putInt(VERSION).putLong(layout.periodNanos()).putLong(startMillis);
        b.putShort((short) layout.sensorCount()).putShort((short) layout.commandCount())
                .putShort((short) layout.probeCount()).putShort((short) layout.activityUnits());
        b.putInt(layout.activityEvery()).putInt(0);
        for (byte[] name : names) {
            b.putShort((short) name.length).put(name);
        }
        return b.flip();
    }

    /**
     * Reads and checks the header of {@code path}.
     *
     * @throws IOException one line naming the file and what is wrong with its header
     */
    static LogHeader read(Path path, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        ByteBuffer fixed = PositionedRead.bytes(ch, 0, (int) Math.min(FIXED_LENGTH, fileSize));
        byte[] magic = new byte[MAGIC.length];
        if (fixed.remaining() < FIXED_LENGTH || !Arrays.equals(magic(fixed, magic), MAGIC)) {
            throw new IOException(path + " is not a neurorig telemetry log (no NRTELEM1 header)");
        }
        int length = fixed.getInt();
        int version = fixed.getInt();
        if (version != 1 && version != VERSION) {
            throw new IOException(path + " is a telemetry log of version " + version + "; this neurorig reads versions 1 and "
                    + VERSION);
        }
        if (length < FIXED_LENGTH || length > fileSize || length > MAX_LENGTH) {
            throw bad(path, "its length field says " + length + " bytes; a header is " + FIXED_LENGTH + " bytes to 4 MiB, "
                    + "and the file holds " + fileSize);
        }
        long period = fixed.getLong();
        long start = fixed.getLong();
        int sensors = fixed.getShort();
        int commands = fixed.getShort();
        int probes = fixed.getShort();
        int activity = fixed.getShort();
        int every = fixed.getInt();
        if (sensors < 0 || commands < 0 || probes < 0 || activity < 0) {
            throw bad(path, "it counts " + sensors + " sensors, " + commands + " commands, " + probes + " probes and "
                    + activity + " activity units; none can be negative");
        }
        if (period <= 0 || every < 1) {
            throw bad(path, "it gives a period of " + period + " ns and an activity snapshot every " + every
                    + " ticks; both must be positive");
        }
        ByteBuffer names = PositionedRead.bytes(ch, FIXED_LENGTH, length - FIXED_LENGTH);
        List<String> read = new ArrayList<>(Math.min(sensors + commands, names.remaining() / 2));
        for (int i = 0; i < sensors + commands; i++) {
            if (names.remaining() < 2) {
                throw bad(path, "it ends after " + i + " of its " + (sensors + commands) + " names");
            }
            int n = names.getShort();
            if (n < 0 || n > names.remaining()) {
                throw bad(path, "name " + (i + 1) + " has a length of " + n + " bytes, and " + names.remaining()
                        + " bytes of the header are left");
            }
            byte[] name = new byte[n];
            names.get(name);
            read.add(new String(name, StandardCharsets.UTF_8));
        }
        if (names.hasRemaining()) {
            throw bad(path, "its names end " + names.remaining() + " bytes before the header's length of " + length);
        }
        TelemetryLayout layout;
        try {
            layout = new TelemetryLayout(read.subList(0, sensors), read.subList(sensors, sensors + commands), probes, activity,
                    every, period);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
        return new LogHeader(version, length, layout, start);
    }

    private static byte[] magic(ByteBuffer fixed, byte[] into) {
        if (fixed.remaining() >= into.length) {
            fixed.get(into);
        }
        return into;
    }

    private static IOException bad(Path path, String what) {
        return new IOException(path + ": the telemetry header is damaged: " + what);
    }
}
