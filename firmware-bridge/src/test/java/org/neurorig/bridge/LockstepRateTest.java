package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;

/**
 * How fast the emulated plant runs in lockstep over QEMU's pseudo-terminal, at the profiles' 115200 baud
 * and at 1,000,000 (exact on a 16 MHz AVR), one emulator at a time: printed, not asserted, since this
 * machine is shared. The watchdogs are long: a starved emulator is not what this measures.
 */
@Tag("emulator")
class LockstepRateTest {

    private static final int STEPS = 1000;

    @Test
    void stepsPerSecondAtTwoBaudRates() throws Exception {
        for (int baud : new int[] {115_200, 1_000_000}) {
            Path image = FirmwareBuild.build(FirmwareBuild.Mode.PLANT, new FirmwareBuild.Options(baud, 20_000, "", ""));
            try (EmulatedUno uno = EmulatedUno.start(image, null); FirmwarePlant plant = new FirmwarePlant(
                    Emulators.settings(uno.port()).withBaud(baud).withLockstep(true).withWatchdogMs(10_000))) {
                measure(plant, baud);
            }
        }
    }

    private static void measure(FirmwarePlant plant, int baud) throws Exception {
        plant.configure();
        plant.activate();
        double[] sensors = new double[4];
        double[] command = new double[1];
        long[] micros = new long[STEPS];
        assertEquals(DeviceStatus.OK, plant.reset(new double[] {0, 0, 0.05, 0}));
        assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
        long begin = System.nanoTime();
        for (int t = 0; t < STEPS; t++) {
            long before = System.nanoTime();
            command[0] = ClosedLoopTest.control(sensors);
            assertEquals(DeviceStatus.OK, plant.write(before, command));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors), "step " + t);
            micros[t] = (System.nanoTime() - before) / 1000;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "lockstep at %d baud: %d steps at %.0f steps/s; a step (write, then the read"
                + " that waits for its state) p10 %d, p50 %d, p90 %d, p99 %d, max %d us%n", baud, STEPS, STEPS / seconds,
                micros[STEPS / 10], micros[STEPS / 2], micros[STEPS * 9 / 10], micros[STEPS * 99 / 100], micros[STEPS - 1]);
    }
}
