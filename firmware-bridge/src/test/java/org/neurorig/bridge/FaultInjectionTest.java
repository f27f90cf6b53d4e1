package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurorig.bridge.codec.RejectReason;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;

/**
 * The emulated Uno behind a {@link FaultyRelay} that corrupts, drops, delays and swallows bytes, with
 * the plant driven in closed loop through it. Each end must reject and count every damaged frame (the
 * relay counts what it damaged), find the frame boundaries again, and carry on; silence must be noticed
 * as a lost link, after which the host reconnects through the same cable and resumes.
 *
 * <p>The counts can be compared only if the link stayed up while they were taken: on a machine shared
 * with other builds the emulator or this JVM is now and then starved of CPU for a second, the link is
 * then (rightly) declared lost and reopened, and the frames in flight are flushed uncounted. A test
 * that sees that is aborted (reported as skipped) with the reason, rather than passed or failed.
 */
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

    private static FirmwarePlant connect(LinkSettings settings) throws DeviceException {
        FirmwarePlant plant = new FirmwarePlant(settings);
        plant.configure();
        plant.activate();
        return plant;
    }

    /** Closed-loop ticks; statuses other than OK are allowed (a damaged state is simply not fresh). */
    private static int run(FirmwarePlant plant, int ticks) {
        double[] s = new double[4];
        double[] c = new double[1];
        int fresh = 0;
        for (int t = 0; t < ticks; t++) {
            long deadline = System.nanoTime() + 3 * PERIOD;
            DeviceStatus status;
            do {
                status = plant.read(System.nanoTime(), s);
                if (status == DeviceStatus.STALE) {
                    LockSupport.parkNanos(200_000);
                }
            } while (status == DeviceStatus.STALE && System.nanoTime() - deadline < 0);
            if (status == DeviceStatus.OK) {
                fresh++;
            } else if (status == DeviceStatus.DISCONNECTED) {
                System.out.println("tick " + t + ": DISCONNECTED: " + plant.link().lastProblem());
                LockSupport.parkNanos(PERIOD);
            }
            c[0] = ClosedLoopTest.control(s);
            plant.write(System.nanoTime(), c);
        }
        return fresh;
    }

    private static void assumeStayedUp(FirmwarePlant plant, long lossesBefore) {
        assumeTrue(plant.link().losses() == lossesBefore, () -> "not judged: the link was lost and reopened during the"
                + " run, so frames in flight were flushed uncounted (" + plant.link().lossReason() + ")");
    }

    /** The firmware's receive counters (rejected, lost) from a PONG. */
    private static int[] deviceCounters(FirmwarePlant plant, int token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() - deadline < 0) {
            plant.link().sendPing(token);
            long wait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() - wait < 0) {
                if (plant.link().pongToken() == token) {
                    return new int[] {plant.link().deviceRxRejected(), plant.link().deviceRxLost()};
                }
                LockSupport.parkNanos(200_000);
            }
        }
        throw new AssertionError("no PONG");
    }

    @Test
    void everyCorruptedFrameIsRejectedAndCountedOnBothEnds() throws Exception {
        try (FirmwarePlant plant = connect(Emulators.settings(relay.hostPath()))) {
            run(plant, 10);
            long lossesBefore = plant.link().losses();
            int[] deviceBefore = deviceCounters(plant, 1);
            long damagedToHost = relay.toHost.damagedFrames.get();
            long damagedToDevice = relay.toDevice.damagedFrames.get();
            // a frame in flight when the port was opened arrives without its head: counted before this point
            long rejectedBefore = plant.link().receiveCounters().rejectedTotal();
            long lostBefore = plant.link().receiveCounters().lost();
            relay.toHost.corruptProbability = 0.003; // a 50-byte state: about one in seven
            relay.toDevice.corruptProbability = 0.01; // a 10-byte command: about one in ten
            run(plant, 100);
            relay.toHost.clean();
            relay.toDevice.clean();
            int fresh = run(plant, 15); // clean frames after the last bad one close every gap
            damagedToHost = relay.toHost.damagedFrames.get() - damagedToHost;
            damagedToDevice = relay.toDevice.damagedFrames.get() - damagedToDevice;
            int[] deviceAfter = deviceCounters(plant, 2);
            assumeStayedUp(plant, lossesBefore);

            var host = plant.link().receiveCounters();
            assertTrue(damagedToHost >= 5 && damagedToDevice >= 5, "too few faults to judge: " + damagedToHost + ", "
                    + damagedToDevice);
            assertEquals(damagedToHost, host.rejectedTotal() - rejectedBefore, "host: " + host);
            assertEquals(0, host.rejected(RejectReason.OUT_OF_ORDER), "host: " + host);
            assertEquals(damagedToHost, host.lost() - lostBefore, "every rejected frame is a gap in the numbering: " + host);
            assertEquals(damagedToDevice, deviceAfter[0] - deviceBefore[0], "rejected by the firmware");
            assertEquals(damagedToDevice, deviceAfter[1] - deviceBefore[1], "lost by the firmware's count");
            assertTrue(fresh >= 10, "after the faults stopped only " + fresh + " of 15 ticks had a fresh state");
            assertTrue(plant.link().up(), plant.link().lastProblem());
            System.out.printf("corruption: host rejected %d of %d damaged frames (%s); firmware rejected %d of %d%n",
                    host.rejectedTotal() - rejectedBefore, damagedToHost, host, deviceAfter[0] - deviceBefore[0],
                    damagedToDevice);
        }
    }

    @Test
    void droppedBytesCostTheirFramesAndFramingRecovers() throws Exception {
        try (FirmwarePlant plant = connect(Emulators.settings(relay.hostPath()))) {
            run(plant, 10);
            long lossesBefore = plant.link().losses();
            long damaged = relay.toHost.damagedFrames.get();
            long rejectedAtStart = plant.link().receiveCounters().rejectedTotal();
            relay.toHost.dropProbability = 0.003;
            relay.toDevice.dropProbability = 0.005;
            run(plant, 100);
            relay.toHost.clean();
            relay.toDevice.clean();
            long rejectedBefore = plant.link().receiveCounters().rejectedTotal();
            long lostBefore = plant.link().receiveCounters().lost();
            int fresh = run(plant, 30);
            damaged = relay.toHost.damagedFrames.get() - damaged;
            assumeStayedUp(plant, lossesBefore);
            var host = plant.link().receiveCounters();
            assertTrue(damaged >= 5, "too few faults to judge: " + damaged);
            assertEquals(damaged, host.rejectedTotal() - rejectedAtStart, "a lost delimiter merges two frames into one: " + host);
            assertTrue(host.lost() >= damaged, host.toString());
            assertTrue(fresh >= 25, "after the faults stopped only " + fresh + " of 30 ticks had a fresh state");
            // the damage ends with the faults: at most the one frame that was in flight is still counted
            assertTrue(host.rejectedTotal() - rejectedBefore <= 1 && host.lost() - lostBefore <= 2, host.toString());
            assertTrue(plant.link().up(), plant.link().lastProblem());
            System.out.printf("drops: %d frames damaged on the way to the host, %s%n", damaged, host);
        }
    }

    @Test
    void delayedBytesArriveWholeAndCommandsStillTakeEffect() throws Exception {
        try (FirmwarePlant plant = connect(Emulators.settings(relay.hostPath()))) {
            run(plant, 5);
            long lossesBefore = plant.link().losses();
            long rejectedBefore = plant.link().receiveCounters().rejectedTotal();
            long lostBefore = plant.link().receiveCounters().lost();
            relay.toHost.delayNanos = TimeUnit.MILLISECONDS.toNanos(8);
            relay.toDevice.delayNanos = TimeUnit.MILLISECONDS.toNanos(8);
            int before = plant.lastCommandSeq();
            int fresh = run(plant, 50);
            relay.toHost.clean();
            relay.toDevice.clean();
            assumeStayedUp(plant, lossesBefore);
            var host = plant.link().receiveCounters();
            assertEquals(rejectedBefore, host.rejectedTotal(), host.toString());
            assertEquals(lostBefore, host.lost(), host.toString());
            assertTrue(fresh >= 40, "only " + fresh + " fresh states of 50");
            int applied = plant.lastSample().commandSeq;
            assertTrue(((applied - before) & 0xFFFF) >= 40, "commands did not keep arriving: " + before + " -> " + applied);
        }
    }

    @Test
    void silenceIsALostLinkAndTheHostReconnectsWhenItEnds() throws Exception {
        LinkSettings settings = Emulators.settings(relay.hostPath()).withLossTimeoutPeriods(10)
                .withHandshakeTimeout(Duration.ofSeconds(2));
        try (FirmwarePlant plant = connect(settings)) {
            run(plant, 25);
            // a starved emulator can fall silent by itself on a loaded machine: wait for the link to be up again
            long calm = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!plant.link().up() && System.nanoTime() - calm < 0) {
                LockSupport.parkNanos(PERIOD);
            }
            long lossesBefore = plant.link().losses();
            long reconnectsBefore = plant.link().reconnects();
            double[] s = new double[4];
            double[] c = new double[1];
            relay.toHost.swallow = true;
            long silenceFrom = System.nanoTime();
            DeviceStatus status = DeviceStatus.OK;
            while (status != DeviceStatus.DISCONNECTED) {
                if (System.nanoTime() - silenceFrom > TimeUnit.SECONDS.toNanos(2)) {
                    fail("silence not noticed in 2 s");
                }
                status = plant.read(System.nanoTime(), s);
                LockSupport.parkNanos(500_000);
            }
            long noticed = System.nanoTime() - silenceFrom;
            long detected = plant.link().lostAtNanos() - silenceFrom;
            assertEquals(DeviceStatus.DISCONNECTED, plant.write(System.nanoTime(), c), "commands must stop");
            assertTrue(plant.link().lossReason().contains("no frame for"), plant.link().lossReason());
            // 10 periods of silence, plus up to one period for the last frame before it, plus polling
            assertTrue(detected <= 12 * PERIOD, "detected after " + detected / 1e6 + " ms");
            relay.toHost.clean();
            long reconnectFrom = System.nanoTime();
            while (plant.read(System.nanoTime(), s) != DeviceStatus.OK) {
                if (System.nanoTime() - reconnectFrom > TimeUnit.SECONDS.toNanos(5)) {
                    fail("no reconnection in 5 s: " + plant.link().lastProblem());
                }
                LockSupport.parkNanos(1_000_000);
            }
            long reconnected = System.nanoTime() - reconnectFrom;
            assertEquals(lossesBefore + 1, plant.link().losses());
            assertEquals(reconnectsBefore + 1, plant.link().reconnects());
            assertTrue(run(plant, 20) >= 15, "did not resume");
            System.out.printf("silence: link lost %.0f ms after the silence began (timeout %d ms), seen by the loop after"
                    + " %.0f ms; reconnected %.0f ms after it ended%n", detected / 1e6, 10 * 20, noticed / 1e6,
                    reconnected / 1e6);
        }
    }
}
