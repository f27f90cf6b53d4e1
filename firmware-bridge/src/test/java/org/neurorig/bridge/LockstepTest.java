package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.bridge.codec.FrameDecoder;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.bridge.codec.StateFrame;
import org.neurorig.device.DeviceStatus;
import org.neurorig.testing.AllocationMeter;

/**
 * The firmware's lockstep mode on QEMU's Uno, driven through {@link FirmwarePlant}: it is the same plant
 * as in real time, only stepped by the host; its command watchdog still protects; a step whose state
 * never comes is a status, not a hang; a step allocates nothing on the caller's thread.
 */
@Tag("emulator")
class LockstepTest {

    private static final int STATES = 150;
    private static final long REAL_TIME_PERIOD = TimeUnit.MILLISECONDS.toNanos(10); // twice the firmware's rate
    /** For the comparison: a safe step (a trip) has no command to repeat, and a starved emulator is no fault of either mode. */
    private static final int WATCHDOG_MS = 2000;
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

    private static LinkSettings lockstep(String port) {
        return Emulators.settings(port).withLockstep(true);
    }

    /** The newtons whose Q15 is {@code q}, checked to map back to it exactly. */
    private static double force(short q) {
        double f = q * 10.0 / Protocol.Q15_FULL_SCALE;
        assertEquals(q, FirmwarePlant.toQ15(f, 10.0));
        return f;
    }

    /** One STATE as it passed on the wire. */
    private record WireState(int commandSeq, int flags, int output, int[] counts, float[] truth, long timeMicros) {
    }

    /** Decodes every STATE a relay passes to the host, on the relay's thread. */
    private static IntConsumer stateTap(List<WireState> into) {
        FrameDecoder decoder = FrameDecoder.forHost();
        decoder.channels(4, 1);
        StateFrame state = new StateFrame(4, 1);
        return b -> {
            if (decoder.push((byte) b) && decoder.type() == Protocol.STATE) {
                state.wrap(decoder.frame());
                int[] counts = new int[4];
                float[] truth = new float[4];
                for (int i = 0; i < 4; i++) {
                    counts[i] = state.sensor(i);
                    truth[i] = state.truth(i);
                }
                into.add(new WireState(state.commandSeq(), state.flags(), state.output(0), counts, truth, state.timeMicros()));
            }
        };
    }

    /** How many states there are from the reset's on (0 before it); earlier ones are of the session before. */
    private static int statesSinceReset(List<WireState> wire) {
        synchronized (wire) {
            for (int i = 0; i < wire.size(); i++) {
                if ((wire.get(i).flags() & Protocol.STATE_RESET_APPLIED) != 0) {
                    return wire.size() - i;
                }
            }
            return 0;
        }
    }

    /**
     * The pole balanced in real time by the runtime's loop, every state the firmware sent recorded on the
     * wire (each echoes the newest command it had when it ran its step); then the commands it held at
     * each tick, one per step, from the same reset state in lockstep. Tolerance: none. Both runs execute
     * the same float32 code (the tick's delay line, Euler step, encoder rounding) on the same emulated AVR
     * with the same inputs, so every encoder count and every bit of the float32 true state must agree; a
     * command applied one tick off, or a step run twice, shows up far above any rounding.
     */
    @Test
    void lockstepStepsTheSamePlantAsRealTime() throws Exception {
        double[] s0 = {0, 0, 0.05, 0};
        List<WireState> wire = Collections.synchronizedList(new ArrayList<>());
        RecordingPlant recorded;
        try (FaultyRelay relay = new FaultyRelay(uno.port(), 1);
                FirmwarePlant plant = new FirmwarePlant(Emulators.settings(relay.hostPath()).withWatchdogMs(WATCHDOG_MS))) {
            relay.toHost.tap = stateTap(wire);
            plant.configure();
            recorded = new RecordingPlant(plant);
            try (PacedLoop paced = new PacedLoop(recorded, new Feedback(recorded, 0), REAL_TIME_PERIOD, 200)) {
                wire.clear();
                assertEquals(DeviceStatus.OK, plant.reset(s0));
                paced.ticksUntil(() -> statesSinceReset(wire) >= STATES || paced.loop.trips() > 0, 100 * STATES);
                assertEquals(0, paced.loop.trips(), () -> paced.loop.lastTripReason() + ": " + plant.link().health().lastProblem());
            }
            relay.toHost.tap = null;
        }
        List<WireState> states;
        synchronized (wire) {
            int first = wire.size() - statesSinceReset(wire);
            states = List.copyOf(wire.subList(first, first + STATES));
        }
        // the steps run with a command of this run: a firmware that had none yet (or whose watchdog
        // tripped) ran a safe step that no command in lockstep repeats
        int steps = 1;
        while (steps < STATES && (states.get(steps).flags() & Protocol.STATE_SAFE) == 0
                && recorded.commandSeqs[states.get(steps).commandSeq()]) {
            assertEquals(20_000, states.get(steps).timeMicros() - states.get(steps - 1).timeMicros(), "a tick without a state");
            steps++;
        }
        int commanded = steps;
        assumeTrue(commanded >= 100, () -> "skipped: the firmware ran only " + commanded + " steps in a row with this"
                + " run's commands (the emulator or this JVM was starved of CPU at the start)");

        try (FirmwarePlant plant = new FirmwarePlant(lockstep(uno.port()).withWatchdogMs(WATCHDOG_MS))) {
            plant.configure();
            plant.activate();
            double[] sensors = new double[4];
            double[] command = new double[1];
            assertEquals(DeviceStatus.OK, plant.reset(s0));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
            assertSameState(0, states.get(0), plant.lastSample());
            long start = System.nanoTime();
            for (int t = 1; t < steps; t++) {
                command[0] = force(recorded.sentBySeq[states.get(t).commandSeq()]);
                assertEquals(DeviceStatus.OK, plant.write(System.nanoTime(), command), "write " + t);
                assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors), "read " + t);
                assertSameState(t, states.get(t), plant.lastSample());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "lockstep: %d steps identical to real time, bit for bit; %.0f steps/s at %d baud"
                    + " over QEMU's pseudo-terminal (real time: 50)%n", steps - 1, (steps - 1) / seconds,
                    plant.link().settings().baud());
        }
    }

    @Test
    void theFirmwaresWatchdogStillTripsWhenCommandsStop() throws Exception {
        try (FirmwarePlant plant = new FirmwarePlant(lockstep(uno.port()))) { // a 500 ms command watchdog
            plant.configure();
            plant.activate();
            double[] sensors = new double[4];
            double[] push = {10.0};
            assertEquals(DeviceStatus.OK, plant.reset(new double[4]));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
            for (int k = 0; k < 2; k++) {
                assertEquals(DeviceStatus.OK, plant.write(System.nanoTime(), push));
                assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
            }
            assertEquals(255, plant.lastSample().outputs[0], "the push, a step late (the actuator delay)");
            float[] before = plant.lastSample().truth.clone();
            long trips = plant.link().reports().faultsRaised(Protocol.FAULT_WATCHDOG);
            long stopped = System.nanoTime();
            while (plant.link().reports().faultsRaised(Protocol.FAULT_WATCHDOG) == trips) {
                assertTrue(System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(5), "no watchdog trip 5 s after the last command");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long tripped = System.nanoTime() - stopped;
            assertTrue(tripped >= TimeUnit.MILLISECONDS.toNanos(450), "tripped " + tripped / 1e6 + " ms after the last command");
            assertEquals(DeviceStatus.FAULT, plant.read(System.nanoTime(), sensors), "the read after the trip");
            assertEquals(Arrays.toString(before), Arrays.toString(plant.lastSample().truth), "the plant moved without a command");
            assertEquals(DeviceStatus.OK, plant.write(System.nanoTime(), push));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors), "a command re-arms it");
            assertEquals(0, plant.lastSample().outputs[0], "the trip must have emptied the delay line");
            assertFalse(plant.lastSample().has(Protocol.STATE_SAFE), "still safe after a command");
            assertEquals(DeviceStatus.OK, plant.write(System.nanoTime(), push));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
            assertEquals(255, plant.lastSample().outputs[0]);
            System.out.printf(Locale.ROOT, "lockstep: the 500 ms command watchdog tripped %.0f ms after the last command%n",
                    tripped / 1e6);
        }
    }

    /** The firmware's answers vanish on the way: the read waits its bounded time and says so; the link comes back. */
    @Test
    void aStepWhoseStateNeverComesIsAStatusNotAHang() throws Exception {
        try (FaultyRelay relay = new FaultyRelay(uno.port(), 2);
                FirmwarePlant plant = new FirmwarePlant(lockstep(relay.hostPath()).withLossTimeoutPeriods(10))) { // 200 ms
            plant.configure();
            plant.activate();
            double[] sensors = new double[4];
            double[] command = {1.0};
            assertEquals(DeviceStatus.OK, plant.reset(new double[4]));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
            relay.toHost.swallow = true;
            assertEquals(DeviceStatus.OK, plant.write(System.nanoTime(), command), "the command goes out");
            long start = System.nanoTime();
            DeviceStatus status = plant.read(System.nanoTime(), sensors);
            long took = System.nanoTime() - start;
            assertTrue(status == DeviceStatus.FAULT || status == DeviceStatus.DISCONNECTED, status.toString());
            assertTrue(took < TimeUnit.MILLISECONDS.toNanos(200 + 1000), "the read waited " + took / 1e6 + " ms");
            start = System.nanoTime();
            assertTrue(plant.read(System.nanoTime(), sensors) != DeviceStatus.OK, "a lost step read as OK");
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "the second read waited again");
            long silent = System.nanoTime();
            while (plant.link().health().losses() == 0) { // the link's own verdict, on its thread
                assertTrue(System.nanoTime() - silent < TimeUnit.SECONDS.toNanos(5), "the unanswered command never"
                        + " made the link lost");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            relay.toHost.clean();
            long calm = System.nanoTime();
            while (!plant.link().up()) {
                assertTrue(System.nanoTime() - calm < TimeUnit.SECONDS.toNanos(10), "not reconnected: "
                        + plant.link().health().lastProblem());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertEquals(1, plant.link().health().losses(), plant.link().health().lossReason());
            assertTrue(plant.link().health().lossReason().contains("no answer for"), plant.link().health().lossReason());
            assertEquals(DeviceStatus.OK, plant.reset(new double[4]), "a reset after the reconnection");
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors));
            assertEquals(DeviceStatus.OK, plant.write(System.nanoTime(), command));
            assertEquals(DeviceStatus.OK, plant.read(System.nanoTime(), sensors), "steps again in lockstep");
            System.out.printf(Locale.ROOT, "lockstep: a swallowed state read %s after %.0f ms (loss timeout 200 ms)%n",
                    status, took / 1e6);
        }
    }

    /** The loop's calls in lockstep: a write, the read that waits for its step, and now and then a reset. */
    @Test
    void aStepAndAResetAllocateNothing() throws Exception {
        try (FirmwarePlant plant = new FirmwarePlant(lockstep(uno.port()))) {
            plant.configure();
            plant.activate();
            double[] start = {0, 0, 0.05, 0};
            double[] sensors = new double[4];
            double[] command = new double[1];
            long[] notOk = new long[1];
            Runnable steps = () -> {
                for (int t = 0; t < 200; t++) {
                    if (t % 100 == 0 && plant.reset(start) != DeviceStatus.OK) {
                        notOk[0]++;
                    }
                    if (plant.read(System.nanoTime(), sensors) != DeviceStatus.OK) {
                        notOk[0]++;
                    }
                    command[0] = ClosedLoopTest.control(sensors);
                    plant.write(System.nanoTime(), command);
                }
            };
            // the first calls load classes and run in the interpreter; then, as every allocation test here measures,
            // a run during which a compilation landed is run again (deoptimization can materialize eliminated objects)
            AllocationMeter.warmUp(steps, 3, 30);
            long bytes = AllocationMeter.bytesAllocatedAtRest(steps, 5);
            assertEquals(0, notOk[0], "reads or resets that were not OK");
            assertEquals(0, bytes, "bytes allocated by 200 steps and 2 resets");
        }
    }

    /** State {@code t} of both runs: the duty applied, the encoder counts, the float32 true state, all exact. */
    private static void assertSameState(int t, WireState realTime, StateSample lockstep) {
        String both = "state " + t + ": real time " + Arrays.toString(realTime.counts()) + " " + Arrays.toString(realTime.truth())
                + ", lockstep " + Arrays.toString(lockstep.sensors) + " " + Arrays.toString(lockstep.truth);
        assertEquals(realTime.output(), lockstep.outputs[0], () -> "duty; " + both);
        assertTrue(Arrays.equals(realTime.counts(), lockstep.sensors), both);
        for (int i = 0; i < 4; i++) {
            assertEquals(Float.floatToRawIntBits(realTime.truth()[i]), Float.floatToRawIntBits(lockstep.truth[i]), both);
        }
    }
}
