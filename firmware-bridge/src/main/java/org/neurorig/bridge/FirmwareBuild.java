package org.neurorig.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the reference firmware ({@code firmware-bridge/firmware}, plain C on avr-libc) with its
 * Makefile, and runs its host-compiled tests. Each combination of settings gets its own build
 * directory, so make rebuilds exactly when a source or a setting changed.
 */
public final class FirmwareBuild {

    /** The two images: the emulated cart-pole, and the real rig's driver. */
    public enum Mode {
        PLANT, RIG;

        public String target() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Build settings.
     *
     * @param baud        the UART's speed
     * @param tickMicros  the Timer1 tick (must divide one second)
     * @param extraCflags more compiler flags (tests build variants with them), empty for none
     * @param variant     a name for the build directory when extraCflags is not empty
     */
    public record Options(int baud, int tickMicros, String extraCflags, String variant) {

        /** The UART speeds the firmware builds for (the Uno's 16 MHz clock divides down to 2 Mbaud). */
        public static final int MIN_BAUD = 300;
        public static final int MAX_BAUD = 2_000_000;

        public Options {
            if (baud < MIN_BAUD || baud > MAX_BAUD) {
                throw new IllegalArgumentException("--baud " + baud + " is out of range: expected " + MIN_BAUD + " to " + MAX_BAUD);
            }
            if (!usableTick(tickMicros)) {
                throw new IllegalArgumentException("--tick-us " + tickMicros
                        + " is not usable: expected 1000 to 250000 and a divisor of one second (e.g. 20000)");
            }
            if (!extraCflags.isEmpty() && (variant == null || !variant.matches("[A-Za-z0-9_-]+"))) {
                throw new IllegalArgumentException("a build with extra flags needs a variant name of letters and digits");
            }
        }

        /** Whether Timer1 can tick every {@code micros}: whole microseconds that divide a second, 1 to 250 ms. */
        public static boolean usableTick(double micros) {
            return micros == Math.rint(micros) && micros >= 1000 && micros <= 250_000 && 1_000_000 % (long) micros == 0;
        }

        /** 115200 baud, a 20 ms tick (Gymnasium's CartPole-v1 step). */
        public static Options defaults() {
            return new Options(115_200, 20_000, "", "");
        }

        String directory() {
            return extraCflags.isEmpty() ? "build/baud" + baud + "-tick" + tickMicros : "build/" + variant;
        }
    }

    private FirmwareBuild() {
    }

    /** Why the firmware cannot be built here, or empty when it can. */
    public static Optional<String> toolchainMissing() {
        if (ExternalTool.find("avr-gcc").isEmpty()) {
            return Optional.of("avr-gcc is not installed (apt-get install --no-install-recommends gcc-avr avr-libc)");
        }
        if (ExternalTool.find("make").isEmpty()) {
            return Optional.of("make is not installed (apt-get install make)");
        }
        return Optional.empty();
    }

    /** Why the host tests cannot run here, or empty. */
    public static Optional<String> hostCompilerMissing() {
        if (ExternalTool.find("gcc").isEmpty()) {
            return Optional.of("gcc is not installed (apt-get install gcc)");
        }
        if (ExternalTool.find("make").isEmpty()) {
            return Optional.of("make is not installed (apt-get install make)");
        }
        if (!libcHeadersPresent()) {
            return Optional.of("gcc finds no C library headers (apt-get install libc6-dev)");
        }
        return Optional.empty();
    }

    /** gcc without libc6-dev (apt's --no-install-recommends leaves it out) cannot compile the tests. */
    private static boolean libcHeadersPresent() {
        try {
            Path dir = Files.createTempDirectory("neurorig-cc-check");
            try {
                Files.writeString(dir.resolve("check.c"), "#include <stdint.h>\n#include <stdio.h>\n");
                return ExternalTool.run(dir, List.of("gcc", "-E", "-o", "/dev/null", "check.c"), 30).exitCode() == 0;
            } finally {
                Files.deleteIfExists(dir.resolve("check.c"));
                Files.delete(dir);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The firmware's source directory: the system property {@code neurorig.firmware.dir}, or
     * {@code firmware-bridge/firmware} (or {@code firmware}) in the working directory or above it.
     */
    public static Path sourceDirectory() throws IOException {
        String property = System.getProperty("neurorig.firmware.dir");
        if (property != null) {
            Path p = Path.of(property);
            if (isFirmware(p)) {
                return p.toAbsolutePath();
            }
            throw new IOException("neurorig.firmware.dir = " + property + " holds no firmware Makefile");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("firmware-bridge").resolve("firmware"), dir.resolve("firmware"))) {
                if (isFirmware(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IOException("cannot find the firmware sources (firmware-bridge/firmware) from " + Path.of("")
                .toAbsolutePath() + ": run from the neurorig checkout, or set -Dneurorig.firmware.dir");
    }

    private static boolean isFirmware(Path dir) {
        return Files.isRegularFile(dir.resolve("Makefile")) && Files.isRegularFile(dir.resolve("src").resolve("link.c"));
    }

    /**
     * Builds one image (make does nothing when it is up to date) and returns its ELF file.
     *
     * @throws IOException naming what failed, with the compiler's last lines
     */
    public static Path build(Mode mode, Options options) throws IOException {
        Optional<String> missing = toolchainMissing();
        if (missing.isPresent()) {
            throw new IOException("cannot build the firmware: " + missing.get());
        }
        Path dir = sourceDirectory();
        List<String> command = new ArrayList<>(List.of("make", "-s", "BUILD=" + options.directory(),
                "BAUD=" + options.baud(), "TICK_US=" + options.tickMicros()));
        if (!options.extraCflags().isEmpty()) {
            command.add("EXTRA_CFLAGS=" + options.extraCflags());
        }
        command.add(mode.target());
        ExternalTool.Run run = ExternalTool.run(dir, command, 300);
        if (run.exitCode() != 0) {
            throw new IOException("the firmware build failed (make exit " + run.exitCode() + "); its last lines:\n"
                    + run.tail(15));
        }
        Path elf = dir.resolve(options.directory()).resolve("neurorig-" + mode.target() + ".elf");
        if (!Files.isRegularFile(elf)) {
            throw new IOException("make succeeded but left no " + elf);
        }
        return elf;
    }

    /** Flash and RAM use of an image, as avr-size reports them ({@code Program: ... Data: ...}). */
    public static String size(Path elf) throws IOException {
        // --format=avr, not Debian's old -C: binutils 2.43 (Debian 13) dropped the short option
        ExternalTool.Run run = ExternalTool.run(elf.getParent(), List.of("avr-size", "--mcu=atmega328p", "--format=avr",
                elf.getFileName().toString()), 60);
        StringBuilder sb = new StringBuilder();
        for (String line : run.output().lines().toList()) {
            if (line.startsWith("Program:") || line.startsWith("Data:")) {
                sb.append(sb.isEmpty() ? "" : "; ").append(line.replaceAll("\\s+", " ").strip());
            }
        }
        return sb.toString();
    }

    /** The result of the firmware's host-compiled tests ({@code make test}) or fuzzer ({@code make fuzz}). */
    public record HostTests(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }

        /** The closing "N passed, N failed" line, or the whole output when there is none. */
        public String summary() {
            return output.lines().filter(l -> l.matches("\\d+ passed, \\d+ failed")).reduce((a, b) -> b).orElse(output);
        }
    }

    /** Compiles the codec, link and physics for this machine (gcc, sanitizers) and runs them against the shared vectors. */
    public static HostTests runHostTests() throws IOException {
        Optional<String> missing = hostCompilerMissing();
        if (missing.isPresent()) {
            throw new IOException("cannot run the firmware's host tests: " + missing.get());
        }
        ExternalTool.Run run = ExternalTool.run(sourceDirectory(), List.of("make", "-s", "test"), 300);
        return new HostTests(run.exitCode(), run.output());
    }

    /**
     * Compiles the frame decoder for this machine (gcc, sanitizers) and feeds it corrupted frames
     * ({@code test/fuzz_frame.c}); its output ends with {@code fuzz: N corrupted frames, E escapes, T s}.
     */
    public static HostTests runHostFuzz() throws IOException {
        Optional<String> missing = hostCompilerMissing();
        if (missing.isPresent()) {
            throw new IOException("cannot run the firmware's fuzzer: " + missing.get());
        }
        ExternalTool.Run run = ExternalTool.run(sourceDirectory(), List.of("make", "-s", "fuzz"), 300);
        return new HostTests(run.exitCode(), run.output());
    }
}
