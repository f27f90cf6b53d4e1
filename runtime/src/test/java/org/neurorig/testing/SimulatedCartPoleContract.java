package org.neurorig.testing;

/**
 * The plant contract for a cart-pole simulated in this process, whatever wraps it: it steps once per
 * write and never between writes, and a cart past the end of Gymnasium's track is terminal.
 */
public abstract class SimulatedCartPoleContract extends PlantContract {

    /** Past Gymnasium's 2.4 m track limit, pole upright. */
    private static final double[] OFF_THE_TRACK = {2.5, 0, 0, 0};

    @Override
    protected boolean lockstep() {
        return true;
    }

    @Override
    protected double[] terminalState() {
        return OFF_THE_TRACK.clone();
    }
}
