package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import org.junit.jupiter.api.Test;

/**
 * On a real Raspberry Pi only: the explicitly built context has the kernel-interface providers. Where
 * there is no /dev/gpiochip0 (this machine, CI) the test is skipped and says why.
 */
class PiHardwareTest {

    @Test
    void theHardwareContextHasGpioPwmAndI2cProviders() {
        String missing = PiContexts.hardwareMissing();
        assumeTrue(missing == null, () -> "skipped: " + missing);
        Context context = PiContexts.hardware();
        try {
            for (IOType type : new IOType[] {IOType.DIGITAL_INPUT, IOType.DIGITAL_OUTPUT, IOType.PWM, IOType.I2C}) {
                assertTrue(context.hasProvider(type), type + " provider");
            }
        } finally {
            context.shutdown();
        }
    }
}
