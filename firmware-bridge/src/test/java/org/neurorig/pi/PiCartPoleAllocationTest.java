package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.testing.AllocationMeter;

/**
 * The loop-facing side of the Raspberry Pi device allocates nothing: 100,000 ticks of read and write
 * on this thread, zero bytes, while the I/O agent runs on its own {@link PiIoThread} against Pi4J's
 * mock plugin (no real GPIO here), publishing samples and applying commands, and allocating as Pi4J
 * does, on its own thread.
 */
class PiCartPoleAllocationTest {

    @Test
    void readAndWriteOnTheTickAllocateNothing() throws Exception {
        try (MockRig rig = new MockRig(PiCartPoleConfig.reference(), new double[] {0, 0, 0.05, 0}).configure()) {
            PiCartPole d = rig.device;
            d.activate();
            double[] sensors = new double[4];
            double[] command = new double[1];
            int[] fresh = new int[1];
            Runnable ticks = () -> {
                for (int t = 0; t < 100_000; t++) {
                    long now = System.nanoTime();
                    if (d.read(now, sensors) == DeviceStatus.OK) {
                        fresh[0]++;
                    }
                    command[0] = (t & 1024) == 0 ? 2.0 : -2.0;
                    d.write(now, command);
                }
            };
            try (PiIoThread io = PiIoThread.start(d, 200_000L)) {
                for (int run = 0; run < 3; run++) {
                    ticks.run(); // compiled before warmUp judges: nothing here allocates even when interpreted
                }
                AllocationMeter.warmUp(ticks, 5);
                fresh[0] = 0;
                assertEquals(0, AllocationMeter.leastBytesAtRest(ticks, 3, 3), "bytes allocated by 100,000 reads and writes");
                assertTrue(fresh[0] > 0, "the I/O thread was publishing samples meanwhile");
                assertNull(io.failure());
            }
            assertEquals(20, rig.pwm.getDutyCycle(), "the commands (2 N of 10 N) reached the mock PWM");
        }
    }
}
