package org.neurorig.pi;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;

/**
 * The AS5600 12-bit magnetic angle sensor on I2C, read by the I/O agent: the STATUS register (is a
 * magnet there, too weak, too strong) and the two RAW ANGLE registers (0x0C high nibble, 0x0D low
 * byte; the chip auto-increments, so one two-byte read takes both).
 */
final class As5600 {

    static final int STATUS = 0x0B;
    static final int RAW_ANGLE = 0x0C;
    /** STATUS bits: magnet detected, too weak (AGC at maximum), too strong (AGC at minimum). */
    static final int MD = 0x20;
    static final int ML = 0x10;
    static final int MH = 0x08;

    /** {@link #read} results below zero. */
    static final int NO_ANSWER = -1;
    static final int NO_MAGNET = -2;

    private final I2C i2c;
    private final byte[] angle = new byte[2];
    private int lastStatus;

    As5600(Context context, PiCartPoleConfig c, String idPrefix) {
        I2CProvider provider = context.provider(IOType.I2C);
        this.i2c = provider.create(I2C.newConfigBuilder(context).id(idPrefix + "as5600").name("AS5600 pole angle")
                .bus(c.i2cBus()).device(c.as5600Address()));
    }

    /** The raw angle, 0 to 4095, or {@link #NO_ANSWER} or {@link #NO_MAGNET}. Pi4J allocates here: I/O thread only. */
    int read() {
        try {
            int status = i2c.readRegister(STATUS);
            if (status < 0) {
                return NO_ANSWER;
            }
            lastStatus = status;
            if ((status & MD) == 0) {
                return NO_MAGNET;
            }
            if (i2c.readRegister(RAW_ANGLE, angle, 0, 2) != 2) {
                return NO_ANSWER;
            }
            return (angle[0] & 0x0F) << 8 | angle[1] & 0xFF;
        } catch (RuntimeException e) { // Pi4J's I/O exceptions are unchecked
            return NO_ANSWER;
        }
    }

    /** The STATUS register of the last read that answered. */
    int lastStatus() {
        return lastStatus;
    }

    void shutdown(Context context) {
        try {
            context.shutdown(i2c.id());
        } catch (RuntimeException e) {
            // already shut down with the context
        }
    }
}
