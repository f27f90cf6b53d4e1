package org.neurorig.rig;

import org.neurorig.loop.ControlLoopBuilder;

/**
 * How an assembled rig's loop is driven: on a thread of its own in real time ({@link RealTimeRunner}),
 * or a tick at a time on the caller's thread on an injected clock ({@link InvokerRunner}). The mode is
 * chosen once, at assembly ({@link RigOptions#invoker()}), and sets up the loop before it is built.
 */
sealed interface RigRunner permits RealTimeRunner, InvokerRunner {

    /** Sets on the loop being built what this mode needs: its clock or latency recording (real-time settings go with the loop thread). */
    void configure(ControlLoopBuilder loop);

    /**
     * Stops driving the loop, which drives every actuator to its safe value on its way out, and what
     * runs beside it. Only after the runner has started.
     */
    void stop();
}
