package org.neurorig.kernel;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Compiles every kernel before a real-time loop needs it.
 *
 * <p>The Vector API allocates, boxing each vector, wherever C2 has not compiled the code: in the
 * interpreter and in C1. A kernel the tick calls only now and then (a trace's renormalization, a tick
 * whose reward prediction error is exactly zero, an episode's end) stays cold for thousands of episodes
 * and allocates every time it runs, and runs slowly. Warming up calls each kernel, on small arrays, until
 * its calls allocate nothing, which HotSpot's per-thread allocation counter shows: from then on C2's
 * code runs it, wherever it is called from.
 */
public final class KernelWarmUp {

    /**
     * What a warm-up found.
     *
     * @param kernels how many kernel operations were warmed
     * @param cold    the operations still allocating when the time budget ran out (empty: all warm)
     * @param nanos   how long it took
     */
    public record Report(int kernels, List<String> cold, long nanos) {
        public boolean allWarm() {
            return cold.isEmpty();
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final int N = 75; // 2 x 32 + 8 + 3: a wide part, a vector tail and a scalar tail at every width
    private static final int ROWS = 8;
    private static final int STREAK = 200; // allocation-free calls in a row that count as compiled
    private static final long BUDGET_NANOS = 20_000_000_000L;
    private static final Set<Kernels> WARM = Collections.newSetFromMap(new IdentityHashMap<>());

    private KernelWarmUp() {
    }

    /**
     * Warms {@code kernels} once per JVM (later calls return at once with an empty report). Only vector
     * kernels need it; scalar code never allocates. Takes a second or two; call it before the loop starts.
     * {@code -Dneurorig.kernels.nowarmup=true} skips it (to measure what it changes).
     */
    public static synchronized Report ensure(Kernels kernels) {
        if (!(kernels instanceof VectorKernels) || THREADS == null || Boolean.getBoolean("neurorig.kernels.nowarmup")
                || !WARM.add(kernels)) {
            return new Report(0, List.of(), 0);
        }
        long start = System.nanoTime();
        Map<String, IntConsumer> ops = operations(kernels);
        List<String> cold = new ArrayList<>();
        long deadline = start + BUDGET_NANOS;
        for (Map.Entry<String, IntConsumer> op : ops.entrySet()) {
            if (!warm(op.getValue(), deadline)) {
                cold.add(op.getKey());
            }
        }
        return new Report(ops.size(), List.copyOf(cold), System.nanoTime() - start);
    }

    private static boolean warm(IntConsumer call, long deadline) {
        int streak = 0;
        for (int i = 0; streak < STREAK; i++) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            call.accept(i);
            streak = THREADS.getCurrentThreadAllocatedBytes() == before ? streak + 1 : 0;
        }
        return true;
    }

    /**
     * Every kernel with every branch taken: successive calls cycle through the variants (zero and non-zero
     * coefficients, decays of 1, 0 and in between, one tick and several), on lengths that leave a vector
     * tail and a scalar tail. A branch C2 never saw taken is compiled as a trap: taken later, it sends
     * the kernel back to the interpreter and C1, which allocate, for as long as the kernel stays too
     * rarely called to be compiled again.
     */
    private static Map<String, IntConsumer> operations(Kernels k) {
        float[] m = ramp(ROWS * N, 0.01f);
        float[] e = ramp(ROWS * N, 0.02f);
        float[] x = ramp(N, 0.03f);
        float[] y = new float[N];
        float[] rowsIn = ramp(ROWS, 0.05f);
        float[] rowsOut = new float[ROWS];
        float[] sparse = new float[ROWS];
        sparse[1] = 0.5f; // rows whose coefficient is zero take another branch
        float[] h = ramp(N, 0.04f);
        float[] c = new float[N];
        float[] r = new float[N];
        float[][] g = {{1f, 1f, 1f, 1f}, {0.9f, 1f, 0f, 0.5f}, {0f, 0f, 0f, 0f}};
        float[][] beta = {{1e-6f, 2e-6f, 1e-6f, 3e-6f}, {0f, 1e-6f, 0f, 2e-6f}, {0f, 0f, 0f, 0f}};
        float[] u = ramp(ROWS * 4, 0.07f);
        float[] v = ramp(4 * N, 0.06f);
        float[] prod = new float[ROWS * ROWS];
        Map<String, IntConsumer> ops = new LinkedHashMap<>();
        ops.put("matVec", i -> k.matVec(m, ROWS - i % 4, N - i % 3, x, rowsOut));
        ops.put("matVecAdd", i -> k.matVecAdd(m, ROWS - i % 4, N - i % 3, x, rowsOut));
        ops.put("rank1Update", i -> k.rank1Update(e, ROWS, N - i % 3, 1e-6f, i % 2 == 0 ? rowsIn : sparse, x));
        for (Nonlinearity phi : Nonlinearity.values()) {
            ops.put("leakPhiOfSum " + phi, i -> k.leakPhiOfSum(x, h, c, N - i % 3, 0.9f, 1f, phi));
            ops.put("leakSumOfPhi " + phi, i -> k.leakSumOfPhi(x, h, c, r, N - i % 3, 0.9f, 1f, phi));
            ops.put("activate " + phi, i -> k.activate(h, c, r, N - i % 3, phi));
        }
        ops.put("axpy", i -> k.axpy(1e-6f, x, y, N - i % 3));
        ops.put("scale", i -> k.scale(1f, y, N - i % 3));
        ops.put("clippedAxpy", i -> k.clippedAxpy(1e-6f, x, y, N - i % 3, 0.1f));
        ops.put("rank1UpdateAndAxpy", i -> k.rank1UpdateAndAxpy(e, m, ROWS, N - i % 3, 1e-6f, i % 2 == 0 ? rowsIn : sparse, x,
                i % 3 == 0 ? 0f : 1e-6f));
        ops.put("rankKUpdateAndAxpy", i -> {
            int ticks = i % 2 == 0 ? 1 : 4;
            k.rankKUpdateAndAxpy(e, m, i % 4 == 3 ? ROWS / 2 : 0, ROWS, N - i % 3, ticks, u, ticks, v, g[i / 2 % 3], beta[i / 6 % 3]);
        });
        ops.put("matMul", i -> k.matMul(m, ROWS - i % 4, N - i % 3, v, 1 + i % 2, prod));
        return ops;
    }

    private static float[] ramp(int n, float step) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 17 - 8) * step;
        }
        return a;
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported()) {
                t.setThreadAllocatedMemoryEnabled(true);
                return t;
            }
        } catch (RuntimeException | LinkageError e) {
            // no per-thread allocation counter on this JVM: nothing to warm by
        }
        return null;
    }
}
