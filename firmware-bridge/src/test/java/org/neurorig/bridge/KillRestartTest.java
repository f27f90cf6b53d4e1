package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.device.DeviceStatus;
import org.neurorig.loop.TripReason;

/**
 * Killing the emulator (SIGKILL: a crash, a pulled USB cable) while the runtime's ControlLoop drives the
 * plant at the firmware's rate: the loop must reach its safe state (its watchdog trips on the lost link
 * and no command goes out any more) within two periods, and the link report the fault. Restarting it
 * behind the same path: the link must reconnect by itself, and the loop, rearmed once the link is back
 * (what an operator or supervisor does after a trip), resume.
 */
@Tag("emulator")
class KillRestartTest {

    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);

    @Test
    void killingTheEmulatorDrivesTheSafeStateAndRestartingItResumes(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("uno");
        EmulatedUno uno = Emulators.start(link);
        EmulatedUno again = null;
        try (FirmwarePlant plant = new FirmwarePlant(Emulators.settings(link.toString()))) {
            plant.configure();
            RecordingPlant recorded = new RecordingPlant(plant);
            try (PacedLoop paced = new PacedLoop(recorded, new Feedback(recorded, 0), PERIOD, 50)) {
                paced.ticks(25);
                assertTrue(plant.link().up(), plant.link().health().lastProblem());
                assertEquals(0, paced.loop.trips(), String.valueOf(paced.loop.lastTripReason()));
                long killedAt = System.nanoTime();
                uno.kill();
                int ticks = paced.ticksUntil(recorded::down, 50);
                if (ticks > 50) {
                    fail("still up 50 ticks after the emulator was killed");
                }
                long noticed = System.nanoTime() - killedAt;
                assertTrue(ticks <= 2, "the loop saw the loss only at tick " + ticks + " after the kill");
                assertEquals(1, paced.loop.trips(), "the loop's watchdog drove the safe state");
                assertEquals(TripReason.DISCONNECTED, paced.loop.lastTripReason());
                long writesAtTrip = recorded.writes;
                paced.ticks(5);
                assertEquals(writesAtTrip, recorded.writes, "no command goes out while the loop is in its safe state");
                long lostDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (plant.link().health().losses() == 0 && System.nanoTime() - lostDeadline < 0) {
                    paced.ticks(1);
                }
                assertEquals(1, plant.link().health().losses());
                assertTrue(plant.link().health().lossReason().contains("the port failed"), plant.link().health().lossReason());

                again = Emulators.start(link);
                long restartedAt = System.nanoTime();
                int lastSeqBefore = plant.lastCommandSeq();
                // the loop keeps reading while tripped; once the link is back, rearm it
                while (!(plant.link().up() && recorded.lastRead == DeviceStatus.OK)) {
                    paced.ticks(1);
                    if (System.nanoTime() - restartedAt > TimeUnit.SECONDS.toNanos(10)) {
                        fail("no reconnection 10 s after the restart: " + plant.link().health().lastProblem());
                    }
                }
                long resumed = System.nanoTime() - restartedAt;
                paced.loop.rearm();
                long writesOkBefore = recorded.writesOk;
                long freshBefore = recorded.freshReads;
                paced.ticks(25);
                assertEquals(25, recorded.writesOk - writesOkBefore, "commands must go out again, every tick");
                long fresh = recorded.freshReads - freshBefore;
                assertTrue(fresh >= 15, "only " + fresh + " fresh states in 25 ticks after resuming");
                assertEquals(1, plant.link().health().reconnects());
                assertEquals(1, paced.loop.trips(), "no further trip after rearming");
                int applied = plant.lastSample().commandSeq;
                assertTrue(((applied - lastSeqBefore) & 0xFFFF) > 0 && ((applied - lastSeqBefore) & 0xFFFF) < 100,
                        "the restarted firmware must be applying the new commands: " + lastSeqBefore + " -> " + applied);
                System.out.printf("kill: the loop saw DISCONNECTED and tripped %d tick(s) and %.1f ms after SIGKILL; restart:"
                        + " reconnected %.0f ms after the new emulator started%n", ticks, noticed / 1e6, resumed / 1e6);
            }
        } finally {
            uno.close();
            if (again != null) {
                again.close();
            }
        }
    }
}
