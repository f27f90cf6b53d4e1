package org.neurorig.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

/**
 * A loop asking for SCHED_FIFO, pinning and mlockall in a process that may not have them: the
 * process is started by setpriv without CAP_SYS_NICE and CAP_IPC_LOCK (with the memlock limit, 8 MiB
 * by default, far below a JVM). The loop must still run, and say once what it could not set and why.
 */
class RealTimeProcessTest {

    @Test
    @Timeout(60)
    void withoutPrivilegesTheLoopRunsAndSaysWhatItCouldNotSetAndWhatThatCosts() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux) to drop capabilities");
        assumeTrue(System.getProperty("user.name").equals("root"), "drops root's capabilities; as another user they are absent anyway");
        Process child = ChildJvm.start(List.of("setpriv", "--bounding-set", "-sys_nice,-ipc_lock"),
                LoopProcessMain.class.getName(), "realtime");
        List<String> lines = new ArrayList<>();
        try {
            ChildJvm.readUntil(ChildJvm.stdout(child), "ticks=50", lines);
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        String out = String.join("\n", lines);
        assertTrue(out.contains("NOT SET SCHED_FIFO priority 80: EPERM (Operation not permitted): not permitted: run as root"), out);
        assertTrue(out.contains("NOT SET mlockall(MCL_CURRENT | MCL_FUTURE): ENOMEM"), out);
        assertTrue(out.contains("cost: the loop competes with every other process"), out);
        assertTrue(out.contains("cost: pages can be swapped out"), out);
        assertTrue(out.contains("set     pinned to CPU 0"), "pinning needs no privilege: " + out);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("real-time settings")).count(), "said once: " + out);
        assertEquals("ticks=50", lines.get(lines.size() - 1), out);
    }
}
