package org.neurorig.bench;

import java.util.Locale;
import org.neurorig.kernel.Kernels;

/**
 * What a speed figure depends on, printed above it and saved beside it, so that a number quoted later
 * still says where it came from: the CPU and its cores, the kernel, the JVM, the vector width the
 * kernels run at, and the commit the tools were built from ({@code neurorig.commit}, set by
 * {@code tools/neurorig} from the checkout's git; "unknown" elsewhere).
 */
public record MeasurementContext(String cpu, int cores, String os, String jvm, int vectorBits, String commit) {

    /** The system property the launcher sets to {@code git describe --always --dirty} of the checkout. */
    public static final String COMMIT_PROPERTY = "neurorig.commit";

    /** This process's context. */
    public static MeasurementContext current() {
        String commit = System.getProperty(COMMIT_PROPERTY, "").strip();
        return new MeasurementContext(JmhRuns.cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.name") + " " + Runtime.version(), Kernels.vectorBits(),
                commit.isEmpty() ? "unknown (not started by tools/neurorig from a git checkout)" : commit);
    }

    /** Three lines: machine, JVM and vectors, commit. */
    public String header() {
        return String.format(Locale.ROOT, "machine: %s, %d cores; %s%nJVM: %s; vectors of %d bits%ncommit: %s%n", cpu, cores,
                os, jvm, vectorBits, commit);
    }
}
