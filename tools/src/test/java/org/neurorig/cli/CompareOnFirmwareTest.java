package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").contains("qemu-system-avr")),
                "no emulator left running");
    }
}
