package org.neurorig.loop;

/**
 * The limits of one actuator channel, as a rig profile states them. Every command passes them before
 * a device sees it (see {@link CommandGuard}).
 *
 * @param min              the lowest command accepted
 * @param max              the highest command accepted
 * @param maxSlewPerSecond the largest change per second (units of the command per s); infinite for none
 * @param safe             the value the actuator is driven to when something is wrong, and the value a
 *                         NaN or infinite command is replaced with; within [min, max]
 */
public record ActuatorLimits(double min, double max, double maxSlewPerSecond, double safe) {

    public ActuatorLimits {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("actuator limits [" + min + ", " + max
                    + "] are not a range: expected finite min <= max");
        }
        if (!(maxSlewPerSecond > 0)) {
            throw new IllegalArgumentException("actuator slew limit " + maxSlewPerSecond
                    + " is out of range: expected > 0 per second (infinity for no limit)");
        }
        if (!(safe >= min && safe <= max)) {
            throw new IllegalArgumentException("actuator safe value " + safe + " is outside its limits [" + min + ", " + max + "]");
        }
    }

    /** A symmetric range +-limit with the safe value 0 and no slew limit, e.g. a force of +-10 N. */
    public static ActuatorLimits symmetric(double limit) {
        return new ActuatorLimits(-limit, limit, Double.POSITIVE_INFINITY, 0);
    }

    /** This range with a slew limit. */
    public ActuatorLimits withSlew(double perSecond) {
        return new ActuatorLimits(min, max, perSecond, safe);
    }
}
