package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.device.DeviceStatus;

/**
 * The firmware's emulated cart-pole on QEMU's Uno, driven in closed loop over the pseudo-terminal by the
 * runtime's {@link org.neurorig.loop.ControlLoop} (paced on the test's thread, {@link PacedLoop}) at twice
 * the firmware's rate, with a state feedback that acts on each fresh state ({@link Feedback}). States must
 * arrive in order with no frame lost or damaged, every command must take effect exactly when the protocol
 * says, and the controller must keep the pole up.
 *
 * <p>On a machine shared with other builds the emulator (or this test's thread) is sometimes starved
 * of CPU for hundreds of milliseconds; the firmware then runs the missed ticks back to back with the
 * command it holds. The checks of order, loss and command timing do not depend on timing and always
 * run; whether the pole stays up is judged only when the loop saw no gap longer than 100 ms between
 * states, and the test says which it did.
 */
@Tag("emulator")
class ClosedLoopTest {

    /** A state-feedback controller that balances the gym cart-pole with one tick of delay and 8-bit force. */
    static final double[] GAINS = {1.0, 2.0, 20.0, 4.0};
    private static final int TICKS = 150;
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);

    private static EmulatedUno uno;
    private static FirmwarePlant plant;

    @BeforeAll
    static void start() throws Exception {
        uno = Emulators.start();
        plant = new FirmwarePlant(Emulators.settings(uno.port()));
        plant.configure();
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

    static double control(double[] s) {
        return GAINS[0] * s[0] + GAINS[1] * s[1] + GAINS[2] * s[2] + GAINS[3] * s[3];
    }

    @Test
    void statesArriveInOrderCommandsTakeEffectAndThePoleStaysUp() throws Exception {
        RecordingPlant recorded = new RecordingPlant(plant);
        Feedback feedback = new Feedback(recorded, TICKS);
        long faultsOnceCommanded;
        long loopTicks;
        try (PacedLoop paced = new PacedLoop(recorded, feedback, PERIOD / 2, 200)) {
            DeviceStatus reset = plant.reset(new double[] {0, 0, 0.05, 0});
            assertEquals(DeviceStatus.OK, reset, () -> plant.link().health().lastProblem());
            paced.ticksUntil(() -> feedback.states >= 4 || paced.loop.trips() > 0, 2000);
            faultsOnceCommanded = plant.link().reports().faultsRaised(); // before: the watchdog tripped while nobody commanded
            paced.ticksUntil(() -> feedback.full() || paced.loop.trips() > 0, 100 * TICKS);
            if (paced.loop.trips() > 0) {
                fail("the loop's watchdog tripped (" + paced.loop.lastTripReason() + "): " + plant.link().health().lastProblem());
            }
            loopTicks = paced.loop.ticks();
            assertEquals(List.of(), paced.errors);
        }
        int[] seqs = feedback.seqs;
        double maxTheta = 0;
        long maxGapNanos = 0;
        for (int t = 0; t < TICKS; t++) {
            maxTheta = Math.max(maxTheta, Math.abs(feedback.truth[t][2]));
            if (t > 0) {
                maxGapNanos = Math.max(maxGapNanos, feedback.arrivals[t] - feedback.arrivals[t - 1]);
            }
        }
        for (int t = 1; t < TICKS; t++) {
            int step = (seqs[t] - seqs[t - 1]) & 0xFFFF;
            assertTrue(step >= 1 && step < 0x8000, "states out of order at state " + t + ": " + seqs[t - 1] + " -> " + seqs[t]);
        }
        // Every frame the device sent arrived whole (its numbering has no gap, nothing was dropped), even where
        // the loop, which reads only the newest state, skipped a state.
        assertEquals(0, plant.link().receiveCounters().lost(), plant.link().receiveCounters().toString());
        assertEquals(0, plant.link().receiveCounters().rejectedTotal(), plant.link().receiveCounters().toString());
        int checked = 0;
        for (int t = 2; t < TICKS; t++) {
            if (feedback.times[t] - feedback.times[t - 1] != 20_000) {
                continue; // states in between were not seen by the loop
            }
            // with one tick of actuator delay, tick t applies the command that was newest at tick t-1
            assertEquals(duty(recorded.sentBySeq[feedback.commandSeqs[t - 1]]), feedback.outputs[t],
                    "state " + t + " applied the wrong command");
            checked++;
        }
        assertTrue(checked > TICKS / 2, "only " + checked + " consecutive pairs of states seen");
        assertTrue(plant.link().sendPing(42) >= 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (plant.link().reports().pongToken() != 42 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(200_000);
        }
        assertEquals(42, plant.link().reports().pongToken(), "no PONG");
        long overruns = plant.link().reports().faultsRaised(Protocol.FAULT_RX_OVERRUN);
        if (overruns == 0) {
            assertEquals(0, plant.link().reports().rxLost(), "the firmware counted lost commands");
            assertEquals(0, plant.link().reports().rxRejected(), "the firmware rejected frames");
        }
        long tickOverruns = plant.link().reports().faultsRaised(Protocol.FAULT_TICK_OVERRUN);
        boolean judged = maxGapNanos <= TimeUnit.MILLISECONDS.toNanos(100);
        if (judged) {
            // the loop's close drove the safe state at the end (a SAFE frame, not a fault)
            assertEquals(faultsOnceCommanded, plant.link().reports().faultsRaised() - tickOverruns, "faults: last code "
                    + Protocol.faultName(plant.link().reports().lastFaultCode()));
            assertTrue(maxTheta < 12 * Math.PI / 180, "the pole fell: max |theta| " + maxTheta);
        }
        System.out.printf("closed loop (ControlLoop at %d ms): %d states in %d ticks, %d consecutive pairs checked,"
                + " longest gap %.0f ms, %d tick overruns, %d receive overruns in the firmware; max |theta| %.4f rad (%s)%n",
                PERIOD / 2_000_000, TICKS, loopTicks, checked, maxGapNanos / 1e6, tickOverruns, overruns, maxTheta,
                judged ? "balance judged" : "starved of CPU: balance not judged");
    }

    static int duty(short q15) {
        int m = Math.min(32767, Math.abs((int) q15));
        int d = (m * 255 + 16383) / 32767;
        return q15 < 0 ? -d : d;
    }
}
