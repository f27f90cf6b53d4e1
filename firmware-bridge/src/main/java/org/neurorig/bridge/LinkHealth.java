package org.neurorig.bridge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to a link: how often it was lost and reopened, when and why it was last lost, and the
 * newest problem in one line. The link's I/O thread writes, any thread reads.
 */
public final class LinkHealth {

    private final AtomicLong losses = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile long lostAtNanos;
    private volatile String lossReason = "";
    private volatile String lastProblem = "";

    void lost(long atNanos, String reason) {
        lostAtNanos = atNanos;
        lossReason = reason;
        lastProblem = reason;
        losses.lazySet(losses.get() + 1); // last, single writer: a reader that sees the count sees the reason
    }

    void reconnected() {
        reconnects.lazySet(reconnects.get() + 1);
    }

    void problem(String line) {
        lastProblem = line;
    }

    public long losses() {
        return losses.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    /** When the link was last lost (System.nanoTime()), 0 if never. */
    public long lostAtNanos() {
        return lostAtNanos;
    }

    /** Why the link was last lost, in one line (empty if never). */
    public String lossReason() {
        return lossReason;
    }

    /** The newest problem in one line (empty if none): why the link was lost, why reconnecting fails. */
    public String lastProblem() {
        return lastProblem;
    }
}
