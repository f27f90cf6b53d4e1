package org.neurorig.plant.nonideal;

import org.neurorig.device.Plant;

/**
 * A motor that does not move below a threshold (gearbox and brush friction, H-bridge dead time): the
 * standard dead zone. Commands within +-width give nothing; beyond it the output rises from zero, so
 * {@code u} gives {@code u - width} above the band and {@code u + width} below it.
 */
public final class Deadband extends CommandShaper {

    private final double width;

    /**
     * @param fraction  half-width of the dead zone as a fraction of full scale, 0 to below 1
     * @param fullScale the full-scale command (for a cart-pole: its forceMag, N)
     */
    public Deadband(Plant inner, double fraction, double fullScale) {
        super(inner);
        this.width = checkedFraction("deadband", fraction) * checkedFullScale(fullScale);
    }

    @Override
    double shape(double command) {
        if (command > width) {
            return command - width;
        }
        if (command < -width) {
            return command + width;
        }
        return Double.isNaN(command) ? command : 0.0;
    }
}
