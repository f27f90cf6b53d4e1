package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.neurorig.bridge.testing.ThreadAllocations;
import org.neurorig.device.DeviceStatus;

/**
 * The control tick's side of the link allocates nothing: FirmwarePlant.read and write, against the real
 * firmware on the emulated Uno, counted on the loop's thread. (The link's I/O thread allocates in JSSC's
 * reads; that is why those reads live there.)
 */
class TickAllocationTest {

    @Test
    void readAndWriteAllocateNothingPerTick() throws Exception {
        try (EmulatedUno uno = Emulators.start(); FirmwarePlant plant = new FirmwarePlant(Emulators.settings(uno.port()))) {
            plant.configure();
            plant.activate();
            double[] s = new double[4];
            double[] c = new double[1];
            int[] fresh = new int[1];
            Runnable ticks = () -> {
                for (int t = 0; t < 50; t++) {
                    DeviceStatus status;
                    int polls = 0;
                    do {
                        status = plant.read(System.nanoTime(), s);
                        if (status == DeviceStatus.STALE) {
                            LockSupport.parkNanos(200_000);
                        }
                    } while (status == DeviceStatus.STALE && ++polls < 500);
                    fresh[0] += status == DeviceStatus.OK ? 1 : 0;
                    c[0] = ClosedLoopTest.control(s);
                    plant.write(System.nanoTime(), c);
                }
            };
            ticks.run(); // first calls: class loading and the interpreter's first runs
            fresh[0] = 0;
            long bytes = ThreadAllocations.bytes(ticks);
            assertEquals(0, bytes, "bytes allocated by the loop's thread over 50 ticks");
            assertTrue(fresh[0] >= 40, "only " + fresh[0] + " fresh states: the measurement did not exercise reads");
        }
    }
}
