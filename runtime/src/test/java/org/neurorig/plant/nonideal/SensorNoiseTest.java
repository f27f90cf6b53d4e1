package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SensorNoiseTest {

    @Test
    void noiseHasTheStandardDeviationAskedForAndZeroMean() {
        RecordingPlant inner = new RecordingPlant(4, 1, 0);
        inner.sensors[2] = 0.1;
        SensorNoise noise = new SensorNoise(inner, new double[] {0, 0, 0.01, 0}, 42);
        double[] s = new double[4];
        int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            noise.read(i, s);
            double e = s[2] - 0.1;
            sum += e;
            sumSq += e * e;
            assertEquals(0.0, s[0], 0.0, "a channel with zero noise is untouched");
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(0.01, std, 0.0005, "std");
        assertEquals(0.0, mean, 4 * 0.01 / Math.sqrt(n), "mean");
    }

    @Test
    void theSameSeedGivesTheSameNoise() {
        double[] a = readings(7);
        assertArrayEquals(a, readings(7), 0.0);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(a, readings(8)));
    }

    private static double[] readings(long seed) {
        SensorNoise noise = new SensorNoise(new RecordingPlant(4, 1, 0), new double[] {1, 1, 1, 1}, seed);
        double[] s = new double[4];
        double[] out = new double[40];
        for (int i = 0; i < 10; i++) {
            noise.read(i, s);
            System.arraycopy(s, 0, out, 4 * i, 4);
        }
        return out;
    }

    @Test
    void oneStandardDeviationPerChannelIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SensorNoise(new RecordingPlant(4, 1, 0), new double[] {1, 1}, 1));
        assertEquals("sensor noise has 2 standard deviations for 4 sensor channels of recording", e.getMessage());
    }
}
