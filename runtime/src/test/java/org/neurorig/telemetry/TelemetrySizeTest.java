package org.neurorig.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logs of any size: the reader's window moves over the file with long offsets, so records past 2 GiB and
 * 4 GiB read as those at the start do, and a window of one frame reads what a large one reads.
 */
class TelemetrySizeTest {

    private static final Duration GUARD = Duration.ofSeconds(10);

    private record Pass(List<Long> sequences, TelemetryScan scan) {
    }

    private static Pass read(TelemetryLog log, long from, int window) throws IOException {
        List<Long> sequences = new ArrayList<>();
        TelemetryScan scan = log.read(r -> {
            assertTrue(TestLogs.intact(r), "record " + r.sequence() + " read back as written");
            sequences.add(r.sequence());
        }, from, window);
        return new Pass(sequences, scan);
    }

    @Test
    void aWindowOfOneFrameReadsWhatALargeWindowReads(@TempDir Path dir) throws IOException {
        Path file = TestLogs.writeV2(dir.resolve("t.bin"), 500);
        List<Long> frames = TestLogs.frames(file);
        TestLogs.poke(file, frames.get(100) + TelemetryFrame.LENGTH_OFFSET, TestLogs.int32(-1));
        TestLogs.poke(file, frames.get(301) + TelemetryFrame.RECORD_OFFSET + 90, new byte[] {0x11, 0x22});
        TelemetryLog log = TelemetryLog.open(file);
        Pass large = read(log, frames.getFirst(), MappedWindow.DEFAULT_BYTES);
        Pass tiny = read(log, frames.getFirst(), 1); // raised to one frame: the window moves for nearly every record
        assertEquals(498, large.sequences().size());
        assertEquals(large.sequences(), tiny.sequences());
        assertEquals(large.scan(), tiny.scan());
        assertEquals(List.of(frames.get(100), frames.get(301)), tiny.scan().damage().stream().map(TelemetryScan.Damage::offset).toList());
    }

    /**
     * Records written around 2 GiB and 4 GiB into a sparse file (the bytes before them are a hole, never
     * read) and read from there: an int offset would fail at the first and silently read the wrong bytes
     * at the second.
     */
    @ParameterizedTest
    @ValueSource(longs = {(1L << 31) - 10_000, (1L << 32) - 10_000})
    void recordsPastTheIntOffsetsReadWhole(long start, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("sparse.bin");
        int records = 200;
        List<Long> frames = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(LogHeader.encode(TestLogs.LAYOUT, 0), 0);
            ByteBuffer out = ByteBuffer.allocateDirect(records * 256).order(ByteOrder.LITTLE_ENDIAN);
            CRC32C crc = new CRC32C();
            for (long seq = 0; seq < records; seq++) {
                frames.add(start + out.position());
                UnsafeBuffer r = TestLogs.record(seq);
                TelemetryFrame.append(out, r, 0, r.capacity(), crc);
            }
            ch.write(out.flip(), start);
        }
        assertTrue(frames.getLast() > start + 10_000, "the records cross the boundary");
        long damaged = frames.get(150);
        TestLogs.poke(file, damaged + TelemetryFrame.RECORD_OFFSET + 100, new byte[] {0x7F});
        TelemetryLog log = TelemetryLog.open(file);
        for (int window : new int[] {4096, MappedWindow.DEFAULT_BYTES}) {
            Pass pass = assertTimeoutPreemptively(GUARD, () -> read(log, start, window));
            assertEquals(records - 1, pass.scan().records(), "window " + window);
            assertEquals(0L, pass.sequences().getFirst());
            assertEquals(records - 1L, pass.sequences().getLast());
            assertFalse(pass.sequences().contains(150L));
            assertEquals(1, pass.scan().damagedRegions());
            assertEquals(damaged, pass.scan().damage().getFirst().offset(), "the damage's offset, past the boundary");
            assertEquals(frames.get(151) - damaged, pass.scan().damage().getFirst().bytesSkipped());
            assertEquals(Files.size(file), pass.scan().bytesRead());
            assertEquals(Files.size(file), pass.scan().fileSize());
        }
    }

    /**
     * A real log of about 2.2 GB, written by the writer record by record, reads whole, in order, with
     * every record as written, and without allocating per record.
     */
    @Test
    @Tag("soak")
    void aLogLargerThanTwoGibibytesReadsWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.bin");
        long target = (1L << 31) + (200L << 20);
        assertTrue(Files.getFileStore(dir).getUsableSpace() > 2 * target, "room for the log in " + dir);
        TelemetryWriter writer = new TelemetryWriter(new TelemetryPublisher(TestLogs.LAYOUT, 4096).ring(), TestLogs.LAYOUT, file);
        UnsafeBuffer plain = TestLogs.record(1);
        UnsafeBuffer snapshot = TestLogs.record(0);
        long records = 0;
        long bytes = 0;
        while (bytes < target) {
            UnsafeBuffer r = records % 2 == 0 ? snapshot : plain;
            TestLogs.fill(r, records, records % 2 == 0 ? 4 : 0);
            writer.onMessage(TelemetryPublisher.TICK_MSG_TYPE, r, 0, r.capacity());
            bytes += TelemetryFrame.length(r.capacity());
            records++;
        }
        writer.onClose();
        assertTrue(Files.size(file) > (1L << 31), "size " + Files.size(file));

        long[] expected = {0};
        long before = allocatedBytes();
        TelemetryScan scan = TelemetryLog.open(file).read(r -> {
            if (r.sequence() != expected[0] || !TestLogs.intact(r)) {
                throw new AssertionError("record " + expected[0] + " read as " + r.sequence());
            }
            expected[0]++;
        });
        long allocated = allocatedBytes() - before;
        assertEquals(records, scan.records());
        assertEquals(records - 1, scan.lastSequence());
        assertEquals(Files.size(file), scan.bytesRead());
        assertFalse(scan.damaged() || scan.endsInPartialRecord());
        assertTrue(allocated < 64 << 20, allocated + " bytes allocated reading " + records + " records");
        System.out.printf("read %,d records, %,d bytes; %,d bytes allocated%n", records, Files.size(file), allocated);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
