package org.neurorig.run;

import java.util.Locale;

/**
 * What a run's progress line shows.
 *
 * @param episodes         episodes ended in this run
 * @param lifetime         the last episode's length in ticks (-1 before the first ends)
 * @param episodeReturn    its return
 * @param best             the longest episode so far
 * @param recentLifetime   mean length of the last ten episodes
 * @param baseline         the rule's reward prediction (NaN without learning)
 * @param learningRate     the rule's learning rate (NaN without learning)
 * @param wakeP99Nanos     wake-up latency p99 so far, or -1 when not measured (yet: the warm-up; or at all: a
 *                         simulated rig run as fast as it computes)
 * @param overruns         ticks that missed their deadline
 * @param trips            watchdog trips
 * @param awaitingOperator a real rig waits for its operator to set the pole up
 * @param seconds          time since the run started
 */
record RunStatus(long episodes, int lifetime, double episodeReturn, int best, double recentLifetime, double baseline,
        double learningRate, long wakeP99Nanos, long overruns, long trips, boolean awaitingOperator, double seconds) {

    /**
     * The line, e.g. {@code 01:12 episode 37 | lifetime 212/500 (best 500, last 10: 190) | return 180.4 | ...}.
     *
     * @param episodeLimit an episode's tick limit, shown beside each lifetime
     */
    String line(int episodeLimit) {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(Locale.ROOT, "%s episode %d", clock(seconds), episodes));
        if (lifetime >= 0) {
            b.append(String.format(Locale.ROOT, " | lifetime %d/%d (best %d, last 10: %.0f) | return %.1f", lifetime,
                    episodeLimit, best, recentLifetime, episodeReturn));
        }
        if (!Double.isNaN(baseline)) {
            b.append(String.format(Locale.ROOT, " | baseline %.3g", baseline));
        }
        if (!Double.isNaN(learningRate)) {
            b.append(String.format(Locale.ROOT, " | eta %.3g", learningRate));
        }
        b.append(wakeP99Nanos >= 0 ? String.format(Locale.ROOT, " | wake p99 %d us", Math.round(wakeP99Nanos / 1e3))
                : " | wake p99 n/a");
        b.append(" | overruns ").append(overruns);
        if (trips > 0) {
            b.append(" | watchdog trips ").append(trips);
        }
        if (awaitingOperator) {
            b.append(" | waiting: set the pole upright and centre the cart");
        }
        return b.toString();
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
