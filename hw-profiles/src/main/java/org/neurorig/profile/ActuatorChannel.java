package org.neurorig.profile;

/**
 * One actuator and the limits every command to it passes.
 *
 * @param name     the channel's name
 * @param unit     the command's unit, e.g. {@code N} or {@code duty}
 * @param min      the smallest command the hardware may receive
 * @param max      the largest command the hardware may receive
 * @param slewRate the largest change per second (unit/s); infinite when unlimited
 * @param safe     the command that leaves the hardware safe (zero force, motor off); within [min, max]
 */
public record ActuatorChannel(String name, String unit, double min, double max, double slewRate, double safe) {
}
