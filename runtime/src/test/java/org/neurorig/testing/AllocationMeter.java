package org.neurorig.testing;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the calling thread allocates while an action runs, through HotSpot's per-thread
 * allocation counter (TLAB-accurate, it sees every object, escaped or not).
 */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /**
     * Runs {@code action} until one run allocates nothing (at most {@code maxRuns} times) and returns
     * how many runs that took. The interpreter and C1 box vectors and deoptimization materializes
     * objects that C2 had eliminated, so a claim of zero allocation is about compiled, steady code:
     * call this first, then measure with {@link #bytesAllocatedBy}.
     */
    public static int warmUp(Runnable action, int maxRuns) {
        for (int run = 1; run <= maxRuns; run++) {
            if (bytesAllocatedBy(action) == 0) {
                return run;
            }
        }
        return maxRuns;
    }

    /**
     * Like {@link #warmUp(Runnable, int)}, but settled means {@code quietRuns} runs in a row without
     * allocation: for code with paths that compile later than the hot loop (episode boundaries).
     */
    public static int warmUp(Runnable action, int quietRuns, int maxRuns) {
        int quiet = 0;
        for (int run = 1; run <= maxRuns; run++) {
            quiet = bytesAllocatedBy(action) == 0 ? quiet + 1 : 0;
            if (quiet == quietRuns) {
                return run;
            }
        }
        return maxRuns;
    }

    /**
     * Bytes the current thread allocated in one run of {@code action} with the JIT at rest: a run during
     * which a compilation landed (the JIT's total compilation time moved) is not a steady-state
     * measurement, since replacing compiled code can materialize objects C2 had eliminated (seen: a
     * few hundred bytes, a frame of boxed vectors, once in many runs on a loaded machine), so it is run
     * again, up to {@code attempts} runs in all. Returns the bytes of the first run without a
     * compilation, or of the last attempt. Code that allocates on its path allocates in every run and
     * fails whatever the JIT does; call {@link #warmUp} first.
     */
    public static long bytesAllocatedAtRest(Runnable action, int attempts) {
        long bytes = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long compiling = compilationMillis();
            bytes = bytesAllocatedBy(action);
            if (compilationMillis() == compiling) {
                return bytes;
            }
        }
        return bytes;
    }

    /**
     * The least a run of {@code action} allocates, over {@code runs} runs measured as
     * {@link #bytesAllocatedAtRest}. A path that allocates, per tick or per episode, allocates in every
     * run and is never zero; what this forgives is a single run in which a trap fired on a branch C2 had
     * not seen taken (seen: 184 to 240 bytes, the eliminated vectors of one frame materialized, once, on
     * a run after several quiet ones), which the JIT's compilation time does not show.
     */
    public static long leastBytesAtRest(Runnable action, int runs, int attemptsEach) {
        long least = Long.MAX_VALUE;
        for (int run = 0; run < runs && least != 0; run++) {
            least = Math.min(least, bytesAllocatedAtRest(action, attemptsEach));
        }
        return least;
    }

    private static long compilationMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Bytes the current thread allocated while {@code action} ran, less the meter's own cost. */
    public static long bytesAllocatedBy(Runnable action) {
        long overhead = measure(() -> { });
        return Math.max(0, measure(action) - overhead);
    }

    private static long measure(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
