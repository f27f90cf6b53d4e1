package org.neurorig.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class ProfileLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A profile extending the shipped default, with {@code extra} appended. */
    private String extending(String extra) {
        return "extends = \"sim-cartpole\"\n" + extra;
    }

    private ProfileProblem onlyProblem(Path file, List<String> overrides) {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), overrides));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().getFirst();
    }

    @Test
    void theIndexListsExactlyTheShippedProfileFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("profiles"))) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertEquals(onDisk, ProfileCatalog.names().stream().sorted().toList());
        }
    }

    @Test
    void everyShippedProfileLoads() throws ProfileException {
        for (String name : ProfileCatalog.names()) {
            RigProfile p = ProfileLoader.load(name, List.of());
            assertEquals(name, p.name());
            assertEquals(p.sensors().size(), p.network().inputs(), name);
            assertEquals(p.actuators().size(), p.network().outputs(), name);
        }
    }

    @Test
    void theDefaultRigIsTheInProcessCartPole() throws ProfileException {
        RigProfile p = ProfileLoader.load("sim-cartpole", List.of());
        assertEquals(new DeviceSpec.Simulated("cartpole-continuous"), p.device());
        assertEquals(50.0, p.rateHz());
        assertEquals(List.of("x", "x_dot", "theta", "theta_dot"), p.sensors().stream().map(SensorChannel::name).toList());
        assertEquals(200, p.network().n());
    }

    @Test
    void extendsOverlaysTablesKeyByKeyAndReplacesChannelLists() throws ProfileException {
        RigProfile usb = ProfileLoader.load("uno-usb", List.of());
        assertEquals(new DeviceSpec.Serial("/dev/ttyACM0", 115_200, false), usb.device());
        assertEquals(50.0, usb.rateHz(), "rate_hz comes from sim-cartpole");
        assertEquals("uno-usb", usb.name());
        RigProfile pi = ProfileLoader.load("rpi-cartpole", List.of());
        assertEquals(1, pi.actuators().size(), "[[actuators]] replaces the parent's list whole");
        assertEquals(8.0, pi.actuators().getFirst().max());
        assertEquals(400.0, pi.actuators().getFirst().slewRate());
        assertEquals(0.35, pi.sensors().getFirst().max(), "[[sensors]] too");
        assertEquals(200, pi.network().n(), "[network] is inherited");
        assertEquals(new DeviceSpec.Simulated("cartpole-continuous"), ProfileLoader.load("sim-cartpole", List.of()).device());
    }

    @Test
    void overridesFromTheCommandLineWin() throws ProfileException {
        RigProfile p = ProfileLoader.load("sim-cartpole", List.of("network.n=64", "rig.rate_hz=100", "device.plant=cartpole",
                "actuators[0].max=5", "actuators[0].min=-5"));
        assertEquals(64, p.network().n());
        assertEquals(100.0, p.rateHz());
        assertEquals(new DeviceSpec.Simulated("cartpole"), p.device());
        assertEquals(5.0, p.actuators().getFirst().max());
    }

    @Test
    void anUnknownKeySuggestsTheNearestKnownOne() throws IOException {
        Path file = write("typo.toml", extending("[network]\nseeds = 3\n"));
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(new Origin(file.toString(), 3), p.origin());
        assertEquals("network.seeds", p.key());
        assertEquals("unknown key; did you mean network.seed?", p.message());
    }

    @Test
    void anUnknownOverrideIsNamedAsComingFromTheCommandLine() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("network.tua=0.5")));
        assertEquals("--set: network.tua: unknown key; did you mean network.tau?", e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheTypeExpectedAndTheOneFound() throws IOException {
        Path file = write("type.toml", extending("\n[network]\nn = \"two hundred\"\n"));
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(file + ":4: network.n: expected an integer in [1, 8192], got the string \"two hundred\"", p.toString());
    }

    @Test
    void aControlCharacterInTheRigsNameIsRefusedAndNamed() throws IOException {
        // TOML's own escape: the file holds ESC [ 2 J, which clears a terminal that prints it
        Path file = write("escape.toml", extending("[rig]\nname = \"rig\\u001b[2J\"\n"));
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(file + ":3: rig.name: the string holds the control character \\u001B at character 4: remove it"
                + " (a terminal would act on it instead of showing it)", p.toString());
        assertTrue(p.toString().chars().noneMatch(Character::isISOControl), "the message itself echoes nothing raw");
    }

    @Test
    void aControlCharacterIsRefusedInAnyStringAndInAnOverride() throws IOException {
        Path file = write("unit.toml", extending("[[sensors]]\nname = \"x\"\nunit = \"m\\u0007\"\n"));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of()));
        assertTrue(e.getMessage().contains("sensors[0].unit: the string holds the control character \\u0007 at character 2"),
                e.getMessage());
        ProfileException kind = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("rig.description=sim\u009b2J")));
        assertEquals("--set: rig.description: the string holds the control character \\u009B at character 4: remove it (a"
                + " terminal would act on it instead of showing it)", kind.getMessage());
    }

    @Test
    void aFileNameWithAControlCharacterCannotStandInForTheName() throws IOException {
        String withoutName = Files.readString(Path.of("profiles", "sim-cartpole.toml")).replace("name = \"sim-cartpole\"\n", "");
        Path file = write("rig\u001b]0;owned\u0007.toml", withoutName);
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals("rig.name", p.key());
        assertEquals("is missing, and the file name that stands in for it holds the control character \\u001B at"
                + " character 4: set rig.name", p.message());
    }

    @Test
    void aValueOutOfRangeNamesTheRange() throws IOException {
        Path file = write("range.toml", extending("[rig]\nrate_hz = 0.5\n"));
        assertEquals(file + ":3: rig.rate_hz: 0.5 is out of range: expected a number in [1, 20000]",
                onlyProblem(file, List.of()).toString());
    }

    @Test
    void aPinUsedTwiceNamesBothUses() throws IOException {
        Path file = write("pins.toml", "extends = \"rpi-cartpole\"\n[device.encoder]\nb_pin = 18\n");
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(new Origin(file.toString(), 3), p.origin());
        assertEquals("device.encoder.b_pin", p.key());
        assertTrue(p.message().startsWith("GPIO 18 is already used by device.motor.pwm_pin (hw-profiles/profiles/rpi-cartpole.toml:"),
                p.message());
    }

    @Test
    void aPinOfTheI2cBusCannotServeAsAnythingElse() throws IOException {
        Path file = write("i2c.toml", "extends = \"rpi-cartpole\"\n[device.motor]\nenable_pin = 3\n");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of()));
        assertTrue(e.getMessage().contains("GPIO 3 is already used by device.motor.enable_pin"), e.getMessage());
    }

    @Test
    void aMissingRequiredKeyIsNamedWithTheTableItBelongsTo() throws IOException {
        Path file = write("missing.toml", """
                [rig]
                name = "bare"

                [device]
                kind = "simulated"
                plant = "cartpole"

                [[sensors]]
                name = "x"
                unit = "m"
                min = -1
                max = 1

                [[sensors]]
                name = "x_dot"
                unit = "m/s"
                min = -1
                max = 1

                [[sensors]]
                name = "theta"
                unit = "rad"
                min = -1
                max = 1

                [[sensors]]
                name = "theta_dot"
                unit = "rad/s"
                min = -1
                max = 1

                [[actuators]]
                name = "force"
                unit = "N"
                min = -1
                max = 1
                safe = 0

                [network]
                n = 10
                dt = 0.01
                tau = 0.1
                """);
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(file + ":1: rig.rate_hz: is missing: expected a number in [1, 20000]", p.toString());
    }

    @Test
    void anExtendsCycleIsRefusedWithTheCycleSpelledOut() throws IOException {
        Path a = write("a.toml", "extends = \"b.toml\"\n[rig]\nrate_hz = 10\n");
        write("b.toml", "extends = \"a.toml\"\n");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(a.toString(), List.of()));
        ProfileProblem p = e.problems().getFirst();
        assertEquals("extends", p.key());
        assertEquals(new Origin(dir.resolve("b.toml").toString(), 1), p.origin());
        assertTrue(p.message().startsWith("profiles extend each other in a cycle (") && p.message().contains(" -> "), p.message());
    }

    @Test
    void extendingAProfileThatDoesNotExistNamesTheLineOfTheExtends() throws IOException {
        Path file = write("orphan.toml", "# a rig of my own\nextends = \"sim-cartpol\"\n");
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(file + ":2: extends: no profile named 'sim-cartpol'; did you mean 'sim-cartpole'?", p.toString());
        Path numeric = write("numeric.toml", "extends = 3\n");
        assertEquals(numeric + ":1: extends: expected the name of a profile or the path of a .toml file, as a string",
                onlyProblem(numeric, List.of()).toString());
    }

    @Test
    void aBadOverrideSaysWhatAnOverrideLooksLike() {
        ProfileException notKeyValue = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("learning.eta")));
        assertEquals("--set: 'learning.eta' is not key=value: write for example --set learning.eta=0.01",
                notKeyValue.getMessage());
        ProfileException wrongType = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("network.n=many")));
        assertEquals("--set: network.n: expected an integer in [1, 8192], got the string \"many\"", wrongType.getMessage());
        ProfileException outOfRange = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("rig.rate_hz=0")));
        assertEquals("--set: rig.rate_hz: 0 is out of range: expected a number in [1, 20000]", outOfRange.getMessage());
        ProfileException noSuchChannel = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("sensors[4].max=1")));
        assertEquals("--set: sensors[4].max: the profile has 4 [[sensors]] entries, so sensors[4] does not exist",
                noSuchChannel.getMessage());
    }

    @Test
    void anOverrideIsCheckedLikeTheFileAndCanBreakAPinRule() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("rpi-cartpole", List.of("device.motor.direction_pin=17")));
        ProfileProblem p = e.problems().getFirst();
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("device.encoder.a_pin", p.key(), "the second use of the pin, in reading order, is the one named");
        assertTrue(p.message().startsWith("GPIO 17 is already used by device.motor.direction_pin (--set)"), p.message());
    }

    @Test
    void invalidTomlIsReportedWithItsLine() throws IOException {
        Path file = write("syntax.toml", "[rig]\nrate_hz = = 50\n");
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals(new Origin(file.toString(), 2), p.origin());
        assertEquals("", p.key(), "no key can be trusted in a file that does not parse");
        assertTrue(p.message().startsWith("not valid TOML: ") && p.message().contains("expected"), p.message());
        Path twice = write("twice.toml", "[rig]\nrate_hz = 50\nrate_hz = 60\n");
        ProfileProblem duplicate = onlyProblem(twice, List.of());
        assertEquals(new Origin(twice.toString(), 3), duplicate.origin());
        assertTrue(duplicate.message().contains("rate_hz"), duplicate.message());
    }

    @Test
    void aMissingFileOrProfileSaysWhatToGive() {
        ProfileException missingFile = assertThrows(ProfileException.class,
                () -> ProfileLoader.load(dir.resolve("nope.toml").toString(), List.of()));
        assertTrue(missingFile.getMessage().contains("no such file"), missingFile.getMessage());
        ProfileException typo = assertThrows(ProfileException.class, () -> ProfileLoader.load("sim-cartpol", List.of()));
        assertEquals("sim-cartpol: no profile named 'sim-cartpol'; did you mean 'sim-cartpole'?", typo.getMessage());
    }

    @Test
    void everyProblemInAFileIsReportedInOnePass() throws IOException {
        Path file = write("many.toml", extending("[network]\nn = 0\ng = \"big\"\nphi = \"tahn\"\n[[safety.terminal]]\nsensor = \"thta\"\nabs_above = 1\n"));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of()));
        List<String> keys = e.problems().stream().map(ProfileProblem::key).toList();
        assertEquals(List.of("safety.terminal[0].sensor", "network.n", "network.g", "network.phi"), keys, e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \"tanh\"?"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \"theta\"?"), e.getMessage());
    }

    @Test
    void aNegativeRateIsOutOfRangeAndTheRestOfTheFileIsStillChecked() throws IOException {
        // a negative rate once reached the online trace's time constant and failed there, hiding the rest
        Path file = write("rate.toml", extending("[rig]\nrate_hz = -1\n[network]\nn = 0\n"));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of("learning.rule=np")));
        assertEquals(file + ":3: rig.rate_hz: -1 is out of range: expected a number in [1, 20000]\n"
                + file + ":5: network.n: 0 is out of range: expected an integer in [1, 8192]",
                e.getMessage().replace(System.lineSeparator(), "\n"));
        ProfileException set = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("learning.rule=np", "rig.rate_hz=-1")));
        assertEquals("--set: rig.rate_hz: -1 is out of range: expected a number in [1, 20000]", set.getMessage());
    }

    @Test
    void aValueOutOfRangeIsReportedOnceNotAgainByTheChecksItFeeds() {
        // network.dt = 0.02 is not wrong: it is only larger than a tau that is wrong itself
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("network.tau=-1")));
        assertEquals("--set: network.tau: -1 is out of range: expected a number in [0.000001, 1000]", e.getMessage());
        ProfileException min = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("actuators[0].min=-1e13")));
        assertEquals(1, min.problems().size(), min.getMessage());
        ProfileException pin = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("rpi-cartpole", List.of("device.motor.pwm_pin=40")));
        assertEquals("--set: device.motor.pwm_pin: 40 is out of range: expected an integer in [0, 27]", pin.getMessage());
    }

    @Test
    void aValueWrongOnlyWithAnotherNamesBothAndWhereEachWasWritten() throws IOException {
        Path file = write("dt.toml", extending("[network]\ndt = 0.5\n"));
        ProfileProblem p = onlyProblem(file, List.of());
        assertTrue(p.toString().startsWith(file + ":3: network.dt: 0.5 is larger than network.tau = 0.05"
                + " (hw-profiles/profiles/sim-cartpole.toml:") && p.message().endsWith("): the Euler step must be at most tau"),
                p.toString());
        ProfileException tau = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("network.tau=0.01")));
        assertTrue(tau.getMessage().startsWith("hw-profiles/profiles/sim-cartpole.toml:")
                && tau.getMessage().contains(": network.dt: 0.02 is larger than network.tau = 0.01 (--set): "), tau.getMessage());
        ProfileException range = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("sensors[1].min=5")));
        assertTrue(range.getMessage().contains(": sensors[1].max: 3 is not above sensors[1].min = 5 (--set): the working range"
                + " must not be empty"), range.getMessage());
    }

    @Test
    void aTerminalLimitOfZeroWouldEndEveryEpisodeAtOnce() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("safety.terminal[0].abs_above=0")));
        assertEquals("--set: safety.terminal[0].abs_above: 0 would end every episode at its first tick: expected a limit > 0",
                e.getMessage());
    }

    @Test
    void channelRulesAreChecked() throws IOException {
        Path file = write("channels.toml", extending("""
                [[actuators]]
                name = "force"
                unit = "N"
                min = -10
                max = 10
                safe = 20
                """));
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals("actuators[0].safe", p.key());
        assertEquals("20 is outside [actuators[0].min = -10 (" + file + ":5), actuators[0].max = 10 (" + file + ":6)]:"
                + " the safe command must itself be allowed", p.message());
    }

    @Test
    void aKeyForAnotherDeviceKindIsUnknownHere() throws IOException {
        Path file = write("kind.toml", extending("[device]\nbaud = 9600\n"));
        ProfileProblem p = onlyProblem(file, List.of());
        assertEquals("device.baud", p.key());
        assertTrue(p.message().startsWith("unknown key; expected one of kind, plant"), p.message());
    }

    @Test
    void showPrintsTheMergedProfileWithWhereEachValueCameFrom() throws ProfileException {
        String shown = ProfilePrinter.print("uno-usb", List.of("network.n=32"));
        assertTrue(shown.contains("port = \"/dev/ttyACM0\"    # hw-profiles/profiles/uno-usb.toml:"), shown);
        assertTrue(shown.contains("rate_hz = 50    # hw-profiles/profiles/sim-cartpole.toml:"), shown);
        assertTrue(shown.contains("n = 32    # --set"), shown);
        TomlParseResult reread = Toml.parse(shown); // what it prints is a profile again, with the merged values
        assertTrue(reread.errors().isEmpty(), reread.errors() + "\n" + shown);
        assertEquals(32L, reread.getLong("network.n"));
        assertEquals("/dev/ttyACM0", reread.getString("device.port"));
    }
}
