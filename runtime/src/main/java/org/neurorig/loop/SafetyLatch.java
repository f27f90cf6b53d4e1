package org.neurorig.loop;

import org.neurorig.device.Device;

/**
 * The loop's safe state, latched: a {@link #trip} drives every device's safe state, sets the commands
 * to their safe values and ends an episode in progress as aborted; from then on the loop reads and
 * publishes (so the log shows what happened) but neither updates the controller nor writes, until a
 * {@link #requestRearm() rearm} asked from any thread is taken at the start of a tick.
 *
 * <p>Owned by the loop thread, except {@link #requestRearm()} and {@link #driveSafeState()}.
 */
final class SafetyLatch {

    private final Device[] devices;
    private final CommandGuard guard;
    private final Watchdog watchdog;
    private final LoopCounters counters;
    private EpisodeDriver episode;
    private boolean tripped;
    private TripReason reason;
    private int device = -1;
    private volatile boolean rearmRequested;

    SafetyLatch(Device[] devices, CommandGuard guard, Watchdog watchdog, LoopCounters counters) {
        this.devices = devices;
        this.guard = guard;
        this.watchdog = watchdog;
        this.counters = counters;
    }

    /** The episodes a trip aborts; the driver trips this latch in turn, hence wired after both exist. */
    void aborts(EpisodeDriver driver) {
        episode = driver;
    }

    boolean tripped() {
        return tripped;
    }

    /** For the telemetry record: the trip's reason as its ordinal, or -1 when not tripped. */
    int reasonCode() {
        return tripped ? reason.ordinal() : -1;
    }

    /** For the telemetry record: the device that tripped the latch, or -1 (none, or not a device's fault). */
    int deviceCode() {
        return tripped ? device : -1;
    }

    /** Latches the safe state; {@code deviceIndex} is the device at fault, or -1. Called only when not tripped. */
    void trip(TripReason why, int deviceIndex) {
        tripped = true;
        reason = why;
        device = deviceIndex;
        counters.tripped(why);
        driveSafeState();
        guard.toSafe();
        episode.onTrip(why);
    }

    /** Any thread: leave the safe state at the next tick. */
    void requestRearm() {
        rearmRequested = true;
    }

    /**
     * At the start of a tick: takes a requested rearm. The watchdog forgets its runs of stale and stuck
     * samples, and commands ramp again from the safe values (under slew limits).
     */
    void rearmIfRequested() {
        if (!rearmRequested) {
            return;
        }
        rearmRequested = false;
        tripped = false;
        reason = null;
        device = -1;
        watchdog.reset();
        guard.toSafe();
    }

    /** Every device's safe state; may be called from any thread ({@link Device#safeState()} allows it). */
    void driveSafeState() {
        for (Device d : devices) {
            try {
                d.safeState();
            } catch (RuntimeException e) {
                // safeState must not throw; if one does, the others still get theirs
            }
        }
    }
}
