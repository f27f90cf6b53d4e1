package org.neurorig.loop;

/** How the loop thread waits for its next deadline (see {@link DeadlineIdleStrategy}). */
public enum WaitMode {
    /**
     * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline)}: the CPU is free between ticks;
     * the wake-up latency is the kernel's timer and scheduling latency (what cyclictest measures).
     */
    SLEEP,
    /**
     * Sleep until a margin before the deadline, then spin on the clock: the wake-up latency of a spin
     * (well under a microsecond) for the price of one CPU busy for the margin of every period.
     */
    SPIN_THEN_SLEEP,
    /**
     * Spin on the clock all the time: the lowest latency and a whole CPU taken. Only with a CPU of its
     * own, and not under SCHED_FIFO unless RT throttling is off: Linux stops a real-time thread that
     * uses more than {@code sched_rt_runtime_us} (default 950,000) of each second, a 50 ms stall.
     */
    BUSY_SPIN
}
