package org.neurorig.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurorig.testing.Signals;

/** SIGTERM and SIGINT to a process running a loop: its device ends in the safe state before the process exits. */
class ShutdownTest {

    @ParameterizedTest
    @Timeout(60)
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalDrivesTheSafeStateBeforeExit(String signal) throws Exception {
        // A shell without job control starts background commands with SIGINT ignored, children inherit that,
        // and a JVM that starts with SIGINT ignored keeps ignoring it: the child gets it back as a terminal has it.
        Process child = ChildJvm.start(List.of("env", "--default-signal=INT"), LoopProcessMain.class.getName(), "shutdown");
        try {
            BufferedReader out = ChildJvm.stdout(child);
            List<String> lines = new ArrayList<>();
            assertTrue(ChildJvm.readUntil(out, "ready", lines), "the child loop did not start: " + lines);
            Signals.send(child.pid(), signal);
            List<String> after = new ArrayList<>();
            assertTrue(ChildJvm.readUntil(out, "safe-state", after), "no safe state after SIG" + signal + ": " + after);
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the process did not exit");
        } finally {
            child.destroyForcibly();
        }
    }
}
