package org.neurorig.learning;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Saves a learning network's weights while it runs, so that a crash (a kill, a power cut) loses at
 * most one interval of learning: a duty-cycle agent for a thread of its own, or invoked between ticks.
 * A checkpoint is due once {@code everyEpisodes} episodes have ended since the last one was asked for
 * and at least {@code minInterval} has passed since the last was saved (the floor spares an SD card a
 * write per second on a fast rig). It asks the loop for a {@link WeightSnapshot} at the next episode
 * end, and when the copy is there writes it with {@link Checkpoint#save(Path, java.util.List, long)}:
 * atomically, the previous checkpoint in place until the new one is on disk. The loop only copies
 * arrays; the encoding, the write and the fsync happen here.
 *
 * <p>A save that fails (a full disk) is one warning; the previous checkpoint stays and the next
 * interval tries again. The agent's counters are safe to read from any thread.
 */
public final class PeriodicCheckpoint implements Agent {

    private final WeightSnapshot snapshot;
    private final Path file;
    private final int everyEpisodes;
    private final long minIntervalNanos;
    private final NanoClock clock;
    private final Consumer<String> warnings;
    private long askedAtEpisodes;
    private long savedAtNanos;
    private boolean failing;
    private volatile long saves;
    private volatile long savedEpisodes = Checkpoint.UNKNOWN;

    /**
     * @param everyEpisodes    episodes between checkpoints; 0 for none (only the final one, saved by its owner)
     * @param minIntervalNanos the least time between two checkpoints
     * @param warnings         a failed save, one line each
     */
    public PeriodicCheckpoint(WeightSnapshot snapshot, Path file, int everyEpisodes, long minIntervalNanos, NanoClock clock,
            Consumer<String> warnings) {
        if (everyEpisodes < 0 || minIntervalNanos < 0) {
            throw new IllegalArgumentException("everyEpisodes = " + everyEpisodes + ", minIntervalNanos = " + minIntervalNanos
                    + ": expected 0 or more");
        }
        this.snapshot = snapshot;
        this.file = file;
        this.everyEpisodes = everyEpisodes;
        this.minIntervalNanos = minIntervalNanos;
        this.clock = clock;
        this.warnings = warnings;
        this.savedAtNanos = clock.nanoTime();
        this.askedAtEpisodes = snapshot.episodesEnded();
    }

    @Override
    public String roleName() {
        return "neurorig-checkpoint";
    }

    @Override
    public void onStart() {
        Checkpoint.removeStaleTemporaries(file); // what a kill during an earlier save left
    }

    @Override
    public int doWork() {
        if (snapshot.ready()) {
            save();
            return 1;
        }
        long ended = snapshot.episodesEnded();
        if (everyEpisodes > 0 && ended - askedAtEpisodes >= everyEpisodes && clock.nanoTime() - savedAtNanos >= minIntervalNanos
                && snapshot.request()) {
            askedAtEpisodes = ended;
            return 1;
        }
        return 0;
    }

    private void save() {
        long episodes = snapshot.copiedAtEpisodes();
        try {
            Checkpoint.save(file, snapshot.matrices(), episodes);
            saves++;
            savedEpisodes = episodes;
            if (failing) {
                warnings.accept("checkpoints are saved again (" + file + ", after episode " + episodes + ")");
                failing = false;
            }
        } catch (CheckpointException | RuntimeException e) {
            if (!failing) {
                warnings.accept("a periodic checkpoint was not saved: " + e.getMessage() + "; the run goes on and tries again");
                failing = true;
            }
        } finally {
            savedAtNanos = clock.nanoTime();
            snapshot.release();
        }
    }

    /** Checkpoints saved so far. */
    public long saves() {
        return saves;
    }

    /** The episodes the last saved checkpoint had learned over, or {@link Checkpoint#UNKNOWN} before the first. */
    public long savedEpisodes() {
        return savedEpisodes;
    }

    /** Between checkpoints, for a description: "every 10 episodes, at most every 30 s". */
    public String interval() {
        if (everyEpisodes == 0) {
            return "only at the end";
        }
        long s = TimeUnit.NANOSECONDS.toSeconds(minIntervalNanos);
        return "every " + everyEpisodes + " episode" + (everyEpisodes == 1 ? "" : "s") + (s > 0 ? ", at most every " + s + " s" : "");
    }
}
