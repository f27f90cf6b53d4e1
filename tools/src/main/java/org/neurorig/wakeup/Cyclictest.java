package org.neurorig.wakeup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.neurorig.latency.LoopLatency;

/**
 * Linux's cyclictest (Debian's rt-tests), the yardstick for wake-up latency: run with the same period,
 * priority, CPU and memory locking as the loop, its per-microsecond histogram read back into an
 * HdrHistogram of nanoseconds so both are summarized by the same code.
 */
public final class Cyclictest {

    /** Histogram buckets asked of cyclictest: 1 us each, up to 10 ms; later wake-ups count as overflows. */
    static final int BUCKETS_US = 10_000;

    /** The result of one run: the histogram (ns, at 1 us resolution), overflows past 10 ms, and its exact max. */
    public record Result(Histogram histogram, long overflows, long maxMicros, List<String> command) {
    }

    private Cyclictest() {
    }

    /** The cyclictest on PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            for (String name : List.of("cyclictest")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        for (Path p : List.of(Path.of("/usr/bin/cyclictest"), Path.of("/usr/sbin/cyclictest"))) {
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** What to do when cyclictest is missing. */
    public static String installHint() {
        return "cyclictest is not installed: apt-get install rt-tests (Debian, Ubuntu, Raspberry Pi OS), "
                + "or dnf install realtime-tests (Fedora, RHEL)";
    }

    /** The command line for {@code loops} wake-ups every {@code intervalMicros}. */
    static List<String> command(Path exe, long intervalMicros, long loops, int priority, int cpu, boolean mlock) {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-q", "-i", Long.toString(intervalMicros),
                "-l", Long.toString(loops), "-h", Integer.toString(BUCKETS_US)));
        if (priority > 0) {
            cmd.addAll(List.of("-p", Integer.toString(priority)));
        }
        if (cpu >= 0) {
            cmd.addAll(List.of("-a", Integer.toString(cpu)));
        }
        if (mlock) {
            cmd.add("-m");
        }
        return cmd;
    }

    /** Runs cyclictest and reads its histogram; a failure is one line with cyclictest's own words. */
    public static Result run(Path exe, long intervalMicros, long loops, int priority, int cpu, boolean mlock)
            throws IOException, InterruptedException {
        List<String> cmd = command(exe, intervalMicros, loops, priority, cpu, mlock);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            String first = out.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("exit code " + rc);
            throw new IllegalStateException("cyclictest failed (" + String.join(" ", cmd) + "): " + first.strip());
        }
        return parse(out, cmd);
    }

    /** Reads cyclictest's {@code -q -h} output: "NNNNNN CCCCCC" bucket lines and "# Max Latencies:" etc. */
    static Result parse(String out, List<String> cmd) {
        Histogram h = new Histogram(1, LoopLatency.HIGHEST_NANOS, LoopLatency.SIGNIFICANT_DIGITS);
        long overflows = 0;
        long max = -1;
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("# Max Latencies:")) {
                max = Long.parseLong(l.substring(l.indexOf(':') + 1).trim().split("\\s+")[0]);
            } else if (l.startsWith("# Histogram Overflows:")) {
                overflows = Long.parseLong(l.substring(l.indexOf(':') + 1).trim().split("\\s+")[0]);
            } else if (!l.isEmpty() && Character.isDigit(l.charAt(0))) {
                String[] f = l.split("\\s+");
                if (f.length >= 2) {
                    long us = Long.parseLong(f[0]);
                    long count = Long.parseLong(f[1]);
                    if (count > 0) {
                        h.recordValueWithCount(Math.max(1, us * 1000), count);
                    }
                }
            }
        }
        if (max < 0 || h.getTotalCount() + overflows == 0) {
            throw new IllegalStateException("cyclictest printed no histogram (" + String.join(" ", cmd) + ")");
        }
        if (overflows > 0) {
            // beyond the last bucket: the exact values are not printed; they count at the reported max
            h.recordValueWithCount(Math.min(max * 1000, LoopLatency.HIGHEST_NANOS), overflows);
        }
        return new Result(h, overflows, max, cmd);
    }
}
