package org.neurorig.loop;

/**
 * The loop's view of the current tick, handed to the {@link Controller}. One instance per loop, reused
 * every tick, written only by the loop thread; read it during the call it is passed to.
 */
public final class Tick {

    static final float[] NO_ACTIVITY = new float[0];

    private long index;
    private long deadlineNanos;
    private long wakeNanos;
    private long periodNanos;
    private long episode;
    private int episodeTick;
    private double reward;
    private double episodeReturn;
    private boolean terminal;
    private boolean truncated;
    private boolean aborted;

    Tick() {
    }

    /** The tick's number since the loop started (0, 1, ...; skipped deadlines are not numbered). */
    public long index() {
        return index;
    }

    /** When this tick was due, on the loop's clock (CLOCK_MONOTONIC ns, or a test's clock). */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** When this tick started, on the loop's clock; {@code wakeNanos() - deadlineNanos()} is the wake-up latency. */
    public long wakeNanos() {
        return wakeNanos;
    }

    /** The loop's period in nanoseconds. */
    public long periodNanos() {
        return periodNanos;
    }

    /** The episode's number (0, 1, ...); always 0 without an episodic plant. */
    public long episode() {
        return episode;
    }

    /** Ticks since this episode started: 0 on its first tick. */
    public int episodeTick() {
        return episodeTick;
    }

    /** Whether this is the first tick of an episode (no reward yet: the plant was just reset). */
    public boolean firstOfEpisode() {
        return episodeTick == 0;
    }

    /** The reward for the transition into the current sensor values (see {@link Controller}). */
    public double reward() {
        return reward;
    }

    /** The sum of this episode's rewards so far, this tick's included. */
    public double episodeReturn() {
        return episodeReturn;
    }

    /** In {@link Controller#endEpisode}: the state is terminal (the plant's or the task's rule). */
    public boolean terminal() {
        return terminal;
    }

    /** In {@link Controller#endEpisode}: the episode reached its tick limit without a terminal state. */
    public boolean truncated() {
        return truncated;
    }

    /** In {@link Controller#endEpisode}: the watchdog stopped the episode; its data are void. */
    public boolean aborted() {
        return aborted;
    }

    void begin(long tickIndex, long deadline, long wake, long period) {
        index = tickIndex;
        deadlineNanos = deadline;
        wakeNanos = wake;
        periodNanos = period;
        reward = 0;
        terminal = false;
        truncated = false;
        aborted = false;
    }

    void reward(double value) {
        reward = value;
        episodeReturn += value;
    }

    void ending(boolean isTerminal, boolean isTruncated, boolean isAborted) {
        terminal = isTerminal;
        truncated = isTruncated;
        aborted = isAborted;
    }

    void newEpisode() {
        episode++;
        episodeTick = 0;
        episodeReturn = 0;
        reward = 0;
        terminal = false;
        truncated = false;
        aborted = false;
    }

    void advanceEpisodeTick() {
        episodeTick++;
    }
}
