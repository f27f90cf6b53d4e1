package org.neurorig.bridge;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.neurorig.bridge.codec.StateFrame;

/**
 * Hands the newest {@code STATE} from the link's I/O thread to the control tick without a lock: a
 * sequence lock with one writer. The writer makes the version odd, copies, makes it even; a reader
 * copies and keeps the copy only if the version was even and unchanged around it. The writer never
 * waits; a reader retries only while a copy is in progress (a few hundred nanoseconds at most).
 */
final class StateExchange {

    private final AtomicLong version = new AtomicLong();
    private final StateSample slot;

    StateExchange(int sensorCount, int actuatorCount) {
        slot = new StateSample(sensorCount, actuatorCount);
    }

    /** Writer (I/O thread only). */
    void publish(StateFrame frame, int seq, long arrivalNanos) {
        long v = version.get();
        version.setOpaque(v + 1);
        VarHandle.storeStoreFence(); // the odd version is visible before any field changes
        slot.seq = seq;
        slot.timeMicros = frame.timeMicros();
        slot.commandSeq = frame.commandSeq();
        slot.flags = frame.flags();
        slot.episode = frame.episode();
        slot.arrivalNanos = arrivalNanos;
        for (int i = 0; i < slot.outputs.length; i++) {
            slot.outputs[i] = frame.output(i);
        }
        boolean truth = frame.hasTruth();
        for (int i = 0; i < slot.sensors.length; i++) {
            slot.sensors[i] = frame.sensor(i);
            slot.truth[i] = truth ? frame.truth(i) : Float.NaN;
        }
        version.setRelease(v + 2);
    }

    /** Reader: copies the newest sample into {@code into}; false when none has been published yet. */
    boolean read(StateSample into) {
        while (true) {
            long before = version.getAcquire();
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            if (before == 0) {
                return false;
            }
            into.seq = slot.seq;
            into.timeMicros = slot.timeMicros;
            into.commandSeq = slot.commandSeq;
            into.flags = slot.flags;
            into.episode = slot.episode;
            into.arrivalNanos = slot.arrivalNanos;
            System.arraycopy(slot.outputs, 0, into.outputs, 0, into.outputs.length);
            System.arraycopy(slot.sensors, 0, into.sensors, 0, into.sensors.length);
            System.arraycopy(slot.truth, 0, into.truth, 0, into.truth.length);
            VarHandle.loadLoadFence(); // the copy is complete before the version is checked again
            if (version.get() == before) {
                return true;
            }
        }
    }
}
