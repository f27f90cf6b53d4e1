package org.neurorig.episode;

import org.neurorig.plant.CartPoleParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CartPoleBalancingTest {

    private static final CartPoleParameters GYM = CartPoleParameters.gym();
    private static final double[] NONE = {0};

    @Test
    void survivalIsGymnasiumsPlusOneEveryStepTheLastIncluded() {
        CartPoleBalancing survival = CartPoleBalancing.survival(GYM);
        assertEquals(1.0, survival.reward(new double[] {0, 0, 0, 0}, NONE));
        assertEquals(1.0, survival.reward(new double[] {2.3, 1, 0.2, 1}, NONE));
        assertEquals(1.0, survival.reward(new double[] {2.5, 0, 0, 0}, NONE), "the step into the terminal state earns +1");
    }

    @Test
    void shapedRewardFallsWithTheLeanAndTheStrayAndAFallCostsThePenalty() {
        CartPoleBalancing task = new CartPoleBalancing(GYM, 0.5, 10);
        double half = GYM.thetaThreshold() / 2;
        assertEquals(1.0, task.reward(new double[] {0, 3, 0, 3}, NONE), "velocities are not judged");
        assertEquals(1 - 0.5 * 0.25, task.reward(new double[] {0, 0, half, 0}, NONE), 1e-12);
        assertEquals(1 - 0.5 * 0.5, task.reward(new double[] {-1.2, 0, half, 0}, NONE), 1e-12);
        assertEquals(0.5, task.reward(new double[] {2.0, 0, -0.2, 0}, NONE), 1e-12, "capped at 1 - shaping inside the limits");
        assertEquals(-10.0, task.reward(new double[] {0, 0, -0.25, 0}, NONE));
        assertEquals(-10.0, task.reward(new double[] {2.41, 0, 0, 0}, NONE));
        assertEquals(-10.0, task.reward(new double[] {Double.NaN, 0, 0, 0}, NONE), "an unreadable state is a fall");
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("reward shaping = 1.5 is out of range: expected 0 to 1",
                assertThrows(IllegalArgumentException.class, () -> new CartPoleBalancing(GYM, 1.5, 1)).getMessage());
        assertEquals("failure penalty = -2.0 is out of range: expected a finite number >= -1",
                assertThrows(IllegalArgumentException.class, () -> new CartPoleBalancing(GYM, 0.5, -2)).getMessage());
    }
}
