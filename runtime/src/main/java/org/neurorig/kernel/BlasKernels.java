package org.neurorig.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * The system's OpenBLAS through FFM: {@code cblas_sgemv}, {@code cblas_sgemm}, {@code cblas_sger} and {@code cblas_saxpy}
 * on the Java arrays themselves (critical downcalls may read the heap, so nothing is copied), and the
 * vector kernels for the elementwise updates. It is the yardstick the Java kernels are measured
 * against; it is not used in the control tick, where each call's segment wrappers may allocate.
 *
 * <p>OpenBLAS is limited to one thread, the same single core the Java kernels use.
 */
final class BlasKernels implements Kernels {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final List<String> LIBRARIES = List.of("libopenblas.so.0", "libopenblas.so",
            "libopenblasp.so.0", "libopenblas.dylib");

    private static final Optional<BlasKernels> INSTANCE = load();

    private final MethodHandle sgemv;
    private final MethodHandle sger;
    private final MethodHandle saxpy;
    private final MethodHandle sgemm;

    private BlasKernels(SymbolLookup lookup) throws Throwable {
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
        ValueLayout p = ValueLayout.ADDRESS;
        sgemv = linker.downcallHandle(lookup.findOrThrow("cblas_sgemv"),
                FunctionDescriptor.ofVoid(i, i, i, i, f, p, i, p, i, f, p, i), critical);
        sger = linker.downcallHandle(lookup.findOrThrow("cblas_sger"),
                FunctionDescriptor.ofVoid(i, i, i, f, p, i, p, i, p, i), critical);
        saxpy = linker.downcallHandle(lookup.findOrThrow("cblas_saxpy"),
                FunctionDescriptor.ofVoid(i, f, p, i, p, i), critical);
        sgemm = linker.downcallHandle(lookup.findOrThrow("cblas_sgemm"),
                FunctionDescriptor.ofVoid(i, i, i, i, i, i, f, p, i, p, i, f, p, i), critical);
        MethodHandle threads = linker.downcallHandle(lookup.findOrThrow("openblas_set_num_threads"),
                FunctionDescriptor.ofVoid(i));
        threads.invokeExact(1);
    }

    static Optional<BlasKernels> instance() {
        return INSTANCE;
    }

    /** Why OpenBLAS could not be loaded, for the one line that says so. */
    static String unavailableReason() {
        return "OpenBLAS was not found (tried " + String.join(", ", LIBRARIES)
                + "); on Debian or Raspberry Pi OS: sudo apt-get install libopenblas0-pthread";
    }

    private static Optional<BlasKernels> load() {
        for (String name : LIBRARIES) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
                return Optional.of(new BlasKernels(lookup));
            } catch (Throwable e) {
                // not this name; try the next
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public void matVec(float[] m, int rows, int cols, float[] x, float[] y) {
        gemv(m, rows, cols, x, y, 0f);
    }

    @Override
    public void matVecAdd(float[] m, int rows, int cols, float[] x, float[] y) {
        gemv(m, rows, cols, x, y, 1f);
    }

    private void gemv(float[] m, int rows, int cols, float[] x, float[] y, float beta) {
        try {
            sgemv.invokeExact(ROW_MAJOR, NO_TRANS, rows, cols, 1f, MemorySegment.ofArray(m), cols,
                    MemorySegment.ofArray(x), 1, beta, MemorySegment.ofArray(y), 1);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemv failed", e);
        }
    }

    @Override
    public void rank1Update(float[] m, int rows, int cols, float alpha, float[] u, float[] v) {
        try {
            sger.invokeExact(ROW_MAJOR, rows, cols, alpha, MemorySegment.ofArray(u), 1, MemorySegment.ofArray(v), 1,
                    MemorySegment.ofArray(m), cols);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sger failed", e);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        try {
            saxpy.invokeExact(n, alpha, MemorySegment.ofArray(x), 1, MemorySegment.ofArray(y), 1);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_saxpy failed", e);
        }
    }

    @Override
    public void matMul(float[] a, int rows, int inner, float[] b, int cols, float[] c) {
        try {
            sgemm.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, cols, inner, 1f, MemorySegment.ofArray(a), inner,
                    MemorySegment.ofArray(b), cols, 0f, MemorySegment.ofArray(c), cols);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }

    @Override
    public void leakPhiOfSum(float[] x, float[] h, float[] c, int n, float leak, float gain, Nonlinearity phi) {
        Kernels.best().leakPhiOfSum(x, h, c, n, leak, gain, phi);
    }

    @Override
    public void leakSumOfPhi(float[] x, float[] h, float[] c, float[] r, int n, float leak, float gain,
            Nonlinearity phi) {
        Kernels.best().leakSumOfPhi(x, h, c, r, n, leak, gain, phi);
    }

    @Override
    public void activate(float[] src, float[] c, float[] dst, int n, Nonlinearity phi) {
        Kernels.best().activate(src, c, dst, n, phi);
    }

    @Override
    public void scale(float alpha, float[] x, int n) {
        Kernels.best().scale(alpha, x, n);
    }

    @Override
    public void clippedAxpy(float alpha, float[] x, float[] y, int n, float limit) {
        Kernels.best().clippedAxpy(alpha, x, y, n, limit);
    }

    @Override
    public void rank1UpdateAndAxpy(float[] e, float[] w, int rows, int cols, float alpha, float[] u, float[] v,
            float beta) {
        Kernels.best().rank1UpdateAndAxpy(e, w, rows, cols, alpha, u, v, beta);
    }

    @Override
    public void rankKUpdateAndAxpy(float[] e, float[] w, int firstRow, int endRow, int cols, int k, float[] u, int ldu,
            float[] v, float[] g, float[] beta) {
        Kernels.best().rankKUpdateAndAxpy(e, w, firstRow, endRow, cols, k, u, ldu, v, g, beta);
    }
}
