package org.neurorig.loop;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the loop has done so far, counted on the loop thread and readable from any other at any time.
 * One writer: every count is bumped with a plain read and a release store ({@code lazySet}), never a
 * locked read-modify-write, so counting costs the tick next to nothing.
 */
final class LoopCounters {

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong skippedPeriods = new AtomicLong();
    private final AtomicLong trips = new AtomicLong();
    private final AtomicLong readsNotOk = new AtomicLong();
    private final AtomicLong episodesEnded = new AtomicLong();
    private volatile TripReason lastTripReason;

    // ---- the loop thread

    void ticksRun(long count) {
        ticks.lazySet(count);
    }

    /** A tick ended after its successor's deadline; {@code missed} deadlines passed during it. */
    void overrun(long missed) {
        overruns.lazySet(overruns.get() + 1);
        skippedPeriods.lazySet(skippedPeriods.get() + missed);
    }

    void tripped(TripReason reason) {
        lastTripReason = reason;
        trips.lazySet(trips.get() + 1);
    }

    void readNotOk() {
        readsNotOk.lazySet(readsNotOk.get() + 1);
    }

    void episodeEnded() {
        episodesEnded.lazySet(episodesEnded.get() + 1);
    }

    // ---- any thread

    long ticks() {
        return ticks.get();
    }

    long overruns() {
        return overruns.get();
    }

    long skippedPeriods() {
        return skippedPeriods.get();
    }

    long trips() {
        return trips.get();
    }

    TripReason lastTripReason() {
        return lastTripReason;
    }

    long readsNotOk() {
        return readsNotOk.get();
    }

    long episodesEnded() {
        return episodesEnded.get();
    }
}
