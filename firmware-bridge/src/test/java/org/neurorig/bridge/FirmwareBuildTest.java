package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The firmware builds in both modes and fits an Uno with room to spare; its portable parts pass their
 * host-compiled C tests (codec and CRC against the shared vectors, the link's state machine, the
 * physics) and its frame decoder lets no corrupted frame through, run here so that ./mvnw verify runs them.
 */
class FirmwareBuildTest {

    /** The Uno's 32 KiB of flash less Optiboot's 512 bytes; RAM is 2 KiB, and the stack needs what is left. */
    private static final int FLASH = 32_256;
    private static final int RAM_STATIC_MAX = 1_280;

    @Test
    void theHostCompiledCTestsPass() throws Exception {
        Optional<String> missing = FirmwareBuild.hostCompilerMissing();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        FirmwareBuild.HostTests run = FirmwareBuild.runHostTests();
        assertTrue(run.passed(), run.output());
        Matcher m = Pattern.compile("(\\d+) passed, 0 failed").matcher(run.summary());
        assertTrue(m.matches(), run.output());
        assertTrue(Integer.parseInt(m.group(1)) >= 45, run.summary());
        System.out.println("firmware host tests: " + run.summary());
    }

    /**
     * The firmware's own frame decoder, built for this machine with AddressSanitizer and UBSan (which
     * abort at their first report), accepts none of more than ten million corrupted frames
     * (test/fuzz_frame.c: 1-3 and 4-16 flipped bits, 1-4 replaced bytes, flips on the wire).
     */
    @Test
    void theFirmwareDecoderAcceptsNoCorruptedFrame() throws Exception {
        Optional<String> missing = FirmwareBuild.hostCompilerMissing();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        FirmwareBuild.HostTests run = FirmwareBuild.runHostFuzz();
        assertTrue(run.passed(), run.output());
        Matcher m = Pattern.compile("fuzz: (\\d+) corrupted frames, (\\d+) escapes").matcher(run.output());
        assertTrue(m.find(), run.output());
        assertTrue(Long.parseLong(m.group(1)) >= 10_000_000, run.output());
        assertEquals(0, Long.parseLong(m.group(2)), run.output());
        assertFalse(run.output().contains("runtime error") || run.output().contains("Sanitizer"), run.output());
        System.out.print("firmware fuzzer:\n" + run.output());
    }

    @Test
    @Tag("emulator")
    void bothImagesBuildAndFitAnUno() throws Exception {
        Optional<String> missing = FirmwareBuild.toolchainMissing();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        for (FirmwareBuild.Mode mode : FirmwareBuild.Mode.values()) {
            Path elf = FirmwareBuild.build(mode, FirmwareBuild.Options.defaults());
            String size = FirmwareBuild.size(elf);
            Matcher m = Pattern.compile("Program: (\\d+) bytes.*Data: (\\d+) bytes").matcher(size);
            assertTrue(m.find(), size);
            assertTrue(Integer.parseInt(m.group(1)) < FLASH / 2, mode + ": " + size);
            assertTrue(Integer.parseInt(m.group(2)) < RAM_STATIC_MAX, mode + ": " + size);
            System.out.println("firmware " + mode.target() + ": " + size);
        }
    }

    @Test
    void badBuildSettingsAreRefusedBeforeMakeRuns() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FirmwareBuild.Options(115_200, 3_000, "", ""));
        assertEquals("--tick-us 3000 is not usable: expected 1000 to 250000 and a divisor of one second (e.g. 20000)",
                e.getMessage());
    }
}
