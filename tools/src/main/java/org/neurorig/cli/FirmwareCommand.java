package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.neurorig.bridge.EmulatedUno;
import org.neurorig.bridge.FirmwareBuild;
import org.neurorig.bridge.FirmwareIdentity;
import org.neurorig.bridge.FirmwareLink;
import org.neurorig.bridge.LinkSettings;
import org.neurorig.bridge.LoopbackDevice;
import org.neurorig.bridge.PseudoTerminalLink;
import org.neurorig.bridge.codec.WireTime;
import org.neurorig.device.DeviceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurorig firmware}: build the reference firmware, run it on an emulated Uno, ping a device. */
@Command(name = "firmware",
        mixinStandardHelpOptions = true,
        description = {"The reference microcontroller firmware and the serial link to it.",
                "The link's protocol is described in firmware-bridge/PROTOCOL.md."},
        subcommands = {FirmwareCommand.Build.class, FirmwareCommand.Emulate.class, FirmwareCommand.Ping.class,
                FirmwareCommand.Bench.class})
public final class FirmwareCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code firmware build}: both images, or one, with avr-gcc through the firmware's Makefile. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build the firmware for the Arduino Uno (ATmega328P) with avr-gcc.",
                    "Two images: the emulated cart-pole (for QEMU or a bare Uno) and the real rig's driver. Prints "
                            + "each image with its flash and RAM use."})
    static final class Build implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--mode", paramLabel = "MODE", description = "plant, rig or all (default: ${DEFAULT-VALUE})", defaultValue = "all")
        String mode;

        @Option(names = "--baud", paramLabel = "BAUD", description = "UART speed (default: ${DEFAULT-VALUE})", defaultValue = "115200")
        int baud;

        @Option(names = "--tick-us", paramLabel = "US", description = "Timer1 tick in microseconds (default: ${DEFAULT-VALUE})",
                defaultValue = "20000")
        int tickMicros;

        @Option(names = "--test", description = "also run the firmware's host-compiled C tests (gcc)")
        boolean test;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            FirmwareBuild.Options options = new FirmwareBuild.Options(baud, tickMicros, "", "");
            List<FirmwareBuild.Mode> modes = switch (mode) {
                case "all" -> List.of(FirmwareBuild.Mode.values());
                case "plant" -> List.of(FirmwareBuild.Mode.PLANT);
                case "rig" -> List.of(FirmwareBuild.Mode.RIG);
                default -> throw new IllegalArgumentException("--mode " + mode + " is not one of plant, rig, all");
            };
            for (FirmwareBuild.Mode m : modes) {
                Path elf = FirmwareBuild.build(m, options);
                out.printf(Locale.ROOT, "%-5s %s%n      %s%n", m.target(), elf, FirmwareBuild.size(elf));
                out.printf(Locale.ROOT, "      flash it: make -C %s flash MODE=%s BUILD=%s PORT=/dev/ttyACM0%n",
                        elf.getParent().getParent().getParent(), m.target(),
                        elf.getParent().getParent().getFileName() + "/" + elf.getParent().getFileName());
            }
            if (test) {
                FirmwareBuild.HostTests tests = FirmwareBuild.runHostTests();
                out.println("host tests: " + tests.summary());
                if (!tests.passed()) {
                    out.println(tests.output());
                    return 1;
                }
            }
            return 0;
        }
    }

    /** {@code firmware emulate}: QEMU's Uno on a pseudo-terminal, until interrupted. */
    @Command(name = "emulate", mixinStandardHelpOptions = true,
            description = {"Run the firmware on an emulated Arduino Uno and print its serial port.",
                    "Uses qemu-system-avr; builds the emulated cart-pole first unless --elf is given. Stops on "
                            + "Ctrl-C."})
    static final class Emulate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--elf", paramLabel = "FILE", description = "the firmware image (default: the emulated cart-pole, built if needed)")
        Path elf;

        @Option(names = "--link", paramLabel = "PATH", description = "also make this symbolic link to the pseudo-terminal (a"
                + " stable path); refused if PATH exists, unless it is a stale link of an earlier run")
        Path link;

        @Option(names = "--for", paramLabel = "SECONDS", description = "stop after this many seconds (default: run until Ctrl-C)")
        double seconds;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (seconds < 0) {
                throw new IllegalArgumentException("--for " + seconds + " is negative");
            }
            if (link != null) {
                PseudoTerminalLink.requireFree(link); // before the build and QEMU: the user's file is never touched
            }
            Path image = elf != null ? elf : FirmwareBuild.build(FirmwareBuild.Mode.PLANT, FirmwareBuild.Options.defaults());
            EmulatedUno uno = EmulatedUno.start(image, link);
            Thread stopper = new Thread(uno::close, "neurorig-emulate-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                out.printf("emulated Uno (QEMU, pid %d) running %s%n", uno.pid(), TerminalText.line(image.getFileName().toString()));
                out.printf("serial port: %s%s%n", uno.pty(), link != null ? " (also " + TerminalText.line(link.toString()) + ")" : "");
                out.printf("try: tools/neurorig firmware ping --port %s%n", ShellWords.quote(uno.port()));
                out.println(seconds > 0 ? String.format(Locale.ROOT, "stopping after %.1f s", seconds) : "Ctrl-C stops it");
                out.flush();
                if (seconds > 0) {
                    long deadline = System.nanoTime() + (long) (seconds * 1e9);
                    while (uno.alive() && System.nanoTime() - deadline < 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                } else {
                    uno.waitFor();
                }
                return uno.alive() || seconds > 0 ? 0 : 1;
            } finally {
                uno.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook runs anyway
                }
            }
        }
    }

    /** {@code firmware ping}: handshake, then round-trip latency percentiles. */
    @Command(name = "ping", mixinStandardHelpOptions = true,
            description = {"Handshake with a device, then time round trips to it.",
                    "Greets the device on a serial port, shows who answered, measures PING -> PONG round trips "
                            + "(host -> MCU -> host) and prints their percentiles next to the wire-time bound."})
    static final class Ping implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "PATH", description = "serial port: /dev/ttyACM0, /dev/pts/N, or a link to one")
        String port;

        @Option(names = "--loopback", description = "ping a device model in this process on a pseudo-terminal instead:"
                + " times the host's own stack, without an emulator or a wire")
        boolean loopback;

        @Option(names = "--baud", paramLabel = "BAUD", description = "line speed (default: ${DEFAULT-VALUE}; a pseudo-terminal ignores it)",
                defaultValue = "115200")
        int baud;

        @Option(names = "--count", paramLabel = "N", description = "round trips to time (default: ${DEFAULT-VALUE})", defaultValue = "1000")
        int count;

        @Option(names = "--timeout-ms", paramLabel = "MS", description = "handshake timeout (default: ${DEFAULT-VALUE})", defaultValue = "3000")
        int timeoutMs;

        @Override
        public Integer call() throws DeviceException {
            PrintWriter out = spec.commandLine().getOut();
            if (count < 1 || count > 1_000_000) {
                throw new IllegalArgumentException("--count " + count + " is out of range: expected 1 to 1000000");
            }
            if (timeoutMs < 1) {
                throw new IllegalArgumentException("--timeout-ms " + timeoutMs + " must be positive");
            }
            if ((port == null) == !loopback) {
                throw new IllegalArgumentException("give either --port PATH or --loopback");
            }
            if (loopback) {
                try (LoopbackDevice device = LoopbackDevice.start()) {
                    return ping(out, device.port());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return ping(out, port);
        }

        private int ping(PrintWriter out, String path) throws DeviceException {
            LinkSettings settings = LinkSettings.of(path).withBaud(baud).withHandshakeTimeout(Duration.ofMillis(timeoutMs))
                    .withWatchdogMs(10_000).withLossTimeoutPeriods(50);
            try (FirmwareLink link = new FirmwareLink(settings)) {
                long t0 = System.nanoTime();
                FirmwareIdentity id = link.connect();
                // the identity is the device's own text: shown, never acted on
                out.printf(Locale.ROOT, "%s: %s, handshake %.0f ms%n", TerminalText.line(path), id.describe(),
                        (System.nanoTime() - t0) / 1e6);
                long[] rtt = new long[count];
                int lost = 0;
                int n = 0;
                for (int i = 0; i < count; i++) {
                    int token = 0x5000_0000 + i;
                    if (!link.up()) {
                        awaitReconnection(link); // the link reopens by itself; its pings in between are lost
                    }
                    long sent = System.nanoTime();
                    if (link.sendPing(token) < 0) {
                        lost++;
                        continue;
                    }
                    long deadline = sent + TimeUnit.SECONDS.toNanos(1);
                    while (link.reports().pongToken() != token && System.nanoTime() - deadline < 0) {
                        Thread.onSpinWait();
                    }
                    if (link.reports().pongToken() == token) {
                        rtt[n++] = link.reports().pongArrivalNanos() - sent;
                    } else {
                        lost++;
                    }
                }
                out.print(report(Arrays.copyOf(rtt, n), lost, baud));
                if (link.health().losses() > 0) {
                    out.printf(Locale.ROOT, "the link was lost %d time(s) and reopened %d time(s); last: %s%n",
                            link.health().losses(), link.health().reconnects(), TerminalText.line(link.health().lossReason()));
                }
                out.printf(Locale.ROOT, "link: %s; device: %d rejected, %d lost%n", link.receiveCounters(),
                        link.reports().rxRejected(), link.reports().rxLost());
                return lost == 0 ? 0 : 1;
            }
        }

        private static void awaitReconnection(FirmwareLink link) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!link.up()) {
                if (System.nanoTime() - deadline > 0 || link.status() == org.neurorig.bridge.LinkStatus.FAILED) {
                    throw new IllegalStateException(link.health().lastProblem());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        static String report(long[] rtt, int lost, int baud) {
            StringBuilder sb = new StringBuilder();
            if (rtt.length > 0) {
                long[] sorted = rtt.clone();
                Arrays.sort(sorted);
                sb.append(String.format(Locale.ROOT, "round trip PING -> PONG, %d samples: min %.0f, p50 %.0f, p90 %.0f,"
                        + " p99 %.0f, max %.0f us%n", sorted.length, sorted[0] / 1e3, percentile(sorted, 50) / 1e3,
                        percentile(sorted, 90) / 1e3, percentile(sorted, 99) / 1e3, sorted[sorted.length - 1] / 1e3));
            }
            if (lost > 0) {
                sb.append(lost).append(" pings got no answer within 1 s\n");
            }
            int bytes = WireTime.PING_WIRE + WireTime.PONG_WIRE;
            String at = baud == 115_200 || baud == 1_000_000 ? ""
                    : String.format(Locale.ROOT, "%.0f us at %d baud, ", WireTime.micros(bytes, baud), baud);
            sb.append(String.format(Locale.ROOT, "wire time of PING + PONG (%d bytes, 10 bits each): %s%.0f us at 115200"
                    + " baud, %.0f us at 1000000%n", bytes, at, WireTime.micros(bytes, 115_200),
                    WireTime.micros(bytes, 1_000_000)));
            sb.append("(a pseudo-terminal has no wire: there the whole round trip is the stack's own time)\n");
            return sb.toString();
        }

        static double percentile(long[] sorted, double p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /** {@code firmware bench}: the codec's encode + decode time per frame (JMH). */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Time the serial codec: one frame encoded and decoded (JMH).",
                    "Prints ns per STATE frame (52 bytes on the wire) and per COMMAND frame (12 bytes)."})
    static final class Bench implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            java.nio.file.Path log = java.nio.file.Files.createTempFile("neurorig-codec-bench-", ".log");
            try {
                for (String frame : List.of("STATE", "COMMAND")) {
                    org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                            .include(org.neurorig.bench.CodecBenchmark.class.getName() + ".encodeDecode")
                            .param("frame", frame)
                            .jvmArgsAppend(org.neurorig.bench.JvmFlags.fromBuild().toArray(String[]::new))
                            .forks(1).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.milliseconds(500))
                            .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.milliseconds(500))
                            .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT).output(log.toString())
                            .shouldFailOnError(true).build();
                    org.openjdk.jmh.results.RunResult r = new org.openjdk.jmh.runner.Runner(options).runSingle();
                    var stats = r.getPrimaryResult().getStatistics();
                    out.printf(Locale.ROOT, "%-8s encode + decode: median %.1f ns per frame (min %.1f, max %.1f over %d"
                            + " iterations)%n", frame, stats.getPercentile(50), stats.getMin(), stats.getMax(), stats.getN());
                }
                return 0;
            } catch (org.openjdk.jmh.runner.RunnerException e) {
                throw new IllegalStateException("JMH failed; its log is " + log, e);
            } finally {
                java.nio.file.Files.deleteIfExists(log);
            }
        }
    }
}
