package org.neurorig.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.EmulatedUno;
import org.neurorig.bridge.Emulators;
import org.neurorig.bridge.FirmwarePlant;
import org.neurorig.pi.PiContexts;
import org.neurorig.profile.ProfileCatalog;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.telemetry.TelemetryLog;

/**
 * Every shipped profile loads and assembles: the simulated ones here and in {@link SimulatedRigTest},
 * uno-emulated against the real firmware on QEMU's emulated Uno (skipped, with what to install, when
 * qemu-system-avr or avr-gcc is missing), and the real-hardware ones up to the point where the hardware
 * is needed, which must say so in one line ({@link PiRigTest} runs rpi-cartpole on Pi4J's mock plugin).
 */
class ShippedRigsTest {

    @TempDir
    Path dir;

    private static final Set<String> COVERED = Set.of("sim-cartpole", "sim-cartpole-nonideal", "uno-emulated", "uno-usb",
            "rpi-cartpole");

    @Test
    void everyShippedProfileIsCoveredHere() {
        assertEquals(new TreeSet<>(COVERED), new TreeSet<>(ProfileCatalog.names()),
                "a new shipped profile needs its assembly test in this class");
    }

    @Test
    void theSimulatedProfilesAssemble() throws Exception {
        for (String name : List.of("sim-cartpole", "sim-cartpole-nonideal")) {
            try (Rig rig = Rig.assemble(name, List.of(), RigOptions.defaults().inInvokerMode().withWarnings(w -> { }))) {
                assertTrue(rig.describe().startsWith(name + ": simulated cartpole-continuous"), rig.describe());
                assertEquals(Rig.State.ASSEMBLED, rig.state());
            }
        }
    }

    @Test
    void unoUsbStopsWhereItNeedsTheBoardWithOneLineSayingSo() throws Exception {
        assumeTrue(!Files.exists(Path.of("/dev/ttyACM0")), "skipped: this machine has a /dev/ttyACM0, so uno-usb would open it");
        RigException e = assertThrows(RigException.class, () -> Rig.assemble("uno-usb", List.of(), RigOptions.defaults()));
        assertTrue(e.getMessage().startsWith("serial port /dev/ttyACM0 does not exist"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        // not a serial port at all
        Path file = Files.writeString(dir.resolve("not-a-port"), "x");
        RigException notTty = assertThrows(RigException.class,
                () -> Rig.assemble("uno-usb", List.of("device.port=" + file), RigOptions.defaults()));
        assertTrue(notTty.getMessage().contains(file.toString()) && !notTty.getMessage().contains("\n"), notTty.getMessage());
    }

    @Test
    void rpiCartpoleStopsWhereItNeedsAPiWithOneLineSayingSo() {
        assumeTrue(PiContexts.hardwareMissing() != null, "skipped: this machine has /dev/gpiochip0");
        RigException e = assertThrows(RigException.class, () -> Rig.assemble("rpi-cartpole", List.of(), RigOptions.defaults()));
        assertEquals("rpi-cartpole drives a Raspberry Pi's GPIO, PWM and I2C, and there is no /dev/gpiochip0 here: this is"
                + " not a Raspberry Pi (or the GPIO driver is not loaded): run it on the Pi (README, \"Deployment on a"
                + " Raspberry Pi\"); here, 'neurorig profiles check rpi-cartpole' checks the profile", e.getMessage());
    }

    /**
     * The emulated Uno: the rig builds the firmware, starts QEMU on a pseudo-terminal, shakes hands, and
     * its loop thread runs episodes on the firmware's float32 cart-pole, resetting it into each episode's
     * initial state. Closing the rig stops the emulator.
     */
    @Test
    @Tag("emulator")
    void unoEmulatedRunsEpisodesAgainstTheFirmwareOnQemu() throws Exception {
        Emulators.assumeAvailable();
        Path log = dir.resolve("uno.telemetry");
        EmulatedUno emulator;
        long ticks;
        try (Rig rig = Rig.assemble("uno-emulated", List.of(), RigOptions.defaults().withTelemetry(log).withWarnings(w -> { }))) {
            SerialSetup serial = assertInstanceOf(SerialSetup.class, rig.deviceSetup());
            emulator = serial.emulator();
            assertTrue(emulator.alive());
            FirmwarePlant firmware = assertInstanceOf(FirmwarePlant.class, rig.device());
            assertTrue(firmware.identity().emulatedPlant(), firmware.identity().describe());
            assertTrue(rig.describe().startsWith("uno-emulated: emulated Uno (QEMU pid "), rig.describe());
            rig.start();
            assertTrue(rig.awaitEpisodes(3, Duration.ofSeconds(60)), "3 episodes within a minute; "
                    + rig.history().count() + " ended, trips " + rig.loop().trips() + " (" + rig.loop().lastTripReason() + ")");
            rig.stop();
            ticks = rig.loop().ticks();
            List<EpisodeHistory.Episode> episodes = rig.history().last(3);
            long judged = episodes.stream().filter(e -> e.end() != EpisodeHistory.End.ABORTED).count();
            System.out.printf("uno-emulated: %d ticks, episodes %s, reads not OK %d, trips %d (%s), host rejected %d frames%n",
                    ticks, episodes, rig.loop().readsNotOk(), rig.loop().trips(), rig.loop().lastTripReason(),
                    firmware.link().receiveCounters().rejectedTotal());
            assertTrue(judged >= 1, "the firmware's plant ended episodes by its own terminal rule: " + episodes);
            assertTrue(episodes.stream().allMatch(e -> e.ticks() > 0), episodes.toString());
            assertTrue(firmware.link().receiveCounters().rejectedTotal() <= 1, firmware.link().receiveCounters().toString());
        }
        assertFalse(emulator.alive(), "closing the rig stopped the emulator");
        int[] episodesInLog = {-1};
        assertEquals(ticks, TelemetryLog.open(log).read(r -> episodesInLog[0] = Math.max(episodesInLog[0], r.episode())).records());
        assertTrue(episodesInLog[0] >= 3, "the telemetry shows the episodes: " + episodesInLog[0]);
    }

    @Test
    void everyShippedProfileLoads() throws Exception {
        for (String name : ProfileCatalog.names()) {
            assertEquals(name, ProfileLoader.load(name, List.of()).name());
        }
    }
}
