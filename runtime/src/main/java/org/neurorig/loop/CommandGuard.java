package org.neurorig.loop;

/**
 * Applies {@link ActuatorLimits} to every command of a tick, in this order: a NaN or infinite command
 * becomes the safe value; the value is clamped to [min, max]; the change from the last value written is
 * limited to {@code maxSlewPerSecond * period}. The guarded commands start at (and after a safe
 * state, return to) the safe values, so commands ramp up from rest under a slew limit.
 *
 * <p>The guard owns the commands it lets through ({@link #commands()}): the devices are written
 * from them and nothing else writes into them. Owned by the loop thread; allocates nothing. Returns
 * flags instead of throwing, and counts.
 */
public final class CommandGuard {

    /** At least one command was NaN or infinite and was replaced with the safe value. */
    public static final int NON_FINITE = 1;
    /** At least one command was outside [min, max] and was clamped. */
    public static final int CLAMPED = 2;
    /** At least one command changed faster than its slew limit and was limited. */
    public static final int SLEW_LIMITED = 4;

    private final double[] min;
    private final double[] max;
    private final double[] maxStep;
    private final double[] safe;
    private final double[] commands;
    private long nonFinite;
    private long clamped;
    private long slewLimited;

    public CommandGuard(ActuatorLimits[] limits, long periodNanos) {
        int n = limits.length;
        min = new double[n];
        max = new double[n];
        maxStep = new double[n];
        safe = new double[n];
        commands = new double[n];
        double seconds = periodNanos * 1e-9;
        for (int i = 0; i < n; i++) {
            min[i] = limits[i].min();
            max[i] = limits[i].max();
            maxStep[i] = limits[i].maxSlewPerSecond() * seconds;
            safe[i] = limits[i].safe();
        }
        toSafe();
    }

    /**
     * Guards the {@code requested} commands into {@link #commands()}; returns the OR of
     * {@link #NON_FINITE}, {@link #CLAMPED}, {@link #SLEW_LIMITED}.
     */
    public int apply(double[] requested) {
        int flags = 0;
        for (int i = 0; i < safe.length; i++) {
            double v = requested[i];
            if (!Double.isFinite(v)) {
                v = safe[i];
                flags |= NON_FINITE;
                nonFinite++;
            }
            if (v < min[i] || v > max[i]) {
                v = v < min[i] ? min[i] : max[i];
                flags |= CLAMPED;
                clamped++;
            }
            double delta = v - commands[i];
            if (delta > maxStep[i] || delta < -maxStep[i]) {
                v = commands[i] + (delta > 0 ? maxStep[i] : -maxStep[i]);
                flags |= SLEW_LIMITED;
                slewLimited++;
            }
            commands[i] = v;
        }
        return flags;
    }

    /** Sets the commands to the safe values; the next {@link #apply} ramps from them. */
    public void toSafe() {
        System.arraycopy(safe, 0, commands, 0, safe.length);
    }

    /** The commands let through: the last {@link #apply}'s, or the safe values; read them, do not write. */
    public double[] commands() {
        return commands;
    }

    /** Commands replaced because they were NaN or infinite, since the start. */
    public long nonFiniteCount() {
        return nonFinite;
    }

    /** Commands clamped to their range, since the start. */
    public long clampedCount() {
        return clamped;
    }

    /** Commands limited by their slew rate, since the start. */
    public long slewLimitedCount() {
        return slewLimited;
    }
}
