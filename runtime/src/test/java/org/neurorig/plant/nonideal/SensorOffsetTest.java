package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SensorOffsetTest {

    @Test
    void theOffsetIsAddedToItsChannelAndTheTrueStateIsLeftAlone() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        double[] truth = {0.5, -1.25, 0.1, 2.0};
        System.arraycopy(truth, 0, inner.sensors, 0, 4);
        SensorOffset offset = new SensorOffset(inner, new double[] {0, 0, 0.035, 0});
        double[] s = new double[4];
        offset.read(0, s);
        assertArrayEquals(new double[] {0.5, -1.25, 0.1 + 0.035, 2.0}, s, 0.0);
        offset.read(1, s);
        assertEquals(0.1 + 0.035, s[2], 0.0, "constant: the same on every read");
        double[] state = new double[4];
        offset.trueState(state);
        assertArrayEquals(truth, state, 0.0);
    }

    @Test
    void aZeroOffsetLeavesEvenANegativeZeroAsItWas() {
        RecordingPlant inner = new RecordingPlant(2, 1, 0);
        inner.sensors[0] = -0.0;
        double[] s = new double[2];
        new SensorOffset(inner, new double[] {0, 0}).read(0, s);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(s[0]));
    }

    @Test
    void oneFiniteOffsetPerChannelIsRequired() {
        assertEquals("sensor offset has 1 values for 4 sensor channels of recording",
                assertThrows(IllegalArgumentException.class, () -> new SensorOffset(new RecordingPlant(4, 1, 0), new double[] {1}))
                        .getMessage());
        assertEquals("sensor offset = NaN is out of range: expected a finite number",
                assertThrows(IllegalArgumentException.class,
                        () -> new SensorOffset(new RecordingPlant(2, 1, 0), new double[] {0, Double.NaN})).getMessage());
    }
}
