package org.neurorig.loop;

/**
 * How the loop thread waits for its next deadline (see {@link DeadlineIdleStrategy}). Each mode has one
 * name in every place a user writes it (a profile's {@code realtime.idle}, {@code latency --wait}).
 */
public enum WaitMode {
    /**
     * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline)}: the CPU is free between ticks;
     * the wake-up latency is the kernel's timer and scheduling latency (what cyclictest measures).
     */
    SLEEP("sleep"),
    /**
     * Sleep until a margin before the deadline, then spin on the clock: the wake-up latency of a spin
     * (well under a microsecond) for the price of one CPU busy for the margin of every period.
     */
    SPIN_THEN_SLEEP("spin-then-sleep"),
    /**
     * Spin on the clock all the time: the lowest latency and a whole CPU taken. Only with a CPU of its
     * own, and not under SCHED_FIFO unless RT throttling is off: Linux stops a real-time thread that
     * uses more than {@code sched_rt_runtime_us} (default 950,000) of each second, a 50 ms stall.
     */
    BUSY_SPIN("spin");

    private final String word;

    WaitMode(String word) {
        this.word = word;
    }

    /** The mode's name where a user writes it. */
    public String word() {
        return word;
    }

    /** The mode a user's word names, or null. */
    public static WaitMode named(String word) {
        for (WaitMode m : values()) {
            if (m.word.equals(word)) {
                return m;
            }
        }
        return null;
    }

    /** The words, for a message: {@code sleep, spin-then-sleep or spin}. */
    public static String words() {
        WaitMode[] all = values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].word);
        }
        return b.toString();
    }
}
