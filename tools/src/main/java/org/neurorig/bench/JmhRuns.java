package org.neurorig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** What every benchmark command shares: JMH options with the build's JVM flags, and the CPU's name. */
public final class JmhRuns {

    private JmhRuns() {
    }

    /**
     * Options for a quiet JMH run whose forks get the parent pom's JVM flags plus {@code extraFlags};
     * JMH's console goes to {@code log}. Default: 1 fork, 3 x 0.3 s warm-up, 5 x 0.3 s measured;
     * {@code full}: 2 forks, 5 x 1 s warm-up, 5 x 1 s measured.
     */
    public static ChainedOptionsBuilder options(boolean full, Path log, List<String> extraFlags) {
        List<String> flags = new ArrayList<>(JvmFlags.fromBuild());
        flags.addAll(extraFlags);
        flags.add("-Xms256m");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgsAppend(flags.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .output(log.toString()) // JMH echoes each fork's console here, not onto ours
                .shouldFailOnError(true);
        if (full) {
            options.forks(2).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(5).measurementTime(TimeValue.milliseconds(300));
        }
        return options;
    }

    /** The CPU's model name from /proc/cpuinfo, or the architecture where that is not readable. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no permission: the architecture is enough
        }
        return System.getProperty("os.arch");
    }
}
