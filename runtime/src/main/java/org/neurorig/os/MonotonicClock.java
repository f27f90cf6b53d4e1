package org.neurorig.os;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.NanoClock;

/**
 * CLOCK_MONOTONIC, read with {@code clock_gettime} and slept on with
 * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline)} through FFM. Sleeping to an
 * absolute deadline is what makes a periodic loop keep its phase: a relative sleep would add each
 * tick's wake-up latency and compute time to the period.
 *
 * <p>Where FFM's libc calls are not available (not Linux, or another architecture) the clock falls
 * back to {@link System#nanoTime()} and {@link LockSupport#parkNanos}, whose wake-up is relative and
 * typically 50 us or more late; {@link #usesLibc()} says which one this is.
 *
 * <p>One instance per thread: the {@code struct timespec} buffers are the instance's own, so reading
 * and sleeping allocate nothing.
 */
public final class MonotonicClock implements NanoClock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final MemorySegment now;
    private final MemorySegment request;
    private final boolean nativeCalls;

    /** A clock on libc's CLOCK_MONOTONIC when FFM can reach it, else on {@link System#nanoTime()}. */
    public MonotonicClock() {
        this.nativeCalls = Libc.AVAILABLE;
        Arena arena = Arena.ofAuto();
        this.now = arena.allocate(16, 8);
        this.request = arena.allocate(16, 8);
    }

    /** Whether this clock uses libc's clock_gettime and clock_nanosleep (Linux), not the portable fallback. */
    public boolean usesLibc() {
        return nativeCalls;
    }

    /**
     * CLOCK_MONOTONIC in nanoseconds. On Linux this is the same time base as {@link System#nanoTime()}
     * (HotSpot reads the same clock), so the two can be compared.
     */
    @Override
    public long nanoTime() {
        if (!nativeCalls) {
            return System.nanoTime();
        }
        Libc.clockGettime(Libc.CLOCK_MONOTONIC, now);
        return now.get(JAVA_LONG, 0) * NANOS_PER_SECOND + now.get(JAVA_LONG, 8);
    }

    /**
     * Sleeps until CLOCK_MONOTONIC reaches {@code deadlineNanos}; returns at once when it has passed. A
     * signal that interrupts the sleep (EINTR) is slept through, because the deadline is absolute.
     */
    public void sleepUntil(long deadlineNanos) {
        if (!nativeCalls) {
            long remaining = deadlineNanos - System.nanoTime();
            while (remaining > 0) {
                LockSupport.parkNanos(remaining);
                remaining = deadlineNanos - System.nanoTime();
            }
            return;
        }
        request.set(JAVA_LONG, 0, deadlineNanos / NANOS_PER_SECOND);
        request.set(JAVA_LONG, 8, deadlineNanos % NANOS_PER_SECOND);
        int rc;
        do {
            rc = Libc.clockNanosleep(Libc.CLOCK_MONOTONIC, Libc.TIMER_ABSTIME, request);
        } while (rc == Libc.EINTR);
    }

    /** Busy-waits until the deadline, reading the clock; for the last microseconds before a deadline. */
    public void spinUntil(long deadlineNanos) {
        while (nanoTime() < deadlineNanos) {
            Thread.onSpinWait();
        }
    }
}
