package org.neurorig.bridge.codec;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a receiver saw: frames accepted, frames lost (gaps in the sender's sequence numbers), and frames
 * dropped by reason. One thread writes (the receiver's), any thread reads; no locks, no allocation.
 */
public final class ReceiveCounters {

    private static final int ACCEPTED = RejectReason.values().length;
    private static final int LOST = ACCEPTED + 1;

    private final AtomicLongArray counts = new AtomicLongArray(LOST + 1);

    void countRejected(RejectReason reason) {
        increment(reason.ordinal(), 1);
    }

    void countAccepted() {
        increment(ACCEPTED, 1);
    }

    void countLost(int frames) {
        increment(LOST, frames);
    }

    /** Single writer: a plain read and an ordered write are enough, and cost no atomic instruction. */
    private void increment(int index, long by) {
        counts.lazySet(index, counts.get(index) + by);
    }

    public long accepted() {
        return counts.get(ACCEPTED);
    }

    public long lost() {
        return counts.get(LOST);
    }

    public long rejected(RejectReason reason) {
        return counts.get(reason.ordinal());
    }

    public long rejectedTotal() {
        long sum = 0;
        for (RejectReason r : RejectReason.values()) {
            sum += rejected(r);
        }
        return sum;
    }

    /** For messages: {@code accepted 120, lost 2, rejected 3 (CRC 2, LENGTH 1)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("accepted ").append(accepted()).append(", lost ").append(lost()).append(", rejected ")
                .append(rejectedTotal());
        String sep = " (";
        for (RejectReason r : RejectReason.values()) {
            long n = rejected(r);
            if (n > 0) {
                sb.append(sep).append(r).append(' ').append(n);
                sep = ", ";
            }
        }
        if (!sep.equals(" (")) {
            sb.append(')');
        }
        return sb.toString();
    }
}
