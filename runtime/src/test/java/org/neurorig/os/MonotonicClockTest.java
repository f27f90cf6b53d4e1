package org.neurorig.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.neurorig.testing.AllocationMeter;

class MonotonicClockTest {

    private final MonotonicClock clock = new MonotonicClock();

    @Test
    void onLinuxTheClockIsLibcsClockMonotonicOnTheSameBaseAsNanoTime() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        assertTrue(clock.usesLibc(), "FFM should reach libc here");
        long a = System.nanoTime();
        long c = clock.nanoTime();
        long b = System.nanoTime();
        assertTrue(a <= c && c <= b, "CLOCK_MONOTONIC " + c + " not between two nanoTime() reads " + a + " and " + b);
    }

    @Test
    void sleepingToAnAbsoluteDeadlineNeverWakesEarly() {
        for (int i = 0; i < 20; i++) {
            long deadline = clock.nanoTime() + 300_000;
            clock.sleepUntil(deadline);
            long woke = clock.nanoTime();
            assertTrue(woke >= deadline, "woke " + (deadline - woke) + " ns early");
        }
        long past = clock.nanoTime() - 1_000_000_000L;
        long before = clock.nanoTime();
        clock.sleepUntil(past);
        assertTrue(clock.nanoTime() - before < 500_000_000L, "a deadline in the past returns at once");
    }

    /**
     * Reading the clock and sleeping to a deadline (a passed one returns at once, a near one really
     * sleeps) allocate nothing once compiled. Each run calls the downcalls thousands of times so
     * that C2 compiles them within the warm-up even on a loaded machine.
     */
    @Test
    void readingAndSleepingAllocateNothing() {
        Runnable work = () -> {
            long sum = 0;
            for (int i = 0; i < 50_000; i++) {
                sum += clock.nanoTime();
            }
            for (int i = 0; i < 5_000; i++) {
                clock.sleepUntil(clock.nanoTime() - 1);
            }
            for (int i = 0; i < 50; i++) {
                clock.sleepUntil(clock.nanoTime() + 1_000);
                clock.spinUntil(clock.nanoTime() + 1_000);
            }
            assertTrue(sum != 0);
        };
        // settled = three quiet runs in a row, measured with the JIT at rest: seen on a loaded machine, a
        // compilation landing during the measured run materialized 688 bytes after a single quiet run
        int runs = AllocationMeter.warmUp(work, 3, 20);
        assertEquals(0, AllocationMeter.leastBytesAtRest(work, 3, 5), "after " + runs + " warm-up runs");
    }
}
