package org.neurorig.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The OS calls for real, on a thread of their own (so the test JVM's other threads keep their
 * scheduling). mlockall is not tried here: it would lock this whole JVM; the process test
 * ({@code RealTimeProcessTest}) covers it in a child JVM.
 */
class RealTimeSetupTest {

    private static boolean privileged() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseLong(line.substring(7).trim(), 16);
                    return (caps & (1L << 23)) != 0; // CAP_SYS_NICE
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    @Test
    void fifoPriorityAndPinningAreAppliedToTheCallingThread() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "needs Linux's /proc");
        assumeTrue(privileged(), "SCHED_FIFO needs CAP_SYS_NICE (root); RealTimeProcessTest covers the refusal");
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            RealTimeReport report = RealTimeSetup.apply(new RealTimeSettings(10, 0, false));
            try {
                String[] stat = Files.readString(Path.of("/proc/thread-self/stat")).replaceAll("^.*\\) ", "").split(" ");
                // after "pid (comm) ", field 3 is index 0: rt_priority is field 40, policy field 41
                String allowed = Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                        .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().split(":")[1].trim();
                String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString(); // /proc/PID/task/TID
                seen.set(new Object[] {report, stat[37], stat[38], allowed, tid});
            } catch (Exception e) {
                seen.set(new Object[] {report, e.toString(), "", "", ""});
            }
        });
        t.start();
        t.join();
        RealTimeReport report = (RealTimeReport) seen.get()[0];
        assertTrue(report.allApplied(), report.render());
        assertEquals("10", seen.get()[1], "rt_priority");
        assertEquals("1", seen.get()[2], "policy SCHED_FIFO");
        assertEquals("0", seen.get()[3], "pinned to CPU 0");
        assertEquals(seen.get()[4], String.valueOf(report.threadId()), "the report names the thread it applied to");
    }

    @Test
    void nothingAskedIsSaidPlainly() {
        RealTimeReport report = RealTimeSetup.apply(RealTimeSettings.NONE);
        assertTrue(report.allApplied());
        assertEquals("real-time: nothing asked (normal scheduler, any CPU, pageable memory)", report.render());
    }

    @Test
    void settingsOutOfRangeNameTheRange() {
        assertEquals("priority 120 is out of range: expected 1 to 99 for SCHED_FIFO, or 0 for the normal scheduler",
                assertThrows(IllegalArgumentException.class, () -> new RealTimeSettings(120, -1, false)).getMessage());
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals("cpu " + cpus + " does not exist here: this machine has CPUs 0 to " + (cpus - 1),
                assertThrows(IllegalArgumentException.class, () -> new RealTimeSettings(0, cpus, false)).getMessage());
        assertFalse(RealTimeSettings.NONE.any());
    }
}
