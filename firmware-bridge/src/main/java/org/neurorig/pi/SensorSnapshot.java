package org.neurorig.pi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The newest sensor sample, handed from the I/O thread (the one writer) to the control loop (the
 * reader) without locks or allocation: a sequence lock. The writer makes the sequence odd, writes,
 * and makes it even again; the reader copies and keeps the copy only if the sequence was the same
 * even number before and after. A reader never waits for the writer: after a few torn copies it gives
 * up and the caller reports the previous sample as stale.
 */
final class SensorSnapshot {

    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(SensorSnapshot.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int ATTEMPTS = 4;

    @SuppressWarnings("unused") // accessed through SEQUENCE
    private long sequence;
    private final double[] values;
    private long sampleNanos;
    private boolean sensorFault;

    // The reader's copy of the last consistent sample.
    private long copiedNanos;
    private boolean copiedFault;

    SensorSnapshot(int size) {
        this.values = new double[size];
    }

    /** Writer (the I/O thread only): publishes a sample. */
    void publish(double[] sample, long nanos, boolean fault) {
        long s = (long) SEQUENCE.getOpaque(this);
        SEQUENCE.setOpaque(this, s + 1);
        VarHandle.storeStoreFence(); // the odd sequence is visible before any value changes
        System.arraycopy(sample, 0, values, 0, values.length);
        sampleNanos = nanos;
        sensorFault = fault;
        SEQUENCE.setRelease(this, s + 2);
    }

    /**
     * Reader (the loop thread only): copies the newest consistent sample into {@code out}. Returns its
     * sequence number (0: nothing published yet), or -1 when every attempt met the writer mid-write,
     * in which case {@code out} is untouched.
     */
    long copyTo(double[] out, double[] scratch) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long before = (long) SEQUENCE.getAcquire(this);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            System.arraycopy(values, 0, scratch, 0, scratch.length);
            long nanos = sampleNanos;
            boolean fault = sensorFault;
            VarHandle.loadLoadFence(); // the copies above are done before the sequence is read again
            if ((long) SEQUENCE.getAcquire(this) == before) {
                System.arraycopy(scratch, 0, out, 0, scratch.length);
                copiedNanos = nanos;
                copiedFault = fault;
                return before;
            }
        }
        return -1;
    }

    /** When the last copied sample was taken (the I/O thread's clock). */
    long copiedNanos() {
        return copiedNanos;
    }

    /** Whether the last copied sample came with a sensor fault. */
    boolean copiedFault() {
        return copiedFault;
    }
}
