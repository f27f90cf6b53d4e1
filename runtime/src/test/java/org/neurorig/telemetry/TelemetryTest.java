package org.neurorig.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryTest {

    private static TelemetryLayout layout() {
        return new TelemetryLayout(List.of("dev.s0", "dev.s1"), List.of("dev.c0"), 1, 4, 2, 1_000_000);
    }

    private static void publish(TelemetryPublisher p, long tick, boolean snapshot) {
        TickRecord r = p.claim(1, snapshot ? 4 : 0);
        if (r == null) {
            return;
        }
        r.header(tick, 1_000_000 * tick, 1_000_000 * tick + 20_000, 1_000_000 * tick + 30_000, 1_000_000 * tick + 40_000,
                1_000_000 * tick + 50_000, 0, (int) tick, 1.0, tick);
        r.status(TickRecord.FLAG_CLAMPED, -1, -1);
        r.sensors(new double[] {tick, -tick}).requested(new double[] {99}).written(new double[] {10}).probes(new double[] {0.5});
        if (snapshot) {
            r.activitySnapshot(new float[] {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f});
        }
        p.commit();
    }

    @Test
    void aFullRingDropsAndCountsAndTheGapsShowWhere() throws IOException {
        TelemetryPublisher p = new TelemetryPublisher(layout(), 4096);
        int ticks = 100;
        for (int t = 0; t < ticks; t++) {
            publish(p, t, false); // nobody reads: the ring fills, and publishing must not wait
        }
        assertTrue(p.dropped() > 0 && p.published() > 0, "dropped " + p.dropped() + ", published " + p.published());
        assertEquals(ticks, p.dropped() + p.published());
        TelemetryWriter w = new TelemetryWriter(p.ring(), layout(), null);
        w.doWork();
        publish(p, ticks, false); // room again
        w.onClose();
        assertEquals(p.published(), w.received());
        assertEquals(p.dropped(), w.missing(), "the sequence gap is exactly the number dropped");
        assertEquals(ticks, w.lastSequence());
    }

    @Test
    void aLogReadsBackRecordForRecordAndExportsCsv(@TempDir Path dir) throws IOException {
        TelemetryPublisher p = new TelemetryPublisher(layout(), 1 << 16);
        Path log = dir.resolve("t.telemetry");
        TelemetryWriter w = new TelemetryWriter(p.ring(), layout(), log);
        for (int t = 0; t < 50; t++) {
            publish(p, t, t % 2 == 0);
            w.doWork();
        }
        w.onClose();
        TelemetryLog read = TelemetryLog.open(log);
        assertEquals(layout(), read.layout());
        List<String> seen = new ArrayList<>();
        long n = read.read(r -> seen.add(r.sequence() + ":" + r.sensor(0) + ":" + r.sensor(1) + ":" + r.requested(0) + ":"
                + r.written(0) + ":" + r.probe(0) + ":" + r.activityCount() + ":" + (r.activityCount() > 0 ? r.activity(3) : -1)
                + ":" + r.wakeNanos() + ":" + r.writeEndNanos() + ":" + r.flags() + ":" + r.tripReason())).records();
        assertEquals(50, n);
        assertEquals("0:0.0:0.0:99.0:10.0:0.5:4:6.0:20000:50000:2:-1", seen.get(0));
        assertEquals("7:7.0:-7.0:99.0:10.0:0.5:0:-1.0:20000:50000:2:-1", seen.get(7));
        Path csv = dir.resolve("t.csv");
        assertEquals(50, read.exportCsv(csv).records());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(51, lines.size());
        assertTrue(lines.get(0).endsWith("dev.s0,dev.s1,dev.c0.requested,dev.c0,probe0,a0,a1,a2,a3"), lines.get(0));
        assertTrue(lines.get(2).startsWith("1,1,1000000,20000,30000,40000,50000,0,1,1.0,1.0,2,-1,-1,1.0,-1.0,99.0,10.0,0.5,,,,"),
                lines.get(2));
    }

    @Test
    void aFileThatIsNotALogIsNamed(@TempDir Path dir) throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.bin"), "hello, this is not telemetry at all, not at all......");
        IOException e = assertThrows(IOException.class, () -> TelemetryLog.open(bogus));
        assertEquals(bogus + " is not a neurorig telemetry log (no NRTELEM1 header)", e.getMessage());
    }
}
