package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryPublisher;
import org.neurorig.telemetry.TelemetryWriter;
import org.neurorig.telemetry.TickRecord;

class TelemetryCommandTest {

    @Test
    void summarizesALogWithItsGapsAndExportsCsv(@TempDir Path dir) throws Exception {
        TelemetryLayout layout = new TelemetryLayout(List.of("p.s0"), List.of("p.c0"), 0, 0, 1, 1_000_000);
        TelemetryPublisher pub = new TelemetryPublisher(layout, 4096);
        Path log = dir.resolve("run.telemetry");
        TelemetryWriter writer = new TelemetryWriter(pub.ring(), layout, log);
        for (int t = 0; t < 300; t++) {
            TickRecord r = pub.claim(0, 0);
            if (r != null) {
                r.header(t, t * 1_000_000L, t * 1_000_000L + 15_000, 0, 0, 0, 0, t, 1, t);
                r.status(t == 7 ? TickRecord.FLAG_EPISODE_END | TickRecord.FLAG_TERMINAL : 0, -1, -1);
                r.sensors(new double[] {t}).requested(new double[] {0}).written(new double[] {0});
                pub.commit();
            }
            if (t >= 200) {
                writer.doWork(); // the first 200 overflow the 4 KiB ring: dropped and counted
            }
        }
        writer.onClose();
        Path csv = dir.resolve("run.csv");
        CliRun o = CliRun.of("telemetry", log.toString(), "--csv", csv.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("records " + pub.published() + " (sequence 0 to 299), missing " + pub.dropped()), o.out());
        assertTrue(o.out().contains("episodes ended 1 (1 terminal)"), o.out());
        assertEquals(pub.published() + 1, Files.readAllLines(csv).size());
    }

    /** A log of {@code records} records through the real writer, no gaps: sequence = tick = sensor 0. */
    private static Path log(Path file, int records) throws Exception {
        TelemetryLayout layout = new TelemetryLayout(List.of("p.s0"), List.of("p.c0"), 0, 0, 1, 1_000_000);
        TelemetryPublisher pub = new TelemetryPublisher(layout, 1 << 20);
        TelemetryWriter writer = new TelemetryWriter(pub.ring(), layout, file);
        for (int t = 0; t < records; t++) {
            TickRecord r = pub.claim(0, 0);
            r.header(t, t * 1_000_000L, t * 1_000_000L + 15_000, 0, 0, 0, t / 100, t % 100, 1, t % 100);
            r.status(t % 100 == 0 && t > 0 ? TickRecord.FLAG_EPISODE_END | TickRecord.FLAG_TERMINAL : 0, -1, -1);
            r.sensors(new double[] {t}).requested(new double[] {0}).written(new double[] {0});
            pub.commit();
            writer.doWork();
        }
        writer.onClose();
        return file;
    }

    /** Where each record's frame starts, from the log format: sync, length, record, CRC-32C. */
    private static List<Integer> frames(Path log) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(log)).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> at = new ArrayList<>();
        for (int p = b.getInt(8); p < b.limit(); p += 12 + b.getInt(p + 4)) {
            at.add(p);
        }
        return at;
    }

    private static void poke(Path log, long offset, byte... bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    @Test
    void aDamagedLogIsSummarizedAroundTheDamageWhichIsListedAndExitsFour(@TempDir Path dir) throws Exception {
        Path log = log(dir.resolve("run.telemetry"), 2000);
        int bad = frames(log).get(1000);
        poke(log, bad + 4, (byte) 0x15, (byte) 0xCD, (byte) 0x5B, (byte) 0x07); // length 123456789
        Path csv = dir.resolve("run.csv");
        CliRun o = CliRun.of("telemetry", log.toString(), "--csv", csv.toString());
        assertEquals(TelemetryCommand.DAMAGED, o.code(), o.err());
        assertEquals(4, o.code(), "the exit code the help documents");
        assertTrue(o.out().contains("records 1999 (sequence 0 to 1999), missing 1"), o.out());
        assertTrue(o.out().contains("damaged: 1 region, 116 bytes skipped; 1,999 records read around it"), o.out());
        assertTrue(o.out().contains(String.format(Locale.ROOT, "  at byte %,d: 116 bytes skipped (a record length of 123456789 "
                + "bytes, where this log's records are 80 to 104); sequence 1000 missing across it; 999 records read after it", bad)),
                o.out());
        assertEquals(1999 + 1, Files.readAllLines(csv).size(), "the CSV holds what could be read");
    }

    @Test
    void manyDamagedRegionsAreCountedPastTheListed(@TempDir Path dir) throws Exception {
        Path log = log(dir.resolve("run.telemetry"), 200);
        List<Integer> frames = frames(log);
        for (int i = 0; i < 60; i++) {
            poke(log, frames.get(3 * i + 1) + 20, (byte) 0x5A); // inside the record: its check fails
        }
        CliRun o = CliRun.of("telemetry", log.toString());
        assertEquals(4, o.code());
        assertTrue(o.out().contains("damaged: 60 regions, 6,960 bytes skipped; 140 records read around them"), o.out());
        assertEquals(20, o.out().lines().filter(l -> l.startsWith("  at byte ")).count(), o.out());
        assertTrue(o.out().contains("  and 40 more damaged regions"), o.out());
    }

    @Test
    void aLogCutMidRecordIsReadWholeAndTheCutNoted(@TempDir Path dir) throws Exception {
        Path log = log(dir.resolve("run.telemetry"), 300);
        int last = frames(log).getLast();
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(last + 50);
        }
        CliRun o = CliRun.of("telemetry", log.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("records 299 (sequence 0 to 298), missing 0"), o.out());
        assertTrue(o.out().contains(String.format(Locale.ROOT, "ends in a partial record (the writer stopped mid-record): its 50 "
                + "bytes at byte %,d are ignored", last)), o.out());
        assertTrue(!o.out().contains("damaged"), o.out());
    }

    @Test
    void aHostileHeaderIsOneLineAndExitsTwoQuickly(@TempDir Path dir) throws Exception {
        Path huge = log(dir.resolve("huge.telemetry"), 100);
        poke(huge, 8, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F); // header length 0x7FFFFFF0
        CliRun h = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of("telemetry", huge.toString()));
        assertEquals(2, h.code());
        assertEquals("neurorig telemetry: " + huge + ": the telemetry header is damaged: its length field says 2147483632 bytes; "
                + "a header is 48 bytes to 4 MiB, and the file holds " + Files.size(huge), h.err().strip());
        assertEquals("", h.out());

        Path negative = log(dir.resolve("negative.telemetry"), 100);
        poke(negative, 48, (byte) 0xFB, (byte) 0xFF); // the first name's length: -5
        CliRun n = CliRun.of("telemetry", negative.toString());
        assertEquals(2, n.code());
        assertEquals(1, n.err().strip().lines().count(), n.err());
        assertTrue(n.err().contains("the telemetry header is damaged: name 1 has a length of -5 bytes"), n.err());
    }

    @Test
    void theHelpDocumentsTheExitCodes() {
        CliRun o = CliRun.of("telemetry", "--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("Exit codes:"), o.out());
        assertTrue(o.out().matches("(?s).*\\s4\\s+the log is damaged.*"), o.out());
        assertTrue(o.out().matches("(?s).*\\s2\\s+no log was read.*"), o.out());
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        CliRun o = CliRun.of("telemetry", dir.resolve("nope").toString());
        assertEquals(2, o.code());
        assertEquals("neurorig telemetry: " + dir.resolve("nope") + " does not exist or is not a file", o.err().strip());
    }
}
