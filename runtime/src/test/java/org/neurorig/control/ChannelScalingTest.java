package org.neurorig.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

class ChannelScalingTest {

    @Test
    void workingRangesMapOntoMinusOneToOneClampedAndBack() {
        ChannelScaling s = ChannelScaling.ranges(new double[] {-2.4, 0}, new double[] {2.4, 10}, new double[] {-10},
                new double[] {30});
        float[] inputs = new float[2];
        s.toInputs(new double[] {-2.4, 10}, inputs);
        assertArrayEquals(new float[] {-1, 1}, inputs, "each range's ends");
        s.toInputs(new double[] {1.2, 2.5}, inputs);
        assertArrayEquals(new float[] {0.5f, -0.5f}, inputs);
        s.toInputs(new double[] {-100, 11}, inputs);
        assertArrayEquals(new float[] {-1, 1}, inputs, "beyond the range: clamped");
        double[] commands = new double[1];
        s.toCommands(new float[] {-1}, commands);
        assertEquals(-10, commands[0]);
        s.toCommands(new float[] {0.5f}, commands);
        assertEquals(20, commands[0]);
    }

    @Test
    void gainsMultiply() {
        ChannelScaling s = ChannelScaling.gains(new double[] {2, 0.5}, new double[] {10});
        float[] inputs = new float[2];
        s.toInputs(new double[] {0.25, -3}, inputs);
        assertArrayEquals(new float[] {0.5f, -1.5f}, inputs);
        double[] commands = new double[1];
        s.toCommands(new float[] {0.25f}, commands);
        assertEquals(2.5, commands[0]);
        assertEquals(2, s.sensors());
        assertEquals(1, s.commands());
    }

    @Test
    void aScalingForOtherChannelsThanTheNetworksIsRefused() {
        RateNetwork network = new RateNetwork(NetworkConfig.of(4).withInputs(2).withOutputs(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkController(network, ChannelScaling.unit(3, 1)));
        assertEquals("the network has 2 inputs and 1 outputs; the scaling is for 3 sensors and 1 commands", e.getMessage());
    }
}
