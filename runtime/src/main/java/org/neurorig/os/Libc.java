package org.neurorig.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The few libc calls a real-time loop needs, through FFM (no JNI). Linux on x86_64 and aarch64 only:
 * the constants below (clock ids, flags, policies) and the layouts ({@code struct timespec} is two
 * longs, {@code cpu_set_t} 1024 bits) are those of glibc and musl on both LP64 architectures.
 *
 * <p>Only {@link #AVAILABLE} guards everything: when it is false (another OS, another architecture,
 * a libc without a symbol) nothing here may be called, and {@link #UNAVAILABLE_REASON} says why.
 */
final class Libc {

    static final int CLOCK_MONOTONIC = 1;
    static final int TIMER_ABSTIME = 1;
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    static final int SCHED_FIFO = 1;
    static final int EINTR = 4;
    static final int CPU_SET_BYTES = 128;

    static final boolean AVAILABLE;
    static final String UNAVAILABLE_REASON;

    private static final MethodHandle CLOCK_GETTIME;
    private static final MethodHandle CLOCK_NANOSLEEP;
    private static final MethodHandle MLOCKALL;
    private static final MethodHandle SCHED_SETSCHEDULER;
    private static final MethodHandle SCHED_SETAFFINITY;
    private static final MethodHandle SCHED_GET_PRIORITY_MAX;
    private static final MethodHandle STRERROR;
    private static final MethodHandle GETTID;
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static {
        String reason = null;
        MethodHandle gettime = null;
        MethodHandle nanosleep = null;
        MethodHandle mlockall = null;
        MethodHandle setscheduler = null;
        MethodHandle setaffinity = null;
        MethodHandle priorityMax = null;
        MethodHandle strerror = null;
        MethodHandle gettid = null;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            reason = "the OS is " + System.getProperty("os.name") + ", not Linux";
        } else if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            reason = "the architecture is " + arch + ", not x86_64 or aarch64";
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                // clock_gettime is a vDSO call that neither blocks nor calls back into Java: a critical
                // downcall skips the thread-state transition (about half the cost of a plain one).
                gettime = linker.downcallHandle(find(libc, "clock_gettime"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false));
                // clock_nanosleep blocks: a plain downcall, so a safepoint (GC) elsewhere need not wait for it.
                nanosleep = linker.downcallHandle(find(libc, "clock_nanosleep"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
                mlockall = linker.downcallHandle(find(libc, "mlockall"), FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
                setscheduler = linker.downcallHandle(find(libc, "sched_setscheduler"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), errno);
                setaffinity = linker.downcallHandle(find(libc, "sched_setaffinity"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), errno);
                priorityMax = linker.downcallHandle(find(libc, "sched_get_priority_max"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT));
                strerror = linker.downcallHandle(find(libc, "strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
                gettid = libc.find("gettid").map(s -> linker.downcallHandle(s, FunctionDescriptor.of(JAVA_INT))).orElse(null);
            } catch (RuntimeException e) {
                reason = e.getMessage();
            }
        }
        AVAILABLE = reason == null;
        UNAVAILABLE_REASON = reason;
        CLOCK_GETTIME = gettime;
        CLOCK_NANOSLEEP = nanosleep;
        MLOCKALL = mlockall;
        SCHED_SETSCHEDULER = setscheduler;
        SCHED_SETAFFINITY = setaffinity;
        SCHED_GET_PRIORITY_MAX = priorityMax;
        STRERROR = strerror;
        GETTID = gettid;
    }

    private Libc() {
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name));
    }

    /** {@code clock_gettime(clock, ts)}; returns 0 or -1. */
    static int clockGettime(int clock, MemorySegment timespec) {
        try {
            return (int) CLOCK_GETTIME.invokeExact(clock, timespec);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code clock_nanosleep(clock, flags, request, NULL)}; returns 0 or an error number (not errno). */
    static int clockNanosleep(int clock, int flags, MemorySegment request) {
        try {
            return (int) CLOCK_NANOSLEEP.invokeExact(clock, flags, request, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code mlockall(flags)}; returns 0 or errno. */
    static int mlockall(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) MLOCKALL.invokeExact(state, flags);
            return rc == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code sched_setscheduler(0, SCHED_FIFO, {priority})} for the calling thread; returns 0 or errno. */
    static int setFifo(int priority) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment param = arena.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int rc = (int) SCHED_SETSCHEDULER.invokeExact(state, 0, SCHED_FIFO, param);
            return rc == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code sched_setaffinity(0, ...)} to the one CPU {@code cpu}, for the calling thread; returns 0 or errno. */
    static int pinTo(int cpu) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            mask.set(JAVA_LONG, (cpu / 64) * 8L, 1L << (cpu % 64));
            int rc = (int) SCHED_SETAFFINITY.invokeExact(state, 0, (long) CPU_SET_BYTES, mask);
            return rc == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int fifoPriorityMax() {
        try {
            return (int) SCHED_GET_PRIORITY_MAX.invokeExact(SCHED_FIFO);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The kernel's id of the calling thread (what {@code chrt -p} and {@code ps -L} show), or -1. */
    static int gettid() {
        if (GETTID == null) {
            return -1;
        }
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** libc's text for an error number, e.g. "Operation not permitted". */
    static String strerror(int error) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(error);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The symbolic name of the error numbers these calls return. */
    static String errnoName(int error) {
        return switch (error) {
            case 1 -> "EPERM";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            default -> "errno " + error;
        };
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
