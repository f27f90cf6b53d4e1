package org.neurorig.plant.nonideal;

import org.neurorig.device.Plant;

/**
 * A PWM actuator of limited resolution: sign and magnitude, the magnitude a duty cycle of {@code bits}
 * bits, so a command takes one of {@code 2^bits - 1} steps of full scale either way. Commands beyond
 * full scale are limited to it first (a duty cycle cannot exceed 100%).
 */
public final class CommandQuantization extends CommandShaper {

    private final double fullScale;
    private final double levels;

    /**
     * @param bits      PWM resolution, 1 to 24 bits
     * @param fullScale the command that means 100% duty (for a cart-pole: its forceMag, N)
     */
    public CommandQuantization(Plant inner, int bits, double fullScale) {
        super(inner);
        if (bits < 1 || bits > 24) {
            throw new IllegalArgumentException("pwm_bits = " + bits + " is out of range: expected 1 to 24");
        }
        this.fullScale = checkedFullScale(fullScale);
        this.levels = (1 << bits) - 1;
    }

    @Override
    double shape(double command) {
        double duty = Math.min(Math.abs(command) / fullScale, 1.0);
        return Math.copySign(Math.rint(duty * levels) / levels * fullScale, command);
    }
}
