package org.neurorig.control;

/**
 * The loop's view of the current tick, handed to the {@link Controller}: read it during the call it is
 * passed to (the loop reuses one instance, written only by the loop thread).
 */
public interface Tick {

    /** The tick's number since the loop started (0, 1, ...; skipped deadlines are not numbered). */
    long index();

    /** When this tick was due, on the loop's clock (CLOCK_MONOTONIC ns, or a test's clock). */
    long deadlineNanos();

    /** When this tick started, on the loop's clock; {@code wakeNanos() - deadlineNanos()} is the wake-up latency. */
    long wakeNanos();

    /** The loop's period in nanoseconds. */
    long periodNanos();

    /** The episode's number (0, 1, ...); always 0 without an episodic plant. */
    long episode();

    /** Ticks since this episode started: 0 on its first tick. */
    int episodeTick();

    /** Whether this is the first tick of an episode (no reward yet: the plant was just reset). */
    boolean firstOfEpisode();

    /** The reward for the transition into the current sensor values (see {@link Controller}). */
    double reward();

    /** The sum of this episode's rewards so far, this tick's included. */
    double episodeReturn();

    /** In {@link Controller#endEpisode}: the state is terminal (the plant's or the task's rule). */
    boolean terminal();

    /** In {@link Controller#endEpisode}: the episode reached its tick limit without a terminal state. */
    boolean truncated();

    /** In {@link Controller#endEpisode}: the watchdog stopped the episode; its data are void. */
    boolean aborted();
}
