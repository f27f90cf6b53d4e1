package org.neurorig.plant.nonideal;

import org.neurorig.device.Plant;

/**
 * A motor whose force per unit command differs from the model's: the output is
 * {@code (1 + error) * command} (a wrong torque constant, a different gear ratio or wheel radius,
 * a sagging supply voltage).
 */
public final class MotorGainError extends CommandShaper {

    private final double gain;

    /** @param error relative gain error, above -1 (e.g. -0.25 for a motor 25% weaker than modelled) */
    public MotorGainError(Plant inner, double error) {
        super(inner);
        if (!(error > -1) || Double.isInfinite(error)) {
            throw new IllegalArgumentException("gain_error = " + error + " is out of range: expected a finite number above -1");
        }
        this.gain = 1 + error;
    }

    @Override
    double shape(double command) {
        return gain * command;
    }
}
