package org.neurorig.bridge;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a device reported besides its state: the newest ACK and PONG, and its FAULT frames. The link's
 * receiving side writes (one thread at a time), any thread reads; no lock, no allocation.
 */
public final class DeviceReports {

    private static final int CODES = 256;
    private static final int RAISED = CODES; // the total, after one count per code

    private final AtomicLongArray faults = new AtomicLongArray(CODES + 1);
    private volatile long lastAck = -1;
    private volatile int lastFaultCode;
    private volatile int rxRejected;
    private volatile int rxLost;
    private volatile long pongArrivalNanos;
    private volatile long pongToken = -1;

    void ack(int type, int seq, int result) {
        lastAck = ((long) type << 24) | ((long) seq << 8) | result;
    }

    void pong(long token, int deviceRxRejected, int deviceRxLost, long arrivalNanos) {
        rxRejected = deviceRxRejected;
        rxLost = deviceRxLost;
        pongArrivalNanos = arrivalNanos;
        pongToken = token; // last: a reader that sees the token sees the rest
    }

    void fault(int code, boolean raised) {
        lastFaultCode = code;
        if (raised) {
            count(RAISED);
            count(code & 0xFF);
        }
    }

    /** Single writer: a plain read and an ordered write are enough. */
    private void count(int index) {
        faults.lazySet(index, faults.get(index) + 1);
    }

    /**
     * The result ({@code Protocol.ACK_*}) of the newest ACK when it acknowledges frame {@code seq} of
     * {@code type}; -1 when the newest ACK is for another frame or none has come.
     */
    public int ackResult(int type, int seq) {
        long ack = lastAck;
        if (ack < 0 || ((int) (ack >>> 24) & 0xFF) != type || ((int) (ack >>> 8) & 0xFFFF) != seq) {
            return -1;
        }
        return (int) ack & 0xFF;
    }

    /** The token of the newest PONG, or -1. */
    public long pongToken() {
        return pongToken;
    }

    /** When the newest PONG was decoded (System.nanoTime()); read after {@link #pongToken()}. */
    public long pongArrivalNanos() {
        return pongArrivalNanos;
    }

    /** Frames the device rejected, from its newest PONG. */
    public int rxRejected() {
        return rxRejected;
    }

    /** Host frames the device counted as lost, from its newest PONG. */
    public int rxLost() {
        return rxLost;
    }

    /** FAULT frames with the raised flag. */
    public long faultsRaised() {
        return faults.get(RAISED);
    }

    /** FAULT frames raised with this code ({@code Protocol.FAULT_*}). */
    public long faultsRaised(int code) {
        return faults.get(code & 0xFF);
    }

    /** The code of the newest FAULT, raised or cleared (0: none yet). */
    public int lastFaultCode() {
        return lastFaultCode;
    }
}
