package org.neurorig.bridge;

import org.neurorig.testing.PlantContract;

/**
 * The plant contract for {@link FirmwarePlant} with the reference firmware's emulated cart-pole, however
 * it was opened: on the loop's clock (System.nanoTime, which the link stamps its states with), from a
 * state a tick leaves as it is, paced by its link. Public for the other modules' tests (firmware-bridge's
 * test-jar).
 */
public abstract class FirmwarePlantContract extends PlantContract {

    /** The link stamps its states on System.nanoTime, the loop's clock with a firmware plant. */
    @Override
    protected long nowNanos() {
        return System.nanoTime();
    }

    /** At rest off centre: a tick that passes before the first read leaves it where it is. */
    @Override
    protected double[] someState() {
        return new double[] {0.125, 0, 0, 0};
    }

    /** Past Gymnasium's 2.4 m track limit, pole upright. */
    @Override
    protected double[] terminalState() {
        return new double[] {2.5, 0, 0, 0};
    }

    /** Paced by its link: {@link TickAllocationTest} measures its allocation over the loop at the firmware's rate. */
    @Override
    protected boolean freeRunning() {
        return false;
    }
}
