package org.neurorig.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.neurorig.device.Device;

/**
 * The cart-pole contract over the reference firmware's emulated cart-pole (float32, 8-bit force, encoder
 * counts, one tick of actuator delay) on QEMU's Uno, through a pseudo-terminal and JSSC: one emulator for
 * the class, a link of its own (a handshake) for each test. Its allocation is measured over the loop at
 * the firmware's rate, in {@link TickAllocationTest}.
 */
@Tag("emulator")
class FirmwarePlantContractTest extends CartPoleContract {

    private static EmulatedUno uno;
    private double[] resolution;

    @BeforeAll
    static void start() {
        uno = Emulators.start();
    }

    @AfterAll
    static void stop() {
        if (uno != null) {
            uno.close();
        }
    }

    @Override
    protected Device open() throws Exception {
        FirmwarePlant plant = new FirmwarePlant(Emulators.settings(uno.port()));
        try {
            plant.configure();
        } catch (Exception e) {
            plant.close();
            throw e;
        }
        double[] scales = plant.identity().sensorScales();
        double ticksPerSecond = 1e6 / plant.identity().tickMicros();
        // positions: one count; velocities: one count per tick
        resolution = new double[] {scales[0], scales[1] * ticksPerSecond, scales[2], scales[3] * ticksPerSecond};
        return plant;
    }

    /** The link stamps its states on System.nanoTime, the loop's clock with a firmware plant. */
    @Override
    protected long nowNanos() {
        return System.nanoTime();
    }

    /** At rest off centre: a tick that passes before the first read leaves it where it is. */
    @Override
    protected double[] someState() {
        return new double[] {0.125, 0, 0, 0};
    }

    @Override
    protected boolean freeRunning() {
        return false;
    }

    @Override
    protected double[] resolution() {
        return resolution;
    }
}
