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
 */
public record WatchdogConfig(int staleTicks, long lateReplyNanos, int overrunPeriods, int stuckTicks) {

    public WatchdogConfig {
        if (staleTicks < 0 || overrunPeriods < 1 || stuckTicks < 0 || lateReplyNanos <= 0) {
            throw new IllegalArgumentException("watchdog: staleTicks " + staleTicks + ", lateReplyNanos " + lateReplyNanos
                    + ", overrunPeriods " + overrunPeriods + ", stuckTicks " + stuckTicks
                    + ": expected staleTicks >= 0, lateReplyNanos > 0, overrunPeriods >= 1, stuckTicks >= 0");
        }
    }

    /**
     * Defaults for a loop of the given period: 3 stale reads in a row, a reply later than one period,
     * a tick more than 2 periods late; no stuck-sensor check.
     */
    public static WatchdogConfig defaults(long periodNanos) {
        return new WatchdogConfig(3, periodNanos, 2, 0);
    }

    public WatchdogConfig withStuckTicks(int ticks) {
        return new WatchdogConfig(staleTicks, lateReplyNanos, overrunPeriods, ticks);
    }
}
