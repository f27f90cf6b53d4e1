package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        CliRun o = CliRun.of("telemetry", dir.resolve("nope").toString());
        assertEquals(2, o.code());
        assertEquals("neurorig telemetry: " + dir.resolve("nope") + " does not exist or is not a file", o.err().strip());
    }
}
