package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ActuatorDelayTest {

    @Test
    void thePlantReceivesEachCommandTicksLaterAndRestBeforeThat() {
        RecordingPlant inner = new RecordingPlant(4, 1, 6);
        ActuatorDelay delay = new ActuatorDelay(inner, 2);
        delay.activate();
        for (int t = 1; t <= 6; t++) {
            delay.write(t, new double[] {t});
        }
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4}, inner.history(6), 0.0);
    }

    @Test
    void anEpisodeStartOrSafeStateClearsTheLineSoNoStaleCommandIsReplayed() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        ActuatorDelay delay = new ActuatorDelay(inner, 3);
        delay.activate();
        delay.write(0, new double[] {7});
        delay.write(0, new double[] {8});
        delay.reset(new double[4]);
        delay.write(0, new double[] {1});
        assertEquals(0.0, inner.lastCommand[0], 0.0);
        delay.write(0, new double[] {2});
        delay.safeState();
        assertEquals(1, inner.safeStates, "the safe state reaches the plant");
        delay.write(0, new double[] {3});
        delay.write(0, new double[] {4});
        delay.write(0, new double[] {5});
        assertEquals(0.0, inner.lastCommand[0], 0.0, "1 and 2 were dropped by the safe state");
        delay.write(0, new double[] {6});
        assertEquals(3.0, inner.lastCommand[0], 0.0);
    }

    @Test
    void theCallersArrayIsLeftAsItWas() {
        ActuatorDelay delay = new ActuatorDelay(new RecordingPlant(4, 1, 0), 1);
        double[] command = {5};
        delay.write(0, command);
        assertEquals(5.0, command[0], 0.0);
    }

    @Test
    void aDelayBelowOneTickIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ActuatorDelay(new RecordingPlant(4, 1, 0), 0));
        assertEquals("delay_ticks = 0 is out of range: expected 1 or more", e.getMessage());
    }
}
