package org.neurorig.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.neurorig.device.Plant;

/**
 * The cart-pole contract over the reference firmware's emulated cart-pole (float32, 8-bit force, encoder
 * counts, one tick of actuator delay) on QEMU's Uno, through a pseudo-terminal and JSSC.
 */
@Tag("emulator")
class FirmwareCartPoleContractTest extends CartPoleContract {

    private static EmulatedUno uno;
    private static FirmwarePlant plant;
    private static double[] resolution;

    @BeforeAll
    static void start() throws Exception {
        uno = Emulators.start();
        plant = new FirmwarePlant(Emulators.settings(uno.port()));
        plant.configure();
        double[] scales = plant.identity().sensorScales();
        double ticksPerSecond = 1e6 / plant.identity().tickMicros();
        // positions: one count; velocities: one count per tick
        resolution = new double[] {scales[0], scales[1] * ticksPerSecond, scales[2], scales[3] * ticksPerSecond};
    }

    @AfterAll
    static void stop() {
        if (plant != null) {
            plant.close();
        }
        if (uno != null) {
            uno.close();
        }
    }

    @Override
    protected Plant plant() {
        return plant;
    }

    @Override
    protected double[] resolution() {
        return resolution;
    }
}
