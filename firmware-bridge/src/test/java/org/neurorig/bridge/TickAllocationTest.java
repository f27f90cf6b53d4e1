package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.testing.AllocationMeter;

/**
 * The control tick allocates nothing with the firmware plant in it: the runtime's ControlLoop (read,
 * watchdog, controller, limits, write) over FirmwarePlant against the real firmware on the emulated Uno,
 * counted on the loop's thread (invoker mode: this thread). The link's I/O thread allocates in JSSC's
 * reads; that is why those reads live there.
 */
@Tag("emulator")
class TickAllocationTest {

    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(10); // twice the firmware's state rate

    @Test
    void aLoopTickOverTheFirmwarePlantAllocatesNothing() throws Exception {
        try (EmulatedUno uno = Emulators.start(); FirmwarePlant plant = new FirmwarePlant(Emulators.settings(uno.port()))) {
            plant.configure();
            RecordingPlant recorded = new RecordingPlant(plant);
            try (PacedLoop paced = new PacedLoop(recorded, new Feedback(recorded, 0), PERIOD, 200)) {
                paced.ticks(100); // first ticks: class loading and the interpreter's first runs
                long[] freshBefore = {recorded.freshReads};
                // as many ticks as it takes to read 40 fresh states (a starved emulator sends them in bursts),
                // up to 300: the condition object is made before the measurement
                BooleanSupplier enough = () -> recorded.freshReads - freshBefore[0] >= 40;
                int[] ticks = new int[1];
                long bytes = AllocationMeter.bytesAllocatedBy(() -> ticks[0] = paced.ticksUntil(enough, 300));
                long fresh = recorded.freshReads - freshBefore[0];
                assertEquals(0, bytes, "bytes allocated by the loop's thread over " + ticks[0] + " ticks");
                assertTrue(fresh >= 40, "only " + fresh + " fresh states in 300 ticks (150 sent): the measurement did"
                        + " not exercise reads");
                assertEquals(0, paced.loop.trips(), String.valueOf(paced.loop.lastTripReason()));
            }
        }
    }
}
