package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnnealingTest {

    @Test
    void fallsGeometricallyFromTheSetValueAtTheFirstEpisodeToTheEndFractionAtTheLast() {
        Annealing a = new Annealing(0.25, 0.01);
        assertEquals(1, a.noise(0, 101), 0);
        assertEquals(0.5, a.noise(50, 101), 1e-12, "halfway: the square root of the end fraction");
        assertEquals(0.25, a.noise(100, 101), 1e-12);
        assertEquals(0.1, a.rate(50, 101), 1e-12);
        assertEquals(0.01, a.rate(100, 101), 1e-12);
        assertEquals(1, a.rate(0, 1), 0, "a budget of one episode runs at the set values");
        assertEquals(1, Annealing.none().noise(77, 100), 0);
    }

    @Test
    void endFractionsOutsideZeroToOneAreRefused() {
        assertEquals("annealing: noise end 0.0, rate end 0.5: expected fractions above 0 and at most 1",
                assertThrows(IllegalArgumentException.class, () -> new Annealing(0, 0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Annealing(0.5, 1.5));
    }
}
