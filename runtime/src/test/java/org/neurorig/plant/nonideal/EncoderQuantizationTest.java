package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EncoderQuantizationTest {

    @Test
    void positionIsRoundedToCountsAndVelocityIsCountsPerTick() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        // 100 counts per 0.04 m turn: 0.4 mm per count
        EncoderQuantization enc = new EncoderQuantization(inner, 0, 1, 100, 0.04);
        double[] s = new double[4];
        inner.sensors[0] = 0.0011; // 2.75 counts
        inner.sensors[1] = 0.123; // the true velocity, which the rig does not see
        enc.read(0, s);
        assertEquals(3 * 0.0004, s[0], 1e-15);
        assertEquals(0.0, s[1], 0.0, "no previous count at the episode's first read");
        enc.write(0, new double[] {0});
        inner.sensors[0] = 0.0031; // 7.75 counts
        enc.read(1, s);
        assertEquals(8 * 0.0004, s[0], 1e-15);
        assertEquals(5 * 0.0004 / 0.02, s[1], 1e-12, "5 counts in one 20 ms tick");
        enc.read(1, s);
        assertEquals(5 * 0.0004 / 0.02, s[1], 1e-12, "a second read in the same tick gives the same estimate");
    }

    @Test
    void aMovementBelowOneCountIsInvisible() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        EncoderQuantization enc = new EncoderQuantization(inner, 2, 3, 512, 2 * Math.PI);
        double[] s = new double[4];
        inner.sensors[2] = 0.001;
        enc.read(0, s);
        enc.write(0, new double[] {0});
        inner.sensors[2] = 0.005; // 2 pi / 512 = 0.0123 rad per count
        enc.read(0, s);
        assertEquals(0.0, s[2], 0.0);
        assertEquals(0.0, s[3], 0.0);
    }

    @Test
    void theChannelsMustExistAndDiffer() {
        assertThrows(IllegalArgumentException.class, () -> new EncoderQuantization(new RecordingPlant(4, 1, 0), 1, 1, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new EncoderQuantization(new RecordingPlant(4, 1, 0), 0, 4, 100, 1));
    }
}
