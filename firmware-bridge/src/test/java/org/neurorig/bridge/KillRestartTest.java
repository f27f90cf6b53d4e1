package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.device.DeviceStatus;

/**
 * Killing the emulator (SIGKILL: a crash, a pulled USB cable) while the plant is driven at the firmware's
 * rate: the host must reach its safe state (commands refused, the fault reported) within two periods.
 * Restarting it behind the same path: the host must reconnect by itself and resume.
 */
class KillRestartTest {

    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);

    /** One tick of a loop paced at the firmware's period: read, then command (or go safe). */
    private static final class Loop {
        final FirmwarePlant plant;
        final double[] s = new double[4];
        final double[] c = new double[1];
        long next = System.nanoTime();
        DeviceStatus lastRead;
        DeviceStatus lastWrite;

        Loop(FirmwarePlant plant) {
            this.plant = plant;
        }

        void tick() {
            next += PERIOD;
            LockSupport.parkNanos(next - System.nanoTime()); // the loop's own pacing, as a control loop has
            lastRead = plant.read(System.nanoTime(), s);
            if (lastRead == DeviceStatus.DISCONNECTED) {
                plant.safeState(); // what the control loop's watchdog does
            }
            c[0] = ClosedLoopTest.control(s);
            lastWrite = plant.write(System.nanoTime(), c);
        }

        boolean down() {
            return lastRead == DeviceStatus.DISCONNECTED || lastWrite == DeviceStatus.DISCONNECTED;
        }
    }

    @Test
    void killingTheEmulatorDrivesTheSafeStateAndRestartingItResumes(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("uno");
        EmulatedUno uno = Emulators.start(link);
        EmulatedUno again = null;
        try (FirmwarePlant plant = new FirmwarePlant(Emulators.settings(link.toString()))) {
            plant.configure();
            plant.activate();
            Loop loop = new Loop(plant);
            for (int t = 0; t < 25; t++) {
                loop.tick();
            }
            assertTrue(plant.link().up(), plant.link().lastProblem());
            long killedAt = System.nanoTime();
            uno.kill();
            int ticks = 0;
            while (!loop.down()) {
                loop.tick();
                if (++ticks > 50) {
                    fail("still up 50 ticks after the emulator was killed");
                }
            }
            long noticed = System.nanoTime() - killedAt;
            assertTrue(ticks <= 2, "the loop saw the loss only at tick " + ticks + " after the kill");
            loop.tick();
            assertEquals(DeviceStatus.DISCONNECTED, loop.lastWrite, "commands must be refused while the link is down");
            long lostDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (plant.link().losses() == 0 && System.nanoTime() - lostDeadline < 0) {
                loop.tick();
            }
            assertEquals(1, plant.link().losses());
            assertTrue(plant.link().lossReason().contains("the port failed"), plant.link().lossReason());

            again = Emulators.start(link);
            long restartedAt = System.nanoTime();
            int lastSeqBefore = plant.lastCommandSeq();
            while (loop.lastRead != DeviceStatus.OK) {
                loop.tick();
                if (System.nanoTime() - restartedAt > TimeUnit.SECONDS.toNanos(10)) {
                    fail("no reconnection 10 s after the restart: " + plant.link().lastProblem());
                }
            }
            long resumed = System.nanoTime() - restartedAt;
            int fresh = 0;
            for (int t = 0; t < 25; t++) {
                loop.tick();
                assertEquals(DeviceStatus.OK, loop.lastWrite, "commands must go out again");
                fresh += loop.lastRead == DeviceStatus.OK ? 1 : 0;
            }
            assertTrue(fresh >= 15, "only " + fresh + " fresh states in 25 ticks after resuming");
            assertEquals(1, plant.link().reconnects());
            int applied = plant.lastSample().commandSeq;
            assertTrue(((applied - lastSeqBefore) & 0xFFFF) > 0 && ((applied - lastSeqBefore) & 0xFFFF) < 100,
                    "the restarted firmware must be applying the new commands: " + lastSeqBefore + " -> " + applied);
            System.out.printf("kill: the loop saw DISCONNECTED %d tick(s) and %.1f ms after SIGKILL; restart: resumed"
                    + " %.0f ms after the new emulator started%n", ticks, noticed / 1e6, resumed / 1e6);
        } finally {
            uno.close();
            if (again != null) {
                again.close();
            }
        }
    }
}
