package org.neurorig.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged logs: a header that does not fit its file is refused in one line before anything is
 * allocated from it; damage among the records is reported with where it is and what was read around it,
 * never read as data; a log cut short mid-record is noted, not called damaged.
 */
class TelemetryDamageTest {

    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final int RECORDS = 2000;

    private static IOException refused(Path log) {
        return assertTimeoutPreemptively(GUARD, () -> {
            long before = allocatedBytes();
            IOException e = assertThrows(IOException.class, () -> TelemetryLog.open(log));
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 16 << 20, "refusing the header allocated " + allocated + " bytes");
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return e;
        });
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefusedWithoutAllocatingIt(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), RECORDS);
        TestLogs.poke(log, 8, TestLogs.int32(0x7FFFFFF0));
        assertEquals(log + ": the telemetry header is damaged: its length field says 2147483632 bytes; a header is 48 bytes "
                + "to 4 MiB, and the file holds " + Files.size(log), refused(log).getMessage());
    }

    @Test
    void aNegativeNameLengthIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), 10);
        TestLogs.poke(log, 48, new byte[] {(byte) 0xFB, (byte) 0xFF}); // -5
        assertTrue(refused(log).getMessage().endsWith("the telemetry header is damaged: name 1 has a length of -5 bytes, and 22 "
                + "bytes of the header are left"), refused(log).getMessage());
    }

    @Test
    void countsAndNamesThatDoNotFitTheHeaderAreRefused(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), 10);
        TestLogs.poke(log, 32, new byte[] {(byte) 0xFF, (byte) 0xFF}); // sensors: -1
        assertTrue(refused(log).getMessage().contains("it counts -1 sensors"), refused(log).getMessage());

        Path more = TestLogs.writeV2(dir.resolve("more.bin"), 10);
        TestLogs.poke(more, 32, new byte[] {(byte) 0x00, (byte) 0x10}); // 4096 sensors, names for 3
        assertTrue(refused(more).getMessage().contains("it ends after 3 of its 4097 names"), refused(more).getMessage());

        Path longer = TestLogs.writeV2(dir.resolve("longer.bin"), 10);
        TestLogs.poke(longer, 8, TestLogs.int32(72 + 8)); // 8 more than the names fill
        assertTrue(refused(longer).getMessage().contains("its names end 8 bytes before the header's length of 80"),
                refused(longer).getMessage());
    }

    @Test
    void aFlippedRecordLengthIsReportedAndTheRecordsAfterItRecovered(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), RECORDS);
        List<Long> frames = TestLogs.frames(log);
        long bad = frames.get(1000);
        TestLogs.poke(log, bad + TelemetryFrame.LENGTH_OFFSET, TestLogs.int32(123456789));
        List<Long> seen = new ArrayList<>();
        TelemetryScan scan = assertTimeoutPreemptively(GUARD, () -> TelemetryLog.open(log).read(r -> {
            assertTrue(TestLogs.intact(r), "record " + r.sequence() + " read back as written");
            seen.add(r.sequence());
        }));
        assertEquals(RECORDS - 1, scan.records());
        assertFalse(seen.contains(1000L));
        assertEquals(1999L, seen.getLast());
        assertEquals(1, scan.damagedRegions());
        TelemetryScan.Damage d = scan.damage().getFirst();
        assertEquals(bad, d.offset());
        assertEquals(frames.get(1001) - bad, d.bytesSkipped(), "exactly the damaged frame");
        assertEquals(999, d.sequenceBefore());
        assertEquals(1001, d.sequenceAfter());
        assertEquals(999, d.recordsAfter());
        assertTrue(d.reason().contains("a record length of 123456789 bytes"), d.reason());
        assertEquals(String.format(Locale.ROOT,
                "at byte %,d: %,d bytes skipped (%s); sequence 1000 missing across it; 999 records read after it",
                bad, d.bytesSkipped(), d.reason()), d.describe());
        assertFalse(scan.endsInPartialRecord());
        assertEquals(Files.size(log), scan.bytesRead());
    }

    @Test
    void aChangedByteInsideARecordFailsItsCheck(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), 100);
        long at = TestLogs.frames(log).get(40);
        TestLogs.poke(log, at + TelemetryFrame.RECORD_OFFSET + 80, new byte[] {0x55}); // sensor 0: its length and counts still fit
        TelemetryScan scan = TelemetryLog.open(log).read(r -> assertTrue(TestLogs.intact(r), "record " + r.sequence()));
        assertEquals(99, scan.records());
        assertEquals("the record's CRC-32C does not match it", scan.damage().getFirst().reason());
        assertEquals(at, scan.damage().getFirst().offset());
    }

    @Test
    void randomByteChangesAreReportedAndNoChangedRecordIsRead(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), RECORDS);
        long header = TestLogs.frames(log).getFirst();
        long size = Files.size(log);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            TestLogs.poke(log, random.nextLong(header, size), new byte[] {(byte) random.nextInt(1, 256)});
        }
        long[] previous = {-1};
        TelemetryScan scan = assertTimeoutPreemptively(GUARD, () -> TelemetryLog.open(log).read(r -> {
            assertTrue(TestLogs.intact(r), "record " + r.sequence() + " read back as written");
            assertTrue(r.sequence() > previous[0], "in order");
            previous[0] = r.sequence();
        }));
        assertTrue(scan.damaged());
        assertTrue(scan.records() > 0 && scan.records() < RECORDS, "records " + scan.records());
        assertTrue(scan.damagedRegions() > 100, "regions " + scan.damagedRegions());
        assertEquals(TelemetryScan.LISTED_DAMAGE, scan.damage().size(), "listed up to the limit, counted past it");
        long listedSkipped = scan.damage().stream().mapToLong(TelemetryScan.Damage::bytesSkipped).sum();
        assertTrue(listedSkipped < scan.bytesSkipped());
    }

    @Test
    void aLogCutMidRecordEndsInAPartialRecordAndIsNotDamaged(@TempDir Path dir) throws IOException {
        Path whole = TestLogs.writeV2(dir.resolve("whole.bin"), 50);
        long last = TestLogs.frames(whole).getLast();
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut : new int[] {1, 3, 4, 6, 8, 50, bytes.length - (int) last - 1}) {
            Path log = Files.write(dir.resolve("cut" + cut + ".bin"), java.util.Arrays.copyOf(bytes, (int) last + cut));
            TelemetryScan scan = TelemetryLog.open(log).scan();
            assertEquals(49, scan.records(), "cut " + cut);
            assertFalse(scan.damaged(), "cut " + cut + ": " + scan.damage());
            assertEquals(cut, scan.partialRecordBytes(), "cut " + cut);
            assertEquals(last, scan.bytesRead());
            assertEquals(48, scan.lastSequence());
        }
        Path atABoundary = Files.write(dir.resolve("boundary.bin"), java.util.Arrays.copyOf(bytes, (int) last));
        TelemetryScan scan = TelemetryLog.open(atABoundary).scan();
        assertEquals(49, scan.records());
        assertFalse(scan.endsInPartialRecord() || scan.damaged());
    }

    @Test
    void bytesAfterTheLastRecordThatStartNoRecordAreDamageNotAPartialRecord(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV2(dir.resolve("t.bin"), 20);
        long size = Files.size(log);
        Files.write(log, new byte[4096], java.nio.file.StandardOpenOption.APPEND); // a filesystem's zeros after a power cut
        TelemetryScan scan = TelemetryLog.open(log).scan();
        assertEquals(20, scan.records());
        assertFalse(scan.endsInPartialRecord());
        assertEquals(1, scan.damagedRegions());
        assertEquals(size, scan.damage().getFirst().offset());
        assertEquals(4096, scan.damage().getFirst().bytesSkipped());
        assertFalse(scan.damage().getFirst().recovered());
    }

    @Test
    void aVersion1LogStillReadsAndSaysWhereDamageStoppedIt(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV1(dir.resolve("v1.bin"), 300);
        TelemetryLog v1 = TelemetryLog.open(log);
        assertEquals(1, v1.version());
        assertEquals(TestLogs.LAYOUT, v1.layout());
        TelemetryScan clean = v1.read(r -> assertTrue(TestLogs.intact(r), "record " + r.sequence()));
        assertEquals(300, clean.records());
        assertEquals(299, clean.lastSequence());
        assertEquals(2, clean.lastEpisode());
        assertFalse(clean.damaged() || clean.endsInPartialRecord());

        List<Long> frames = TestLogs.frames(log);
        byte[] bytes = Files.readAllBytes(log);
        Path cut = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(bytes, frames.getLast().intValue() + 30));
        TelemetryScan partial = TelemetryLog.open(cut).scan();
        assertEquals(299, partial.records());
        assertEquals(30, partial.partialRecordBytes());
        assertFalse(partial.damaged());

        TestLogs.poke(log, frames.get(150), TestLogs.int32(-7));
        TelemetryScan damaged = TelemetryLog.open(log).scan();
        assertEquals(150, damaged.records(), "read up to the damage");
        assertEquals(1, damaged.damagedRegions());
        TelemetryScan.Damage d = damaged.damage().getFirst();
        assertEquals(frames.get(150), d.offset());
        assertEquals(bytes.length - frames.get(150), d.bytesSkipped(), "the rest of the file: version 1 cannot resynchronize");
        assertFalse(d.recovered());
        assertTrue(damaged.damageSummary().startsWith(String.format(Locale.ROOT, "damaged at byte %,d (a record length of -7 bytes",
                frames.get(150))), damaged.damageSummary());
    }

    @Test
    void aVersion1RecordWhoseCountsDoNotFitItsLengthIsDamage(@TempDir Path dir) throws IOException {
        Path log = TestLogs.writeV1(dir.resolve("v1.bin"), 100);
        long at = TestLogs.frames(log).get(10);
        TestLogs.poke(log, at + 4 + TickRecord.PROBE_COUNT_OFFSET, new byte[] {0x14, 0x4F}); // 20244 probes, as random bytes gave
        TelemetryScan scan = TelemetryLog.open(log).read(r -> assertTrue(TestLogs.intact(r)));
        assertEquals(10, scan.records());
        assertTrue(scan.damage().getFirst().reason().startsWith("a record of 2 sensors, 1 commands, 20244 probes"),
                scan.damage().getFirst().reason());
    }
}
