package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ZeroOrderHoldTest {

    @Test
    void theActuatorTakesEveryThirdCommandAndHoldsIt() {
        RecordingPlant inner = new RecordingPlant(4, 1, 7);
        ZeroOrderHold hold = new ZeroOrderHold(inner, 3);
        for (int t = 1; t <= 7; t++) {
            hold.write(t, new double[] {t});
        }
        assertArrayEquals(new double[] {1, 1, 1, 4, 4, 4, 7}, inner.history(7), 0.0);
    }

    @Test
    void anEpisodeStartTakesTheNextCommandAtOnce() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        ZeroOrderHold hold = new ZeroOrderHold(inner, 4);
        hold.write(0, new double[] {1});
        hold.write(0, new double[] {2});
        hold.reset(new double[4]);
        hold.write(0, new double[] {9});
        assertEquals(9.0, inner.lastCommand[0], 0.0);
    }

    @Test
    void aPeriodOfOneIsNoHoldAndIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ZeroOrderHold(new RecordingPlant(4, 1, 0), 1));
    }
}
