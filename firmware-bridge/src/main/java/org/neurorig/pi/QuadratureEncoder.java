package org.neurorig.pi;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * A quadrature encoder on two GPIO inputs, counted in Pi4J's event threads, off the control thread:
 * every edge of A or B moves the count by one (four counts per line); channel A leading B counts up.
 * An event that reports the level its channel already had means a pulse on that channel went by
 * unseen (two edges lost, the direction unknown): it is counted as missed, not guessed at.
 */
final class QuadratureEncoder {

    /** Count change for (previous AB << 2 | new AB), AB = A << 1 | B, one channel changing; forward is 00, 10, 11, 01. */
    private static final int[] STEP = {
        0, -1, +1, 0,
        +1, 0, 0, -1,
        -1, 0, 0, +1,
        0, +1, -1, 0};

    private final DigitalInput a;
    private final DigitalInput b;
    private int state; // AB, guarded by this
    private volatile long count;
    private volatile long missedEdges;

    QuadratureEncoder(Context context, PiCartPoleConfig c, String idPrefix) {
        DigitalInputProvider inputs = context.provider(IOType.DIGITAL_INPUT);
        this.a = inputs.create(DigitalInput.newConfigBuilder(context).id(idPrefix + "encoder-a").name("cart encoder A")
                .address(c.encoderPinA()).pull(PullResistance.PULL_UP).debounce(0L));
        this.b = inputs.create(DigitalInput.newConfigBuilder(context).id(idPrefix + "encoder-b").name("cart encoder B")
                .address(c.encoderPinB()).pull(PullResistance.PULL_UP).debounce(0L));
        synchronized (this) {
            state = (a.state().isHigh() ? 2 : 0) | (b.state().isHigh() ? 1 : 0);
        }
        a.addListener(e -> edge(2, e.state().isHigh()));
        b.addListener(e -> edge(1, e.state().isHigh()));
    }

    /** An edge on channel {@code bit} (2: A, 1: B); A's and B's events may arrive on different threads. */
    synchronized void edge(int bit, boolean high) {
        if (((state & bit) != 0) == high) {
            missedEdges += 2;
            return;
        }
        int next = state ^ bit;
        count += STEP[state << 2 | next];
        state = next;
    }

    /** The count since configuration; read by the I/O agent without locking. */
    long count() {
        return count;
    }

    long missedEdges() {
        return missedEdges;
    }

    void shutdown(Context context) {
        for (String id : new String[] {a.id(), b.id()}) {
            try {
                context.shutdown(id);
            } catch (RuntimeException e) {
                // already shut down with the context
            }
        }
    }
}
