package org.neurorig.plant;

/**
 * Friction in a cart-pole: on the cart (Coulomb and viscous) and at the pole's pivot (viscous).
 * Gymnasium's CartPole-v1 has none; a real cart on a belt or rail has all three.
 *
 * @param coulomb Coulomb friction on the cart, N (opposes the motion with a constant force; holds the
 *                cart at rest against smaller pushes)
 * @param viscous viscous friction on the cart, N s/m (a force proportional to the cart's speed)
 * @param pivot   viscous friction at the pivot, N m s/rad (a torque proportional to the pole's angular speed)
 */
public record Friction(double coulomb, double viscous, double pivot) {

    /** No friction: the cart-pole steps exactly as Gymnasium's. */
    public static final Friction NONE = new Friction(0, 0, 0);

    public Friction {
        nonNegative("friction.coulomb", coulomb);
        nonNegative("friction.viscous", viscous);
        nonNegative("friction.pivot", pivot);
    }

    private static void nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected a finite number >= 0");
        }
    }

    /** Whether every term is zero, so the frictionless (Gymnasium) arithmetic applies. */
    public boolean isNone() {
        return coulomb == 0 && viscous == 0 && pivot == 0;
    }
}
