package org.neurorig.loop;

import org.agrona.concurrent.IdleStrategy;
import org.neurorig.os.MonotonicClock;

/**
 * An Agrona {@link IdleStrategy} that waits for the loop's next absolute deadline instead of for a
 * fixed time, in one of the {@link WaitMode}s. It runs on the loop thread (an {@code AgentRunner}
 * calls it after each {@link ControlLoop#doWork()} that found nothing to do) and allocates nothing.
 */
public final class DeadlineIdleStrategy implements IdleStrategy {

    private final ControlLoop loop;
    private final MonotonicClock clock;
    private final WaitMode mode;
    private final long spinNanos;

    /**
     * @param spinNanos for {@link WaitMode#SPIN_THEN_SLEEP}: how long before the deadline to stop sleeping
     *                  and spin (about the wake-up latency's high percentiles, e.g. 50 us)
     */
    public DeadlineIdleStrategy(ControlLoop loop, MonotonicClock clock, WaitMode mode, long spinNanos) {
        this.loop = loop;
        this.clock = clock;
        this.mode = mode;
        this.spinNanos = spinNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            return; // a tick just ran: go straight back to see whether the next one is due
        }
        idle();
    }

    @Override
    public void idle() {
        long deadline = loop.nextDeadline();
        switch (mode) {
            case SLEEP -> clock.sleepUntil(deadline);
            case SPIN_THEN_SLEEP -> {
                clock.sleepUntil(deadline - spinNanos);
                clock.spinUntil(deadline);
            }
            case BUSY_SPIN -> clock.spinUntil(deadline);
            default -> throw new IllegalStateException(mode.name());
        }
    }

    @Override
    public void reset() {
        // nothing to reset: every wait is computed from the deadline
    }

    @Override
    public String alias() {
        return "deadline-" + mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
