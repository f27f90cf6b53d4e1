package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.wakeup.Cyclictest;

class LatencyCommandTest {


    @Test
    void badValuesAreOneLineEach() {
        CliRun d = CliRun.of("latency", "--duration", "3x");
        assertEquals(2, d.code());
        assertEquals("neurorig latency: --duration '3x' is not a duration: expected a number and a unit, e.g. 30s, 500ms, 2m or 1h",
                d.err().strip());
        CliRun r = CliRun.of("latency", "--rate", "3000");
        assertEquals("neurorig latency: --rate 3000: the period 1/3000 s is not a whole number of microseconds (cyclictest's "
                + "unit); try 1000, 2000, 4000 or 5000", r.err().strip());
        CliRun p = CliRun.of("latency", "--priority", "120");
        assertEquals("neurorig latency: priority 120 is out of range: expected 1 to 99 for SCHED_FIFO, or 0 for the normal scheduler",
                p.err().strip());
        CliRun w = CliRun.of("latency", "--wait", "nap");
        assertEquals("neurorig latency: --wait nap: expected sleep, spin-then-sleep or spin", w.err().strip());
        CliRun l = CliRun.of("latency", "--learning", "bp");
        assertEquals("neurorig latency: --learning bp: expected none or np", l.err().strip());
        CliRun n = CliRun.of("latency", "--learning", "np", "--network", "0");
        assertEquals("neurorig latency: --learning np needs a network: drop --network 0", n.err().strip());
    }

    /**
     * A short real run: the loop on its own thread with SCHED_FIFO and pinning (when this process may),
     * cyclictest beside it (when installed), the PNG and an interval log that HdrHistogram reads.
     * mlockall is left out: it would lock this whole test JVM.
     */
    @Test
    @Timeout(120)
    void aShortRunWithLearningPrintsTheSummaryAndWritesThePlotAndTheIntervalLog(@TempDir Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean cyclictest = Cyclictest.find().isPresent();
        List<String> args = new ArrayList<>(List.of("latency", "--duration", "1s", "--warmup", "200ms", "--network", "32", "--learning", "np",
                "--no-mlock", "--out", dir.toString()));
        if (root) {
            args.addAll(List.of("--priority", "50", "--cpu", "0"));
        }
        if (cyclictest) {
            args.add("--vs-cyclictest");
        }
        CliRun o = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().contains("\nrun folder: " + dir.toAbsolutePath() + " (latency.png; latency.hlog, an HdrHistogram "
                + "interval log"), o.out());
        assertTrue(o.out().contains("controller: network N=32 on the cart-pole with online node perturbation"), o.out());
        // the machine, JVM, vector width and commit above the figures, and the same text in the run folder
        assertTrue(o.out().startsWith("machine: ") && o.out().contains("\ncommit: "), o.out());
        String kept = java.nio.file.Files.readString(dir.resolve("summary.txt"));
        assertTrue(kept.startsWith("machine: ") && kept.contains("\nwake-up latency (us)")
                && kept.contains("\nrun folder: "), kept);
        assertEquals(o.out().substring(o.out().indexOf("machine: ")), kept, "summary.txt holds what was printed");
        assertTrue(o.out().contains("wake-up latency (us)") && o.out().contains("\nneurorig "), o.out());
        assertTrue(o.out().contains("compute per tick (us)") && o.out().contains("\nupdate "), o.out());
        assertTrue(o.out().contains("GC during the measured run: "), o.out());
        if (root) {
            assertTrue(o.out().contains("set     SCHED_FIFO priority 50") && o.out().contains("set     pinned to CPU 0"), o.out());
        }
        if (cyclictest) {
            assertTrue(o.out().contains("\ncyclictest ") && o.out().contains("p99 neurorig / cyclictest: "), o.out());
            assertTrue(o.out().contains("-i 1000 -l 1000 -h 10000"), "same period, same count: " + o.out());
        }
        byte[] png = Files.readAllBytes(dir.resolve("latency.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
        Map<String, Long> counts = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve("latency.hlog").toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                counts.merge(h.getTag(), ((org.HdrHistogram.Histogram) h).getTotalCount(), Long::sum);
            }
        }
        long wake = counts.getOrDefault("wake-up", 0L);
        assertEquals(1000L, wake, "exactly the 1000 ticks of 1 s at 1 kHz after the warm-up: " + counts);
        assertEquals(wake, counts.get("tick"));
    }

    /** Without CAP_SYS_NICE (setpriv drops it from root), asking for a priority is one line and exit code 2. */
    @Test
    @Timeout(60)
    void noPermissionForARealTimePriorityIsOneClearLine(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && "root".equals(System.getProperty("user.name")),
                "needs root and setpriv to run a child without CAP_SYS_NICE");
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-sys_nice",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "latency", "--priority", "80",
                "--duration", "1s", "--warmup", "100ms", "--network", "0", "--no-mlock", "--out",
                dir.resolve("run").toString()));
        Process p = new ProcessBuilder(cmd).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertFalse(Files.exists(dir.resolve("run")), "a run that never started leaves no run folder");
        List<String> lines = err.lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
        assertEquals(1, lines.size(), err);
        assertEquals("neurorig latency: SCHED_FIFO priority 80: EPERM (Operation not permitted): not permitted: run as root, "
                + "or grant CAP_SYS_NICE (setcap cap_sys_nice+ep on the java binary), or allow it with an rtprio line in "
                + "/etc/security/limits.conf", lines.get(0));
    }
}
