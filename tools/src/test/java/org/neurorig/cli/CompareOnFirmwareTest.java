package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.Emulators;

/**
 * {@code compare --hardware uno-emulated}: the reference firmware on QEMU's Uno, stepped in lockstep, is
 * the hardware S is deployed on and NP and S->H learn on, checks with learning off nested between
 * training episodes; the emulator is gone when the command returns.
 */
@Tag("emulator")
class CompareOnFirmwareTest {

    @TempDir
    Path dir;

    @Test
    void theEmulatedUnoIsTheHardware() throws IOException {
        Emulators.assumeAvailable();
        Path run = dir.resolve("run");
        CliRun o = CliRun.of("compare", "--quick", "--hardware", "uno-emulated", "--learners", "s,np,finetune", "--seeds", "1",
                "--episodes", "20", "--fine-tune-episodes", "10", "--out", run.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().contains("] 3/3 seed 0 uno-emulated "), o.out());
        assertTrue(o.out().contains("On uno-emulated, with learning off: S "), "the reading: " + o.out());
        List<String> csv = Files.readAllLines(run.resolve("table.csv"));
        assertEquals(4, csv.size(), "a header and one line per run: " + csv);
        for (String learner : List.of(",S,", ",H: NP,", ",S->H,")) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("uno-emulated,0,uno-emulated" + learner)), learner + " in " + csv);
        }
        String settings = Files.readString(run.resolve("settings.txt"));
        assertTrue(settings.contains("hardware: uno-emulated"), settings);
        assertTrue(emulator().isEmpty(), "no emulator left running");
    }

    /**
     * {@code --real-time}: the emulated Uno at its firmware's timer tick, as a real board runs, not
     * stepped; S deployed and NP trained on it, the checks between training episodes on the same device
     * (the training loop's clock standing still meanwhile).
     */
    @Test
    void theEmulatedUnoInRealTime() throws IOException {
        Emulators.assumeAvailable();
        Path run = dir.resolve("run");
        CliRun o = CliRun.of("compare", "--quick", "--hardware", "uno-emulated", "--real-time", "--learners", "s,np", "--seeds", "1",
                "--episodes", "4", "--ticks", "50", "--set", "s.iterations=4", "--set", "protocol.check_every=2", "--set",
                "protocol.check_starts=1", "--set", "protocol.test_episodes=2", "--out", run.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().contains("hardware: uno-emulated: ") && o.out().contains("real time at 50 Hz"), o.out());
        assertTrue(o.out().contains("] 2/2 seed 0 uno-emulated "), o.out());
        List<String> csv = Files.readAllLines(run.resolve("table.csv"));
        for (String learner : List.of(",S,", ",H: NP,")) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("uno-emulated,0,uno-emulated" + learner)), learner + " in " + csv);
        }
        assertTrue(Files.readString(run.resolve("settings.txt")).contains("real time at 50 Hz"));
        assertTrue(emulator().isEmpty(), "no emulator left running");
    }

    /**
     * A real fault: the emulator held off the CPU (SIGSTOP) in the middle of a run, as an overloaded
     * machine does. The run faults, the command waits until the firmware answers again (SIGCONT), runs
     * it again from the start and finishes every run.
     */
    @Test
    void aRunTheDeviceFaultedInIsRunAgainOnceItAnswers() throws Exception {
        Emulators.assumeAvailable();
        Path run = dir.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"compare", "--quick", "--hardware",
                "uno-emulated", "--learners", "s", "--seeds", "1", "--out", run.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)));
        awaitText(out, "S trained on the nominal model", code);
        long qemu = emulator().orElseThrow(() -> new AssertionError("no emulator running: " + out + err)).pid();
        signal("STOP", qemu);
        try {
            awaitText(out, "run again from the start (attempt 2 of 3)", code);
        } finally {
            signal("CONT", qemu);
        }
        assertEquals(0, code.get(120, TimeUnit.SECONDS), err + "" + out);
        assertTrue(out.toString().contains("] 1/1 seed 0 uno-emulated S: "), out.toString());
        assertFalse(out.toString().contains("Runs lost"), out.toString());
        assertTrue(emulator().isEmpty(), "no emulator left running");
    }

    private static void awaitText(StringWriter out, String text, CompletableFuture<Integer> command) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!out.toString().contains(text)) {
            assertFalse(command.isDone(), "the command ended before '" + text + "': " + out);
            assertTrue(System.nanoTime() - deadline < 0, "no '" + text + "' within 120 s: " + out);
            LockSupport.parkNanos(20_000_000L);
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor(), "kill -" + name);
    }

    private static Optional<ProcessHandle> emulator() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("qemu-system-avr")).findFirst();
    }
}
