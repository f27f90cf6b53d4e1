package org.neurorig.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.latency.LatencySummary;

class CyclictestTest {

    /** The shape of `cyclictest -q -h 10000` output (rt-tests 2.4), shortened. */
    private static final String OUTPUT = """
            # /dev/cpu_dma_latency set to 0us
            000000 000000
            000005 000010
            000006 000080
            000007 000008
            000020 000001
            000021 000000
            # Total: 000000100
            # Min Latencies: 00005
            # Avg Latencies: 00006
            # Max Latencies: 12034
            # Histogram Overflows: 00001
            # Histogram Overflow at cycle number:
            # Thread 0: 00042
            """;

    @Test
    void theHistogramIsReadBackInNanosecondsWithOverflowsAtTheMax() {
        Cyclictest.Result r = Cyclictest.parse(OUTPUT, List.of("cyclictest"));
        assertEquals(100, r.histogram().getTotalCount());
        assertEquals(1, r.overflows());
        assertEquals(12034, r.maxMicros());
        LatencySummary s = LatencySummary.of(r.histogram());
        assertEquals(5, Math.round(s.min() / 1e3));
        assertEquals(6, Math.round(s.p50() / 1e3));
        assertEquals(20, Math.round(s.p99() / 1e3), "the 99th of 100 values is the one at 20 us");
        assertTrue(Math.abs(s.max() - 12_034_000) < 12_034, "max " + s.max());
    }

    @Test
    void outputWithoutAHistogramIsAnErrorNamingTheCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Cyclictest.parse("nothing useful\n", List.of("cyclictest", "-q")));
        assertEquals("cyclictest printed no histogram (cyclictest -q)", e.getMessage());
    }

    @Test
    void theCommandCarriesTheSameSettingsAsTheLoop() {
        assertEquals(List.of("/usr/bin/cyclictest", "-q", "-i", "1000", "-l", "30000", "-h", "10000", "-p", "80", "-a", "1", "-m"),
                Cyclictest.command(java.nio.file.Path.of("/usr/bin/cyclictest"), 1000, 30_000, 80, 1, true));
        assertEquals(List.of("/usr/bin/cyclictest", "-q", "-i", "500", "-l", "10", "-h", "10000"),
                Cyclictest.command(java.nio.file.Path.of("/usr/bin/cyclictest"), 500, 10, 0, -1, false));
        assertTrue(Cyclictest.installHint().contains("apt-get install rt-tests"));
    }
}
