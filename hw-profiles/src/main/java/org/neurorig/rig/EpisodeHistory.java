package org.neurorig.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.neurorig.control.EpisodeRecorder;

/**
 * Every episode's length, return and ending, kept as the rig's {@link EpisodeRecorder} records it on
 * the loop thread, and readable from any other (a progress line, a learning curve). The loop thread
 * writes into preallocated arrays and then publishes the count (a release store); a reader takes the
 * count (an acquire load) and reads entries below it. The last {@link #CAPACITY} episodes are kept;
 * read the recent ones, or read often.
 */
public final class EpisodeHistory implements EpisodeRecorder.Listener {

    /** How many episodes are kept. */
    public static final int CAPACITY = 1 << 14;

    /** How an episode ended. */
    public enum End {
        /** A terminal state: the pole fell or the cart reached a limit. */
        TERMINAL,
        /** The episode's tick limit. */
        TRUNCATED,
        /** The watchdog drove the safe state; the episode is void. */
        ABORTED
    }

    /**
     * One episode.
     *
     * @param number the episode's number (0, 1, ...)
     * @param ticks  ticks commanded in it: its length
     * @param reward its return, the sum of its rewards
     * @param end    how it ended
     */
    public record Episode(long number, int ticks, double reward, End end) {
    }

    private final long[] numbers = new long[CAPACITY];
    private final int[] lengths = new int[CAPACITY];
    private final double[] returns = new double[CAPACITY];
    private final byte[] ends = new byte[CAPACITY];
    private final AtomicLong count = new AtomicLong();
    private static final End[] END_VALUES = End.values();

    EpisodeHistory() {
    }

    /** Episodes recorded so far. */
    public long count() {
        return count.get();
    }

    /** Episode {@code i} (0-based, below {@link #count()} and among the last {@link #CAPACITY}). */
    public Episode get(long i) {
        long n = count.get();
        if (i < 0 || i >= n || i < n - CAPACITY) {
            throw new IndexOutOfBoundsException("episode " + i + " of " + n + " (the last " + CAPACITY + " are kept)");
        }
        int slot = (int) (i % CAPACITY);
        return new Episode(numbers[slot], lengths[slot], returns[slot], END_VALUES[ends[slot]]);
    }

    /** The last {@code n} episodes (fewer when fewer have ended), oldest first. */
    public List<Episode> last(int n) {
        long total = count.get();
        List<Episode> list = new ArrayList<>();
        for (long i = Math.max(0, total - Math.min(n, CAPACITY)); i < total; i++) {
            list.add(get(i));
        }
        return list;
    }

    @Override
    public void episodeEnded(EpisodeRecorder recorder) {
        long n = count.get();
        int slot = (int) (n % CAPACITY);
        numbers[slot] = recorder.lastEpisode();
        lengths[slot] = recorder.lastLength();
        returns[slot] = recorder.lastReturn();
        ends[slot] = (byte) (recorder.lastAborted() ? End.ABORTED : recorder.lastTruncated() ? End.TRUNCATED : End.TERMINAL).ordinal();
        count.lazySet(n + 1);
    }
}
