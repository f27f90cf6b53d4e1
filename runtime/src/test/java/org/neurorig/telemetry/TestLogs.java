package org.neurorig.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Telemetry logs for tests: written by the real writer (version 2) or in the version-1 encoding, with
 * records whose every field follows from their sequence number, so a test can tell a record read back
 * whole from one that damage changed.
 */
final class TestLogs {

    static final TelemetryLayout LAYOUT = new TelemetryLayout(List.of("dev.s0", "dev.s1"), List.of("dev.c0"), 1, 4, 2, 1_000_000);
    /** Ticks per episode of the test records. */
    static final int EPISODE = 100;

    private TestLogs() {
    }

    /** The record of sequence {@code seq}: a snapshot on even sequences, an episode end every {@link #EPISODE}. */
    static UnsafeBuffer record(long seq) {
        int activity = seq % 2 == 0 ? 4 : 0;
        UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(TickRecord.length(2, 1, 1, activity)));
        fill(b, seq, activity);
        return b;
    }

    /** Writes record {@code seq} at the start of {@code b}, with a snapshot of {@code activity} units (4 or 0). */
    static void fill(UnsafeBuffer b, long seq, int activity) {
        b.putLong(TickRecord.SEQUENCE_OFFSET, seq); // the publisher's field
        TickRecord r = new TickRecord().wrapForWrite(b, 0);
        r.counts(2, 1, 1, activity);
        r.header(seq, 1_000_000 * seq, 1_000_000 * seq + 20_000, 1_000_000 * seq + 30_000, 1_000_000 * seq + 40_000,
                1_000_000 * seq + 50_000, seq / EPISODE, (int) (seq % EPISODE), 1.0, seq % EPISODE);
        r.status(seq % EPISODE == 0 && seq > 0 ? TickRecord.FLAG_EPISODE_END | TickRecord.FLAG_TERMINAL : 0, -1, -1);
        r.sensors(new double[] {seq, -seq}).requested(new double[] {seq * 0.5}).written(new double[] {seq * 0.25})
                .probes(new double[] {seq * 1e-3});
        if (activity > 0) {
            r.activitySnapshot(new float[] {seq, seq + 1, seq + 2, seq + 3});
        }
    }

    /** Whether {@code r} is exactly the record {@link #fill} makes for its sequence number. */
    static boolean intact(TickRecord r) {
        long seq = r.sequence();
        boolean snapshot = seq % 2 == 0;
        return seq >= 0 && r.tick() == seq && r.deadlineNanos() == 1_000_000 * seq && r.wakeNanos() == 20_000
                && r.writeEndNanos() == 50_000 && r.episode() == seq / EPISODE && r.episodeTick() == seq % EPISODE
                && r.sensor(0) == seq && r.sensor(1) == -seq && r.requested(0) == seq * 0.5 && r.written(0) == seq * 0.25
                && r.probe(0) == seq * 1e-3 && r.activityCount() == (snapshot ? 4 : 0)
                && (!snapshot || r.activity(3) == (float) (seq + 3));
    }

    /** A version-2 log of {@code records} records, through the writer as the loop's thread hands them over. */
    static Path writeV2(Path file, int records) throws IOException {
        TelemetryWriter writer = new TelemetryWriter(new TelemetryPublisher(LAYOUT, 4096).ring(), LAYOUT, file);
        for (long seq = 0; seq < records; seq++) {
            UnsafeBuffer r = record(seq);
            writer.onMessage(TelemetryPublisher.TICK_MSG_TYPE, r, 0, r.capacity());
        }
        writer.onClose();
        return file;
    }

    /** A version-1 log of {@code records} records: the old header and each record after its length. */
    static Path writeV1(Path file, int records) throws IOException {
        ByteBuffer header = LogHeader.encode(LAYOUT, 0);
        header.putInt(12, 1);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(header);
            ByteBuffer out = ByteBuffer.allocate(records * 256).order(ByteOrder.LITTLE_ENDIAN);
            for (long seq = 0; seq < records; seq++) {
                UnsafeBuffer r = record(seq);
                out.putInt(r.capacity());
                byte[] bytes = new byte[r.capacity()];
                r.getBytes(0, bytes);
                out.put(bytes);
            }
            ch.write(out.flip());
        }
        return file;
    }

    /** Where each record's frame starts, walking the frames of an undamaged log (4-byte lengths in version 1). */
    static List<Long> frames(Path log) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(log)).order(ByteOrder.LITTLE_ENDIAN);
        boolean v2 = b.getInt(12) == 2;
        List<Long> at = new ArrayList<>();
        for (int p = b.getInt(8); p < b.limit(); ) {
            at.add((long) p);
            p += v2 ? TelemetryFrame.length(b.getInt(p + TelemetryFrame.LENGTH_OFFSET)) : 4 + b.getInt(p);
        }
        return at;
    }

    /** Overwrites the bytes of {@code log} at {@code offset}. */
    static void poke(Path log, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    static byte[] int32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
