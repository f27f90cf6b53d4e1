package org.neurorig.neuromop;

/**
 * The R network's exploration rate per epoch: {@code eps_l = initial * decay^l} (decay 1: constant; the
 * paper's decaying schedule in the square task: initial 0.5, decay 0.9).
 */
public record EpsilonSchedule(double initial, double decay) {

    public EpsilonSchedule {
        if (!(initial >= 0 && initial <= 1) || !(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("epsilon schedule " + initial + " x " + decay
                    + "^epoch: expected an initial epsilon in [0, 1] and a decay in (0, 1]");
        }
    }

    public static EpsilonSchedule constant(double epsilon) {
        return new EpsilonSchedule(epsilon, 1);
    }

    public double at(int epoch) {
        return initial * Math.pow(decay, epoch);
    }
}
