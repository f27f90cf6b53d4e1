package org.neurorig.compare;

import java.util.Locale;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.nonideal.Effect;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * One "hardware": the cart-pole with a set of non-idealities. Either a point of the severity sweep
 * (every effect together, {@link NonIdealities#severity}) or one effect alone at strong
 * ({@link NonIdealities#only}).
 *
 * @param name          short name for files and tables: {@code severity 0.50} or an effect's name
 * @param severity      the sweep's severity, or NaN for a single effect
 * @param effect        the single effect, or null for a sweep point
 * @param nonIdealities the rig's non-idealities
 */
record Condition(String name, double severity, Effect effect, NonIdealities nonIdealities) {

    static Condition severity(double s) {
        return new Condition(String.format(Locale.ROOT, "severity %.2f", s), s, null, NonIdealities.severity(s));
    }

    static Condition only(Effect e) {
        return new Condition(e.presetName(), Double.NaN, e, NonIdealities.only(e, 1));
    }

    boolean sweep() {
        return effect == null;
    }

    /** A new instance of this hardware, its sensor noise and tick jitter seeded with {@code seed}. */
    Plant hardware(long seed) {
        return NonIdealCartPole.create(ControllerDesign.PLANT, CartPolePlant.ForceMode.CONTINUOUS, nonIdealities, seed);
    }

    /** The nominal model as a plant: the ideal cart-pole. */
    static Plant model() {
        return new CartPolePlant(ControllerDesign.PLANT, CartPolePlant.ForceMode.CONTINUOUS);
    }
}
