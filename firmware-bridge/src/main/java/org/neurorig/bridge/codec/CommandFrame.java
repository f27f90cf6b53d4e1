package org.neurorig.bridge.codec;

/**
 * {@code COMMAND} (0x03, host to device): one Q15 value per actuator, -32767..32767 for -full..+full scale.
 *
 * <pre>
 *   payload 0                 2
 *           +--------+--------+--------+--------+-- ...
 *           | actuator 0 (i16)| actuator 1 (i16)|
 *           +--------+--------+--------+--------+-- ...
 * </pre>
 */
public final class CommandFrame extends Flyweight {

    public int actuatorCount() {
        return payloadLength() / 2;
    }

    public short actuator(int index) {
        return i16(2 * index);
    }

    public void actuator(int index, int q15) {
        i16(2 * index, q15);
    }

    public static int length(int actuators) {
        return 2 * actuators;
    }

    @Override
    public CommandFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
