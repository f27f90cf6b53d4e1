package org.neurorig.loop;

import org.neurorig.control.Tick;

/** The loop's {@link Tick}: written by its {@link EpisodeDriver} only, on the loop thread, between controller calls. */
final class CurrentTick implements Tick {

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

    CurrentTick() {
    }

    @Override
    public long index() {
        return index;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public long wakeNanos() {
        return wakeNanos;
    }

    @Override
    public long periodNanos() {
        return periodNanos;
    }

    @Override
    public long episode() {
        return episode;
    }

    @Override
    public int episodeTick() {
        return episodeTick;
    }

    @Override
    public boolean firstOfEpisode() {
        return episodeTick == 0;
    }

    @Override
    public double reward() {
        return reward;
    }

    @Override
    public double episodeReturn() {
        return episodeReturn;
    }

    @Override
    public boolean terminal() {
        return terminal;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
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
