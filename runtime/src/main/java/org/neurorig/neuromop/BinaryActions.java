package org.neurorig.neuromop;

/**
 * The 2^M actions a in {-1, +1}^M, numbered 0 .. 2^M - 1: bit k of the number is component k
 * (bit set: +1, clear: -1). So action 0 is all -1 and action 2^M - 1 is all +1.
 */
public final class BinaryActions {

    /** 2^M must index a Java array of successors: M is at most this. */
    public static final int MAX_BITS = 16;

    private BinaryActions() {
    }

    /** 2^M. */
    public static int count(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("neuromop.actionBits = " + bits + " is out of range: expected 1 to "
                    + MAX_BITS + " (2^M actions)");
        }
        return 1 << bits;
    }

    /** Component k (+1 or -1) of action a. */
    public static float component(int action, int k) {
        return ((action >>> k) & 1) != 0 ? 1f : -1f;
    }
}
