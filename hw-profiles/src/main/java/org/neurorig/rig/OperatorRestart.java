package org.neurorig.rig;

import org.neurorig.episode.Episodes;
import org.neurorig.profile.RigProfile;

/**
 * When a real rig's next episode may begin: it cannot be reset into a state, so after an episode ends
 * (the motor at its safe value) someone sets the pole back up; the episode begins once every sensor
 * with a terminal condition has been within a fraction of its limit for a hold time without a break
 * (the pole held upright near the centre, then let go). Runs on the loop thread; allocates nothing.
 */
final class OperatorRestart implements Episodes.StartGate {

    private final TerminalConditions conditions;
    private final double fraction;
    private final int holdTicks;
    private int heldFor;

    private OperatorRestart(TerminalConditions conditions, double fraction, int holdTicks) {
        this.conditions = conditions;
        this.fraction = fraction;
        this.holdTicks = Math.max(1, holdTicks);
    }

    /** The gate {@code [episodes]} describes: its restart fraction, held for its restart time at the loop's rate. */
    static OperatorRestart of(RigProfile profile) {
        int hold = (int) Math.round(profile.episodes().restartHoldSeconds() * profile.rateHz());
        return new OperatorRestart(new TerminalConditions(profile.safety(), profile.sensors()),
                profile.episodes().restartFraction(), hold);
    }

    @Override
    public boolean ready(double[] sensors) {
        heldFor = conditions.allWithin(sensors, fraction) ? heldFor + 1 : 0;
        if (heldFor >= holdTicks) {
            heldFor = 0; // the next episode's wait starts afresh
            return true;
        }
        return false;
    }
}
