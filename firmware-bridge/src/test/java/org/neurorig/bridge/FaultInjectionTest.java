package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.bridge.codec.RejectReason;
import org.neurorig.device.DeviceStatus;
import org.neurorig.loop.TripReason;

/**
 * The emulated Uno behind a {@link FaultyRelay} that corrupts, drops, delays and swallows bytes, with
 * the plant driven in closed loop through it by the runtime's ControlLoop ({@link PacedLoop}, at twice
 * the firmware's rate, so each state is read within half a period of its arrival). Each end must reject
 * and count every damaged frame (the relay counts what it damaged), find the frame boundaries again, and
 * carry on; silence must be noticed as a lost link (the loop's watchdog trips on it), after which the host
 * reconnects through the same cable and the rearmed loop resumes.
 *
 * <p>The counts can be compared only if the link stayed up while they were taken: on a machine shared
 * with other builds the emulator or this JVM is now and then starved of CPU for a second, the link is
 * then (rightly) declared lost and reopened, and the frames in flight are flushed uncounted. A test
 * that sees that is aborted (reported as skipped) with the reason, rather than passed or failed.
 */
@Tag("emulator")
class FaultInjectionTest {

    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);
    private static EmulatedUno uno;
    private static FaultyRelay relay;

    @BeforeAll
    static void start() throws Exception {
        uno = Emulators.start();
        relay = new FaultyRelay(uno.pty(), 20251123L);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
        if (uno != null) {
            uno.close();
        }
    }

    /** A plant on the relay, driven by a loop at half the firmware's period; closing it closes both. */
    private static final class Rig implements AutoCloseable {
        final FirmwarePlant plant;
        final RecordingPlant recorded;
        final PacedLoop paced;

        Rig(LinkSettings settings) throws Exception {
            plant = new FirmwarePlant(settings);
            plant.configure();
            recorded = new RecordingPlant(plant);
            // the loop tolerates two seconds without a fresh state (a run of damaged states); a lost link trips it
            paced = new PacedLoop(recorded, new Feedback(recorded, 0), PERIOD / 2, 200);
        }

        /** Runs for {@code states} state periods (two loop ticks each). */
        void run(int states) {
            paced.ticks(2 * states);
        }

        /**
         * Runs until the loop has read {@code wanted} fresh states, for at most {@code maxStates} state
         * periods; returns the fresh states read. Counting in states rather than wall time: a starved
         * emulator catches up in bursts, of which the loop reads only the newest state.
         */
        int runUntilFresh(int wanted, int maxStates) {
            long before = recorded.freshReads;
            paced.ticksUntil(() -> recorded.freshReads - before >= wanted, 2 * maxStates);
            return (int) (recorded.freshReads - before);
        }

        /** What the loop and the link say, for a failure message. */
        String diagnosis() {
            return "loop trips " + paced.loop.trips() + " (last " + paced.loop.lastTripReason() + "), firmware faults "
                    + plant.link().reports().faultsRaised() + " (last "
                    + Protocol.faultName(plant.link().reports().lastFaultCode()) + "), link: "
                    + plant.link().health().lastProblem();
        }

        @Override
        public void close() {
            paced.close();
            plant.close();
        }
    }

    private static void assumeStayedUp(FirmwarePlant plant, long lossesBefore) {
        assumeTrue(plant.link().health().losses() == lossesBefore, () -> "not judged: the link was lost and reopened during the"
                + " run, so frames in flight were flushed uncounted (" + plant.link().health().lossReason() + ")");
    }

    /**
     * The loop must not trip while bytes are damaged or delayed: damaged states are merely not fresh. One
     * trip is the machine's doing, not the link's, and then nothing is judged: the emulator starved of CPU
     * for longer than its 500 ms command watchdog (it catches up on its ticks before it has read the
     * commands waiting for it, goes safe and says so: the loop's read is FAULT, and the loop rightly
     * trips), or this thread starved past the loop's one-second timing limits. Any other trip fails.
     */
    private static void assumeNoTrip(Rig rig, long tripsBefore) {
        if (rig.paced.loop.trips() == tripsBefore) {
            return;
        }
        TripReason reason = rig.paced.loop.lastTripReason();
        boolean firmwareWentSafe = reason == TripReason.READ_FAULT
                && rig.plant.link().reports().lastFaultCode() == Protocol.FAULT_WATCHDOG;
        boolean late = reason == TripReason.OVERRUN || reason == TripReason.LATE_REPLY;
        assumeTrue(!firmwareWentSafe && !late, () -> "not judged: the machine starved the emulator or the loop of CPU"
                + " during the run, and the loop went to its safe state (" + rig.diagnosis() + ")");
        fail("the loop tripped: " + rig.diagnosis());
    }

    /** The firmware's receive counters (rejected, lost) from a PONG. */
    private static int[] deviceCounters(FirmwarePlant plant, int token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() - deadline < 0) {
            plant.link().sendPing(token);
            long wait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() - wait < 0) {
                if (plant.link().reports().pongToken() == token) {
                    return new int[] {plant.link().reports().rxRejected(), plant.link().reports().rxLost()};
                }
                LockSupport.parkNanos(200_000);
            }
        }
        throw new AssertionError("no PONG");
    }

    @Test
    void everyCorruptedFrameIsRejectedAndCountedOnBothEnds() throws Exception {
        try (Rig rig = new Rig(Emulators.settings(relay.hostPath()))) {
            FirmwarePlant plant = rig.plant;
            rig.run(10);
            long lossesBefore = plant.link().health().losses();
            long tripsBefore = rig.paced.loop.trips();
            int[] deviceBefore = deviceCounters(plant, 1);
            long damagedToHost = relay.toHost.damagedFrames.get();
            long damagedToDevice = relay.toDevice.damagedFrames.get();
            // a frame in flight when the port was opened arrives without its head: counted before this point
            long rejectedBefore = plant.link().receiveCounters().rejectedTotal();
            long lostBefore = plant.link().receiveCounters().lost();
            relay.toHost.corruptProbability = 0.003; // a 50-byte state: about one in seven
            relay.toDevice.corruptProbability = 0.01; // a 10-byte command: about one in ten
            rig.run(100);
            relay.toHost.clean();
            relay.toDevice.clean();
            int fresh = rig.runUntilFresh(10, 45); // clean frames after the last bad one close every gap
            damagedToHost = relay.toHost.damagedFrames.get() - damagedToHost;
            damagedToDevice = relay.toDevice.damagedFrames.get() - damagedToDevice;
            int[] deviceAfter = deviceCounters(plant, 2);
            assumeStayedUp(plant, lossesBefore);
            assumeNoTrip(rig, tripsBefore);

            var host = plant.link().receiveCounters();
            assertTrue(damagedToHost >= 5 && damagedToDevice >= 5, "too few faults to judge: " + damagedToHost + ", "
                    + damagedToDevice);
            assertEquals(damagedToHost, host.rejectedTotal() - rejectedBefore, "host: " + host);
            assertEquals(0, host.rejected(RejectReason.OUT_OF_ORDER), "host: " + host);
            assertEquals(damagedToHost, host.lost() - lostBefore, "every rejected frame is a gap in the numbering: " + host);
            assertEquals(damagedToDevice, deviceAfter[0] - deviceBefore[0], "rejected by the firmware");
            assertEquals(damagedToDevice, deviceAfter[1] - deviceBefore[1], "lost by the firmware's count");
            assertTrue(fresh >= 10, "after the faults stopped only " + fresh + " fresh states in 45 periods; " + rig.diagnosis());
            assertTrue(plant.link().up(), plant.link().health().lastProblem());
            System.out.printf("corruption: host rejected %d of %d damaged frames (%s); firmware rejected %d of %d%n",
                    host.rejectedTotal() - rejectedBefore, damagedToHost, host, deviceAfter[0] - deviceBefore[0],
                    damagedToDevice);
        }
    }

    @Test
    void droppedBytesCostTheirFramesAndFramingRecovers() throws Exception {
        try (Rig rig = new Rig(Emulators.settings(relay.hostPath()))) {
            FirmwarePlant plant = rig.plant;
            rig.run(10);
            long lossesBefore = plant.link().health().losses();
            long tripsBefore = rig.paced.loop.trips();
            long damaged = relay.toHost.damagedFrames.get();
            long rejectedAtStart = plant.link().receiveCounters().rejectedTotal();
            relay.toHost.dropProbability = 0.003;
            relay.toDevice.dropProbability = 0.005;
            rig.run(100);
            relay.toHost.clean();
            relay.toDevice.clean();
            long rejectedBefore = plant.link().receiveCounters().rejectedTotal();
            long lostBefore = plant.link().receiveCounters().lost();
            int fresh = rig.runUntilFresh(25, 90);
            damaged = relay.toHost.damagedFrames.get() - damaged;
            assumeStayedUp(plant, lossesBefore);
            assumeNoTrip(rig, tripsBefore);
            var host = plant.link().receiveCounters();
            assertTrue(damaged >= 5, "too few faults to judge: " + damaged);
            assertEquals(damaged, host.rejectedTotal() - rejectedAtStart, "a lost delimiter merges two frames into one: " + host);
            assertTrue(host.lost() >= damaged, host.toString());
            assertTrue(fresh >= 25, "after the faults stopped only " + fresh + " fresh states in 90 periods; " + rig.diagnosis());
            // the damage ends with the faults: at most the one frame that was in flight is still counted
            assertTrue(host.rejectedTotal() - rejectedBefore <= 1 && host.lost() - lostBefore <= 2, host.toString());
            assertTrue(plant.link().up(), plant.link().health().lastProblem());
            System.out.printf("drops: %d frames damaged on the way to the host, %s%n", damaged, host);
        }
    }

    @Test
    void delayedBytesArriveWholeAndCommandsStillTakeEffect() throws Exception {
        try (Rig rig = new Rig(Emulators.settings(relay.hostPath()))) {
            FirmwarePlant plant = rig.plant;
            rig.run(5);
            long lossesBefore = plant.link().health().losses();
            long tripsBefore = rig.paced.loop.trips();
            long rejectedBefore = plant.link().receiveCounters().rejectedTotal();
            long lostBefore = plant.link().receiveCounters().lost();
            relay.toHost.delayNanos = TimeUnit.MILLISECONDS.toNanos(8);
            relay.toDevice.delayNanos = TimeUnit.MILLISECONDS.toNanos(8);
            int before = plant.lastCommandSeq();
            int fresh = rig.runUntilFresh(40, 150);
            relay.toHost.clean();
            relay.toDevice.clean();
            assumeStayedUp(plant, lossesBefore);
            assumeNoTrip(rig, tripsBefore);
            var host = plant.link().receiveCounters();
            assertEquals(rejectedBefore, host.rejectedTotal(), host.toString());
            assertEquals(lostBefore, host.lost(), host.toString());
            assertTrue(fresh >= 40, "only " + fresh + " fresh states in 150 periods; " + rig.diagnosis());
            int applied = plant.lastSample().commandSeq;
            assertTrue(((applied - before) & 0xFFFF) >= 40, "commands did not keep arriving: " + before + " -> " + applied);
        }
    }

    @Test
    void silenceIsALostLinkAndTheHostReconnectsWhenItEnds() throws Exception {
        LinkSettings settings = Emulators.settings(relay.hostPath()).withLossTimeoutPeriods(10)
                .withHandshakeTimeout(Duration.ofSeconds(2));
        try (Rig rig = new Rig(settings)) {
            FirmwarePlant plant = rig.plant;
            var loop = rig.paced.loop;
            rig.run(25);
            // a starved emulator can fall silent by itself on a loaded machine: wait for the link to be up again
            long calm = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!plant.link().up() && System.nanoTime() - calm < 0) {
                rig.paced.ticks(1);
            }
            if (loop.trips() > 0) {
                loop.rearm();
                rig.run(5);
            }
            long lossesBefore = plant.link().health().losses();
            long reconnectsBefore = plant.link().health().reconnects();
            long tripsBefore = loop.trips();
            relay.toHost.swallow = true;
            long silenceFrom = System.nanoTime();
            // wait on the event itself, the link declaring the silence a loss; then count the loop's ticks
            if (rig.paced.ticksUntil(() -> plant.link().health().losses() > lossesBefore, 200) > 200) {
                fail("silence not noticed in 2 s");
            }
            long detected = plant.link().health().lostAtNanos() - silenceFrom;
            int loopTicks = rig.recorded.lastRead == DeviceStatus.DISCONNECTED ? 0
                    : rig.paced.ticksUntil(() -> rig.recorded.lastRead == DeviceStatus.DISCONNECTED, 1);
            assertTrue(loopTicks <= 1, "the loop read " + rig.recorded.lastRead + " on its tick after the loss");
            long noticed = System.nanoTime() - silenceFrom;
            assertEquals(tripsBefore + 1, loop.trips(), "the loop's watchdog drove the safe state");
            assertEquals(TripReason.DISCONNECTED, loop.lastTripReason());
            long writes = rig.recorded.writes;
            rig.paced.ticks(3);
            assertEquals(writes, rig.recorded.writes, "commands must stop");
            // the link's own account: silence, timed against the 10 periods it was given and no fewer (a
            // starved receive thread notices later, which says nothing about the link)
            Matcher silence = Pattern.compile("no frame for (\\d+) ms \\(10\\.0 state periods\\)")
                    .matcher(plant.link().health().lossReason());
            assertTrue(silence.find(), plant.link().health().lossReason());
            assertTrue(Long.parseLong(silence.group(1)) >= 10 * PERIOD / 1_000_000, plant.link().health().lossReason());
            relay.toHost.clean();
            long reconnectFrom = System.nanoTime();
            if (rig.paced.ticksUntil(() -> rig.recorded.lastRead == DeviceStatus.OK, 500) > 500) {
                fail("no reconnection in 5 s: " + plant.link().health().lastProblem());
            }
            long reconnected = System.nanoTime() - reconnectFrom;
            assertEquals(lossesBefore + 1, plant.link().health().losses());
            assertEquals(reconnectsBefore + 1, plant.link().health().reconnects());
            loop.rearm(); // the link is back: a supervisor lets the loop resume
            assertTrue(rig.runUntilFresh(15, 60) >= 15, () -> "did not resume; " + rig.diagnosis());
            System.out.printf("silence: link lost %.0f ms after the silence began (timeout %d ms), seen by the loop after"
                    + " %.0f ms; reconnected %.0f ms after it ended%n", detected / 1e6, 10 * 20, noticed / 1e6,
                    reconnected / 1e6);
        }
    }
}
