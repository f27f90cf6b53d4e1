package org.neurorig.plant.nonideal;

import org.neurorig.device.Plant;

/**
 * A constant force on the cart that nobody commanded: a track tilted so gravity pulls the cart one
 * way, an H-bridge whose zero is not zero. It is added to what the motor delivers, after its gain
 * error and saturation, so a saturated motor does not cut it; the cart-pole's own limit of +-forceMag
 * on the force it is given then applies to the sum.
 */
public final class ForceBias extends CommandShaper {

    private final double bias;

    /** @param bias the force added to every command, N */
    public ForceBias(Plant inner, double bias) {
        super(inner);
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("force_bias = " + bias + " is out of range: expected a finite number (N)");
        }
        this.bias = bias;
    }

    @Override
    double shape(double command) {
        return command + bias;
    }
}
