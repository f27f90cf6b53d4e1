package org.neurorig.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.neurorig.device.Device;
import org.neurorig.testing.PlantContract;

/**
 * The plant contract over {@link FirmwarePlant} and the reference firmware's emulated cart-pole on QEMU's
 * Uno: one emulator for the class, a link of its own (a handshake) for each test. Its allocation is
 * measured over the loop at the firmware's rate, in {@link TickAllocationTest}.
 */
@Tag("emulator")
class FirmwarePlantContractTest extends PlantContract {

    private static EmulatedUno uno;

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

    /** Past Gymnasium's 2.4 m track limit, pole upright. */
    @Override
    protected double[] terminalState() {
        return new double[] {2.5, 0, 0, 0};
    }

    @Override
    protected boolean freeRunning() {
        return false;
    }
}
