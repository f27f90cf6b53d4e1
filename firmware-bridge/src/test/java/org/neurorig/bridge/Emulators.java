package org.neurorig.bridge;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Test support: the firmware image, built once per JVM, and emulated Unos running it. Tests that need
 * them skip, saying what to install, when avr-gcc or qemu-system-avr is missing (.ci/run installs both).
 * Public for the other modules' tests (firmware-bridge's test-jar).
 */
public final class Emulators {

    private static Path plantImage;

    private Emulators() {
    }

    /** Skips the calling test, with what to install, unless avr-gcc and qemu-system-avr are both here. */
    public static void assumeAvailable() {
        Optional<String> toolchain = FirmwareBuild.toolchainMissing();
        assumeTrue(toolchain.isEmpty(), () -> "skipped: " + toolchain.orElse(""));
        Optional<String> qemu = EmulatedUno.unavailable();
        assumeTrue(qemu.isEmpty(), () -> "skipped: " + qemu.orElse(""));
    }

    /** The emulated-plant image at the default settings (115200 baud, 20 ms tick). */
    static synchronized Path plantImage() {
        assumeAvailable();
        if (plantImage == null) {
            try {
                plantImage = FirmwareBuild.build(FirmwareBuild.Mode.PLANT, FirmwareBuild.Options.defaults());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return plantImage;
    }

    static EmulatedUno start() {
        return start(null);
    }

    static EmulatedUno start(Path link) {
        try {
            return EmulatedUno.start(plantImage(), link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Defaults, with a longer handshake (QEMU notices a newly opened pseudo-terminal about once a second),
     * a longer silence timeout (one second) and a longer command watchdog (half a second): on a machine
     * shared with other builds the emulator is starved of CPU for 100 ms and more now and then, and then
     * runs the ticks it missed back to back while the commands wait in the pseudo-terminal. Tests of
     * loss detection and of the watchdog set their own.
     */
    static LinkSettings settings(String port) {
        return LinkSettings.of(port).withHandshakeTimeout(Duration.ofSeconds(5)).withLossTimeoutPeriods(50)
                .withWatchdogMs(500);
    }
}
