package org.neurorig.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.WeightMatrix;

/**
 * A copy of a network's weights, taken on the loop thread at an episode's end and handed to the
 * thread that saves it ({@link PeriodicCheckpoint}). One slot, three states, each moved on by one side
 * only, so neither side locks or waits:
 * <pre>
 *   FREE --saver: request()--&gt; WANTED --loop: episodeEnded()--&gt; READY --saver: release()--&gt; FREE
 * </pre>
 * The loop copies only when asked, at the moment the rule has ended the episode (weight perturbation's
 * trial perturbation is off, an episodic update is in): System.arraycopy into arrays made here, no
 * allocation. An online rule's updates still held back ({@link ThreeFactorRule#applyPendingUpdates()})
 * are not in the copy; applying them early would change what the rule learns.
 */
public final class WeightSnapshot {

    private static final int FREE = 0;
    private static final int WANTED = 1;
    private static final int READY = 2;

    private final List<WeightMatrix> live;
    private final List<WeightMatrix> copy;
    private final AtomicInteger state = new AtomicInteger(FREE);
    private final AtomicLong episodesEnded = new AtomicLong();
    private long copiedAt;

    private WeightSnapshot(List<WeightMatrix> live, long episodesBefore) {
        this.live = live;
        this.episodesEnded.set(episodesBefore);
        List<WeightMatrix> copies = new ArrayList<>();
        for (WeightMatrix m : live) {
            copies.add(new WeightMatrix(m.name(), m.rows(), m.cols(), new float[m.data().length]));
        }
        this.copy = List.copyOf(copies);
    }

    /**
     * A snapshot of the weights {@link Checkpoint#save(java.nio.file.Path, RateNetwork)} saves.
     *
     * @param episodesBefore the episodes the weights had learned over already (a resumed run's checkpoint's)
     */
    public static WeightSnapshot of(RateNetwork network, long episodesBefore) {
        return new WeightSnapshot(Checkpoint.rateMatrices(network), episodesBefore);
    }

    /**
     * Loop thread, after an episode has ended ({@code episodes} have ended in all, counting the
     * {@code episodesBefore}): copies the weights
     * if a copy is wanted. Allocation-free.
     */
    public void episodeEnded(long episodes) {
        episodesEnded.lazySet(episodes);
        if (state.get() == WANTED) {
            for (int i = 0; i < live.size(); i++) {
                float[] from = live.get(i).data();
                System.arraycopy(from, 0, copy.get(i).data(), 0, from.length);
            }
            copiedAt = episodes;
            state.lazySet(READY); // ordered after the copy: the saver that sees READY sees the weights
        }
    }

    /** Episodes ended so far, as the loop last told. */
    public long episodesEnded() {
        return episodesEnded.get();
    }

    /** Saver: asks the loop for a copy at its next episode end; false when one is wanted or not yet released. */
    boolean request() {
        return state.compareAndSet(FREE, WANTED);
    }

    /** Saver: whether the copy asked for has been made. */
    boolean ready() {
        return state.get() == READY;
    }

    /** Saver, once {@link #ready()}: the copied matrices. */
    List<WeightMatrix> matrices() {
        return copy;
    }

    /** Saver, once {@link #ready()}: the episodes that had ended when the copy was made. */
    long copiedAtEpisodes() {
        return copiedAt;
    }

    /** Saver: done with the copy. */
    void release() {
        state.set(FREE);
    }
}
