package org.neurorig.plant.nonideal;

import org.neurorig.device.Plant;

/**
 * A motor that cannot deliver the full-scale command: the output is limited to
 * {@code +-(1 - loss) * fullScale} (a weak supply, a current limit, back-EMF at speed).
 */
public final class Saturation extends CommandShaper {

    private final double limit;

    /**
     * @param loss      the fraction of full scale the motor cannot reach, 0 to below 1
     * @param fullScale the full-scale command (for a cart-pole: its forceMag, N)
     */
    public Saturation(Plant inner, double loss, double fullScale) {
        super(inner);
        this.limit = (1 - checkedFraction("saturation", loss)) * checkedFullScale(fullScale);
    }

    @Override
    double shape(double command) {
        return Math.max(-limit, Math.min(limit, command));
    }
}
