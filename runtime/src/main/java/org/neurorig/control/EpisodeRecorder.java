package org.neurorig.control;

import org.neurorig.episode.Episodes;

/**
 * A controller that passes everything to another one and records each finished episode: how many
 * ticks it lasted, its return, and how it ended. A learning run's progress line and learning curve
 * read it; so does {@link org.neurorig.loop.EpisodeRunner}, to run whole episodes.
 *
 * <p>Written on the loop thread only, without allocating. The values of the last episode are plain
 * fields published by the volatile {@link #episodes()} count written after them: another thread that
 * reads the count first and the values after sees at least that episode's values (or a later one's).
 */
public final class EpisodeRecorder extends ForwardingController {

    /**
     * Told of each finished episode on the loop thread, after the controller has ended it (a learning
     * rule has applied its update and removed its perturbation) and before the plant is reset: the
     * moment to copy the weights a learner has reached. In a real-time loop it must not allocate or block.
     */
    @FunctionalInterface
    public interface Listener {
        void episodeEnded(EpisodeRecorder recorder);
    }

    private static final Listener NOBODY = r -> { };

    private final Listener listener;
    private long lastEpisode;
    private int lastLength;
    private double lastReturn;
    private boolean lastTerminal;
    private boolean lastTruncated;
    private boolean lastAborted;
    private volatile long episodes;

    public EpisodeRecorder(Controller controller) {
        this(controller, NOBODY);
    }

    /** A recorder that also tells {@code listener} of each finished episode. */
    public EpisodeRecorder(Controller controller, Listener listener) {
        super(controller);
        this.listener = listener;
    }

    /** Episodes that have ended (terminal, truncated or aborted) since this recorder was made. */
    public long episodes() {
        return episodes;
    }

    /** The last finished episode's number, as the loop counts them ({@link Tick#episode()}). */
    public long lastEpisode() {
        return lastEpisode;
    }

    /** The ticks the last finished episode commanded the plant (its length; 500 for a full CartPole-v1 episode). */
    public int lastLength() {
        return lastLength;
    }

    /** The sum of the last finished episode's rewards. */
    public double lastReturn() {
        return lastReturn;
    }

    /** Whether the last finished episode ended in a terminal state (the pole fell, the cart left the track). */
    public boolean lastTerminal() {
        return lastTerminal;
    }

    /** Whether the last finished episode reached the tick limit. */
    public boolean lastTruncated() {
        return lastTruncated;
    }

    /** Whether the watchdog aborted the last finished episode. */
    public boolean lastAborted() {
        return lastAborted;
    }

    @Override
    public void endEpisode(Tick tick) {
        controller.endEpisode(tick);
        lastEpisode = tick.episode();
        lastLength = tick.episodeTick();
        lastReturn = tick.episodeReturn();
        lastTerminal = tick.terminal();
        lastTruncated = tick.truncated();
        lastAborted = tick.aborted();
        episodes = episodes + 1; // single writer: the loop thread
        listener.episodeEnded(this);
    }
}
