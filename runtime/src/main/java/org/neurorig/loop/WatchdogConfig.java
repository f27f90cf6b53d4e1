package org.neurorig.loop;

/**
 * When the watchdog drives the safe state. A failed read, a fault on a write, a disconnect and an
 * exception always trip it; these are the thresholds of the rest.
 *
 * @param staleTicks       consecutive reads without a fresh sample ({@code STALE}) tolerated from one
 *                         device; one more trips {@link TripReason#NO_FRESH_DATA}
 * @param lateReplyNanos   a device read or write taking longer than this trips {@link TripReason#LATE_REPLY}
 * @param overrunPeriods   a tick ending more than this many periods after its deadline trips
 *                         {@link TripReason#OVERRUN}
 * @param stuckTicks       consecutive identical OK samples tolerated from one device before
 *                         {@link TripReason#STUCK_SENSOR}; 0 turns the check off (a plant at rest or a
 *                         coarse sensor legitimately repeats itself)
 * @param graceTicks       the timing checks (late reply, overrun) start after this many ticks: the first
 *                         ticks of a JVM load classes and run interpreted, and take milliseconds. Faults
 *                         (failed reads and writes, disconnects, exceptions) trip from the first tick.
 */
public record WatchdogConfig(int staleTicks, long lateReplyNanos, int overrunPeriods, int stuckTicks, int graceTicks) {

    public WatchdogConfig {
        if (staleTicks < 0 || overrunPeriods < 1 || stuckTicks < 0 || lateReplyNanos <= 0 || graceTicks < 0) {
            throw new IllegalArgumentException("watchdog: staleTicks " + staleTicks + ", lateReplyNanos " + lateReplyNanos
                    + ", overrunPeriods " + overrunPeriods + ", stuckTicks " + stuckTicks + ", graceTicks " + graceTicks
                    + ": expected staleTicks >= 0, lateReplyNanos > 0, overrunPeriods >= 1, stuckTicks >= 0, graceTicks >= 0");
        }
    }

    /** Without a grace period: every check from the first tick. */
    public WatchdogConfig(int staleTicks, long lateReplyNanos, int overrunPeriods, int stuckTicks) {
        this(staleTicks, lateReplyNanos, overrunPeriods, stuckTicks, 0);
    }

    /**
     * Defaults for a loop of the given period: 3 stale reads in a row, a reply later than one period,
     * a tick more than 2 periods late, timing checked from the 1000th tick on (one second at 1 kHz);
     * no stuck-sensor check.
     */
    public static WatchdogConfig defaults(long periodNanos) {
        return new WatchdogConfig(3, periodNanos, 2, 0, 1000);
    }

    public WatchdogConfig withStuckTicks(int ticks) {
        return new WatchdogConfig(staleTicks, lateReplyNanos, overrunPeriods, ticks, graceTicks);
    }
}
