package org.neurorig.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.bridge.EmulatedUno;
import org.neurorig.bridge.Emulators;
import org.neurorig.bridge.FirmwarePlant;
import org.neurorig.bridge.PseudoTerminal;
import org.neurorig.bridge.VersionOneDevice;
import org.neurorig.pi.MockRig;
import org.neurorig.control.Controller;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.Tick;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.episode.Task;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.RigProfile;
import org.neurorig.testing.BalancingFeedback;

/**
 * A profile's device opened as a cart-pole to train on in one's own loop: the simulated one is the
 * profile's non-ideal plant in this process; the emulated Uno is stepped in lockstep and balances under
 * a known-good feedback in the runtime's {@code EpisodeRunner}; a profile that is not a cart-pole in
 * plant units, and a firmware that does not answer, are refused in one line with nothing left open.
 */
class TrainingHardwareTest {

    private static final int TICKS = 200;

    @TempDir
    Path dir;

    /** The linear feedback that keeps the pole up, as the loop's controller. */
    private static final class Balancing implements Controller {
        @Override
        public int sensorCount() {
            return 4;
        }

        @Override
        public int commandCount() {
            return 1;
        }

        @Override
        public void update(Tick tick, double[] sensors, double[] commands) {
            commands[0] = BalancingFeedback.force(sensors);
        }
    }

    private static RigOptions quiet() {
        return RigOptions.defaults().withWarnings(w -> { });
    }

    /** One episode of at most {@link #TICKS} ticks from a state in Gymnasium's reset box. */
    private static EpisodeRunner.Episode balance(TrainingHardware hw, long seed) {
        EpisodeRecorder recorder = new EpisodeRecorder(new Balancing());
        try (EpisodeRunner run = new EpisodeRunner(hw.plant(), recorder, Task.survival(), TICKS,
                CartPoleBalancing.starts(org.neurorig.plant.CartPoleParameters.gym(), seed), hw.limits())) {
            return run.runEpisode();
        }
    }

    private Path profile(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name + ".toml"), text);
    }

    private static void oneLine(Exception e, String... parts) {
        assertFalse(e.getMessage().contains("\n"), "more than one line: " + e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    /** The same plant, command for command, as the profile's NonIdealCartPole built by hand. */
    @Test
    void aSimulatedProfileIsItsNonIdealCartPoleInLockstep() throws Exception {
        RigProfile profile = ProfileLoader.load("sim-cartpole-nonideal", List.of());
        DeviceSpec.Simulated spec = (DeviceSpec.Simulated) profile.device();
        try (TrainingHardware hw = TrainingHardware.open(profile, quiet());
                Plant byHand = NonIdealCartPole.create(SimulatedSetup.parameters(profile), CartPolePlant.ForceMode.CONTINUOUS,
                        spec.nonIdealities(), spec.seed())) {
            assertTrue(hw.lockstep());
            assertNull(hw.startGate(), "a simulation is reset into its state");
            assertTrue(hw.describe().startsWith("sim-cartpole-nonideal: simulated ") && hw.describe().endsWith("; stepped"
                    + " once per write"), hw.describe());
            Plant plant = hw.plant();
            double[] start = {0.1, 0, 0.05, 0};
            double[] a = new double[4];
            double[] b = new double[4];
            double[] force = new double[1];
            for (Plant p : List.of(plant, byHand)) {
                p.configure();
                p.activate();
                assertEquals(DeviceStatus.OK, p.reset(start));
            }
            for (int t = 0; t < TICKS; t++) {
                assertEquals(DeviceStatus.OK, plant.read(t, a));
                assertEquals(DeviceStatus.OK, byHand.read(t, b));
                assertArrayEquals(b, a, 0.0, "tick " + t);
                force[0] = Math.max(-10, Math.min(10, BalancingFeedback.force(a)));
                plant.write(t, force);
                byHand.write(t, force);
            }
            assertEquals(TICKS, balance(hw, 1).length(), "the feedback balances the non-ideal plant");
        }
    }

    /** The profile's calibration applies, and the plant still reads in metres: an offset trims the zero. */
    @Test
    void aCalibratedProfileReadsThroughItsCalibration() throws Exception {
        String sensors = Files.readString(Path.of("profiles/sim-cartpole.toml"));
        String trimmed = sensors.substring(sensors.indexOf("[[sensors]]"), sensors.indexOf("# Every command"))
                .replaceFirst("max = 2.4\n", "max = 2.4\noffset = 0.25\n");
        Path file = profile("trimmed", "extends = \"sim-cartpole\"\n[rig]\nname = \"trimmed\"\n" + trimmed);
        try (TrainingHardware hw = TrainingHardware.open(ProfileLoader.load(file.toString(), List.of()), quiet())) {
            assertInstanceOf(CalibratedPlant.class, hw.plant());
            hw.plant().configure();
            hw.plant().activate();
            assertEquals(DeviceStatus.OK, hw.plant().reset(new double[] {0.5, 0, 0, 0}));
            double[] sensed = new double[4];
            hw.plant().read(0, sensed);
            assertEquals(0.75, sensed[0], 1e-12, "x through its offset");
        }
    }

    @Test
    void aProfileThatIsNotACartPoleIsRefusedInOneLine() throws Exception {
        Path file = profile("pendulum", """
                extends = "sim-cartpole"
                [rig]
                name = "pendulum"
                [[sensors]]
                name = "x"
                unit = "m"
                min = -2.4
                max = 2.4
                [[sensors]]
                name = "x_dot"
                unit = "m/s"
                min = -3.0
                max = 3.0
                [[sensors]]
                name = "angle"
                unit = "deg"
                scale = 57.29577951308232
                min = -12.0
                max = 12.0
                [[sensors]]
                name = "theta_dot"
                unit = "rad/s"
                min = -3.5
                max = 3.5
                [[actuators]]
                name = "torque"
                unit = "N m"
                min = -1.0
                max = 1.0
                safe = 0.0
                [[safety.terminal]]
                sensor = "angle"
                abs_above = 12.0
                """);
        RigProfile profile = ProfileLoader.load(file.toString(), List.of());
        RigException e = assertThrows(RigException.class, () -> TrainingHardware.open(profile, quiet()));
        oneLine(e, "pendulum is not a cart-pole to train on", "sensors[2] is angle in deg, not theta in rad",
                "actuators[0] is torque in N m, not force in N", "[[sensors]]");
        assertFalse(e.getMessage().contains("sensors[0]"), "x is fine: " + e.getMessage());
    }

    /** A real rig (the Pi, on Pi4J's mock plugin) runs in real time, its I/O thread started, its operator gating episodes. */
    @Test
    void aRealRigRunsInRealTimeWithItsOperatorsGate() throws Exception {
        RigProfile profile = ProfileLoader.load("rpi-cartpole", List.of());
        MockRig mock = MockRig.hardwareOnly(PiSetup.config((DeviceSpec.RaspberryPi) profile.device(), profile),
                new double[] {0, 0, 0.01, 0});
        PiSetup pi;
        try (TrainingHardware hw = TrainingHardware.open(profile, quiet().withPiContext(mock::context))) {
            mock.attach();
            pi = assertInstanceOf(PiSetup.class, hw.setup());
            assertFalse(hw.lockstep());
            assertInstanceOf(HardwarePlant.class, hw.plant());
            assertInstanceOf(OperatorRestart.class, hw.startGate());
            assertTrue(pi.ioRunning(), "the Pi's I/O thread serves the real-time loop");
            assertEquals(-8.0, hw.limits()[0].min(), 0.0, "the profile's limits, not the simulation's");
            assertTrue(hw.describe().endsWith("; real time at 50 Hz, each episode started by its operator"), hw.describe());
        }
        assertFalse(pi.ioRunning(), "closing stopped the I/O thread");
    }

    /** A pseudo-terminal with nothing behind it: the handshake's one line, and the port no longer held. */
    @Test
    void aPortWhereNoFirmwareAnswersIsRefusedAndLeftFree() throws Exception {
        try (PseudoTerminal silent = PseudoTerminal.create()) {
            RigProfile profile = ProfileLoader.load("uno-usb", List.of("device.port=\"" + silent.slavePath() + "\""));
            RigException e = assertThrows(RigException.class, () -> TrainingHardware.open(profile, quiet()));
            oneLine(e, "no answer to the handshake from " + silent.slavePath(), "right port");
            assertEquals(Set.of(), openFilesTo(silent.slavePath()), "this process still holds the port");
        }
    }

    /**
     * Firmware of protocol version 1 behind the port (every frame of it fails this version's checks):
     * SerialSetup passes on the handshake's line naming both versions and the flash command, and the
     * port is let go.
     */
    @Test
    void aPortWhereFirmwareOfProtocolVersionOneAnswersIsRefusedByItsVersion() throws Exception {
        try (VersionOneDevice old = VersionOneDevice.start()) {
            RigProfile profile = ProfileLoader.load("uno-usb", List.of("device.port=\"" + old.port() + "\""));
            RigException e = assertThrows(RigException.class, () -> TrainingHardware.open(profile, quiet()));
            oneLine(e, "the device at " + old.port() + " speaks protocol version 1 (cartpole-emu 1.0.0), this host speaks"
                    + " version 2", "make -C firmware-bridge/firmware flash MODE=plant PORT=" + old.port());
            assertEquals(Set.of(), openFilesTo(old.port()), "this process still holds the port");
        }
    }

    private static Set<String> openFilesTo(String path) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(path);
                } catch (IOException gone) {
                    return false; // the listing's own descriptor, closed meanwhile
                }
            }).map(Path::toString).collect(Collectors.toSet());
        }
    }

    /** The emulated Uno in lockstep under the runtime's lockstep loop: the pole stays up; closing stops QEMU. */
    @Test
    @Tag("emulator")
    void unoEmulatedBalancesInLockstepAndClosingStopsTheEmulator() throws Exception {
        Emulators.assumeAvailable();
        EmulatedUno emulator;
        try (TrainingHardware hw = TrainingHardware.open(ProfileLoader.load("uno-emulated", List.of()), quiet())) {
            emulator = ((SerialSetup) hw.setup()).emulator();
            assertTrue(emulator.alive());
            assertTrue(hw.lockstep());
            FirmwarePlant firmware = assertInstanceOf(FirmwarePlant.class, hw.plant());
            assertTrue(firmware.link().settings().lockstep());
            assertTrue(hw.describe().startsWith("uno-emulated: emulated Uno (QEMU pid ") && hw.describe().contains(
                    ", in lockstep; stepped once per write"), hw.describe());
            long start = System.nanoTime();
            EpisodeRunner.Episode episode = balance(hw, 3);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(TICKS, episode.length(), "the firmware's pole fell: " + episode);
            assertTrue(episode.truncated(), episode.toString());
            System.out.printf(Locale.ROOT, "uno-emulated in lockstep: %d ticks balanced in %.2f s (%.0f ticks/s with the"
                    + " emulator's start and handshake excluded, the loop's activation included)%n", episode.length(),
                    seconds, episode.length() / seconds);
        }
        assertFalse(emulator.alive(), "closing stopped the emulator");
    }

    /** The firmware refuses what the profile asks after QEMU has started: it is stopped again. */
    @Test
    @Tag("emulator")
    void aFailureAfterTheEmulatorStartedLeavesNoEmulatorRunning() throws Exception {
        Emulators.assumeAvailable();
        String emulated = Files.readString(Path.of("profiles/sim-cartpole.toml"));
        String channels = emulated.substring(emulated.indexOf("[[actuators]]"), emulated.indexOf("[safety]"))
                .replace("min = -10.0", "min = -12.0").replace("max = 10.0", "max = 12.0");
        Path file = profile("strong", "extends = \"uno-emulated\"\n[rig]\nname = \"strong\"\n" + channels);
        Set<Long> before = emulators();
        RigException e = assertThrows(RigException.class,
                () -> TrainingHardware.open(ProfileLoader.load(file.toString(), List.of()), quiet()));
        oneLine(e, "allows up to 12 N, but the firmware's full scale is 10");
        assertEquals(before, emulators(), "an emulator was left running");
    }

    /** The QEMU processes this JVM started that are still alive. */
    private static Set<Long> emulators() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("qemu-system-avr")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
