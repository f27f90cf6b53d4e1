package org.neurorig.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.learning.WeightGroup;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.plant.nonideal.NonIdealities;

/** The [learning], [nonideal] and [episodes] tables, the device checks that came with them, and their mistakes. */
class LearningAndNonIdealProfileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String problems(String text) throws IOException {
        Path file = write("p.toml", "extends = \"sim-cartpole\"\n" + text);
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of()));
        return e.getMessage().replace(file.toString(), "FILE");
    }

    // ---- [learning]

    @Test
    void theDefaultRuleAndItsTableAreRead() throws ProfileException {
        LearningSettings l = ProfileLoader.load("sim-cartpole", List.of()).learning();
        assertEquals(LearningSettings.Rule.WP, l.rule());
        assertEquals(0.0002f, l.eta());
        assertEquals(0.1f, l.noise());
        assertEquals(EnumSet.of(WeightGroup.READOUT), l.plastic());
        assertTrue(l.twoSided());
        assertEquals(WeightPerturbation.Distribution.GAUSSIAN, l.distribution());
        assertEquals("wp eta 0.0002 noise 0.1 readout episodic", l.summary());
    }

    @Test
    void switchingTheRuleReadsThatRulesTableAndAFlatKeyWins() throws ProfileException {
        LearningSettings np = ProfileLoader.load("sim-cartpole", List.of("learning.rule=np")).learning();
        assertEquals(LearningSettings.Rule.NP, np.rule());
        assertTrue(np.timing().online());
        assertEquals((float) Math.exp(-0.02 / 0.3), np.timing().traceDecay(), 1e-7f, "trace_tau 0.3 s at 50 Hz");
        LearningSettings faster = ProfileLoader.load("sim-cartpole", List.of("learning.rule=np", "learning.eta=0.01",
                "learning.update_every=8")).learning();
        assertEquals(0.01f, faster.eta(), "a key in [learning] sets the rule in use");
        assertEquals(8, faster.timing().updateEvery());
        assertEquals(false, faster.timing().spreadUpdates());
        assertEquals(0.2f, faster.noise(), "the rest still comes from [learning.np]");
        LearningSettings flat = ProfileLoader.load("sim-cartpole", List.of("learning.rule=np", "learning.update_every=8",
                "learning.spread_updates=true")).learning();
        assertEquals(true, flat.timing().spreadUpdates());
        assertTrue(flat.summary().endsWith(" online every 8 spread"), flat.summary());
        assertEquals(false, np.perStepBaseline(), "a running baseline unless the profile says otherwise");
        LearningSettings perStep = ProfileLoader.load("sim-cartpole", List.of("learning.rule=np",
                "learning.baseline=per-step")).learning();
        assertTrue(perStep.perStepBaseline());
        assertTrue(perStep.summary().endsWith(" online per-step baseline"), perStep.summary());
    }

    @Test
    void aRuleWithoutATableTakesTheDefaults() throws IOException, ProfileException {
        String withoutTables = Files.readString(Path.of("profiles/sim-cartpole.toml"))
                .replaceAll("(?s)\\[learning\\.reinforce].*?(?=\\n\\[|\\n#|$)", "");
        Path file = write("bare.toml", withoutTables.replace("rule = \"wp\"", "rule = \"reinforce\""));
        LearningSettings l = ProfileLoader.load(file.toString(), List.of()).learning();
        assertEquals(0.01f, l.eta());
        assertEquals(EnumSet.of(WeightGroup.READOUT), l.plastic());
    }

    @Test
    void aTypoInARuleTableSuggestsTheKey() throws IOException {
        assertEquals("FILE:3: learning.np.etta: unknown key; did you mean learning.np.eta?",
                problems("[learning.np]\netta = 0.1\n"));
    }

    @Test
    void anotherRulesKeyIsNamedAsSuch() throws IOException {
        assertEquals("FILE:3: learning.np.clip: is a parameter of rule miconi, not of np: move it to [learning.miconi]",
                problems("[learning.np]\nclip = 0.001\n"));
        assertEquals("--set: learning.two_sided: is a parameter of rule wp, and the rule in use is np: put it in"
                + " [learning.wp], or set learning.rule = \"wp\"", assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("learning.rule=np", "learning.two_sided=false"))).getMessage());
    }

    @Test
    void aMistypedRuleNameSuggestsTheRule() throws IOException {
        assertEquals("FILE:3: learning.rule: \"wpp\" is not one of np, wp, reinforce, miconi, none; did you mean \"wp\"?",
                problems("[learning]\nrule = \"wpp\"\n"));
    }

    @Test
    void rangesAndCombinationsAreChecked() throws IOException {
        assertEquals("FILE:3: learning.wp.eta: -1 is out of range: expected a number in [0, 100]",
                problems("[learning.wp]\neta = -1\n"));
        assertTrue(problems("[learning.np]\ntrace_decay = 0.9\n").startsWith("FILE:3: learning.np.trace_decay: is set"
                + " together with learning.np.trace_tau (hw-profiles/profiles/sim-cartpole.toml:"));
        assertTrue(problems("[learning.reinforce]\ntiming = \"episodic\"\n").startsWith("FILE:3: learning.reinforce.timing:"
                + " \"episodic\", but learning.reinforce.trace_tau (hw-profiles/profiles/sim-cartpole.toml:"));
        assertEquals("FILE:3: learning.np.update_every: applies to online timing, and learning.np.timing = \"episodic\""
                + " (FILE:4): an episodic rule updates once, at the episode's end",
                problems("[learning.np]\nupdate_every = 4\ntiming = \"episodic\"\ntrace_tau = 0.3\n")
                        .lines().filter(l -> l.contains("update_every")).findFirst().orElse(""));
        assertEquals("FILE:3: learning.np.baseline: \"per-step\" predicts each tick's reward of an online rule, and"
                + " learning.np.timing = \"episodic\" (FILE:4): an episodic rule has one return per episode (use \"running\")",
                problems("[learning.np]\nbaseline = \"per-step\"\ntiming = \"episodic\"\ntrace_tau = 0.3\n")
                        .lines().filter(l -> l.contains(".baseline:")).findFirst().orElse(""));
        assertTrue(problems("[learning.wp]\nbaseline = \"per-step\"\n").startsWith("FILE:3: learning.wp.baseline: is a"
                + " parameter of rules np, reinforce, miconi, not of wp"), "weight perturbation has one return per trial");
        assertEquals("FILE:3: learning.wp.baseline_decay: 1 would never update the reward prediction: expected 0 <="
                + " decay < 1 (the fraction of the prediction kept per reward)", problems("[learning.wp]\nbaseline_decay = 1\n"));
    }

    @Test
    void plasticWeightsAreCheckedPerRule() throws IOException {
        assertEquals("FILE:3: learning.np.plastic: holds \"readuot\", which is not one of readout, recurrent, input;"
                + " did you mean \"readout\"?", problems("[learning.np]\nplastic = [\"readuot\"]\n"));
        assertEquals("FILE:3: learning.miconi.plastic: holds \"readout\", which is not one of recurrent, input",
                problems("[learning.miconi]\nplastic = [\"readout\"]\n"));
        assertEquals("FILE:3: learning.wp.plastic: expected a list of readout, recurrent, input, e.g. [\"readout\"],"
                + " got the string \"readout\"", problems("[learning.wp]\nplastic = \"readout\"\n"));
    }

    @Test
    void miconiNeedsAReadoutItDoesNotLearn() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("learning.rule=miconi")));
        assertTrue(e.getMessage().startsWith("--set: learning.rule: \"miconi\" learns the units' weights, never the readout"),
                e.getMessage());
    }

    // ---- [nonideal]

    @Test
    void theNonIdealProfileMapsOntoNonIdealities() throws ProfileException {
        DeviceSpec.Simulated sim = (DeviceSpec.Simulated) ProfileLoader.load("sim-cartpole-nonideal", List.of()).device();
        NonIdealities n = sim.nonIdealities();
        NonIdealities expected = NonIdealities.none().with("delay_ticks", 1).with("pwm_bits", 8).with("deadband", 0.05)
                .with("gain_error", -0.1).with("coulomb_friction", 0.2).with("viscous_friction", 0.1)
                .with("pivot_friction", 0.0005).with("mass_cart_error", 0.1).with("length_error", 0.05)
                .with("cart_encoder_cpr", 2400).with("cart_travel_per_rev", 0.04).with("pole_encoder_cpr", 4096)
                .with("jitter", 0.0001);
        assertEquals(expected, n);
    }

    @Test
    void aPresetIsTheStartAndKeysChangeIt() throws ProfileException {
        DeviceSpec.Simulated sim = (DeviceSpec.Simulated) ProfileLoader.load("sim-cartpole",
                List.of("nonideal.preset=moderate", "nonideal.delay_ticks=3")).device();
        assertEquals(NonIdealities.preset("moderate").with("delay_ticks", 3), sim.nonIdealities());
    }

    @Test
    void theAngleOffsetAndTheForceBiasAreKeysToo() throws ProfileException, IOException {
        DeviceSpec.Simulated sim = (DeviceSpec.Simulated) ProfileLoader.load("sim-cartpole",
                List.of("nonideal.theta_offset=-0.01", "nonideal.force_bias=0.3")).device();
        assertEquals(NonIdealities.none().with("theta_offset", -0.01).with("force_bias", 0.3), sim.nonIdealities());
        assertEquals("FILE:3: nonideal.theta_offset: 0.7 is out of range: expected a number from -0.5 to 0.5 (rad)",
                problems("[nonideal]\ntheta_offset = 0.7\n"));
    }

    @Test
    void eachNonIdealityIsCheckedByItsOwnRule() throws IOException {
        assertEquals("FILE:3: nonideal.delay_ticks: 2.5 is out of range: expected an integer from 0 to 100 (ticks)",
                problems("[nonideal]\ndelay_ticks = 2.5\n"));
        assertEquals("FILE:3: nonideal.deadband: 1 is out of range: expected a fraction from 0 to below 1 (fraction of"
                + " full scale)", problems("[nonideal]\ndeadband = 1.0\n"));
        assertEquals("FILE:3: nonideal.delay_tick: unknown key; did you mean nonideal.delay_ticks?",
                problems("[nonideal]\ndelay_tick = 2\n"));
        assertEquals("FILE:3: nonideal.preset: \"strnog\" is not one of " + String.join(", ", NonIdealities.presetNames())
                + "; did you mean \"strong\"?", problems("[nonideal]\npreset = \"strnog\"\n"));
        assertEquals("FILE:3: nonideal.jitter: expected a number from 0 to 1 (s), got the string \"fast\"",
                problems("[nonideal]\njitter = \"fast\"\n"));
        String travel = problems("[nonideal]\ncart_encoder_cpr = 200\ncart_travel_per_rev = 0\n");
        assertEquals("FILE:4: nonideal.cart_travel_per_rev: 0 leaves the cart encoder without a scale, and it is on"
                + " (nonideal.cart_encoder_cpr = 200 (FILE:3)): expected the cart's travel per turn of the encoder's shaft,"
                + " > 0 (m)", travel);
    }

    @Test
    void nonIdealitiesBelongToASimulatedDevice() throws IOException {
        assertTrue(problems("[device]\nkind = \"serial\"\nport = \"/dev/ttyACM0\"\n[nonideal]\ndelay_ticks = 1\n")
                .startsWith("FILE:5: nonideal: describes the hardware effects of a simulated plant, but this rig's device is"
                        + " serial /dev/ttyACM0 @ 115200 baud, whose effects are real: remove the [nonideal] table"));
    }

    // ---- [episodes] and the devices

    @Test
    void episodesAreRead() throws ProfileException {
        EpisodeSettings e = ProfileLoader.load("rpi-cartpole", List.of()).episodes();
        assertEquals(500, e.maxTicks());
        assertEquals(EpisodeSettings.Reward.BALANCE, e.reward());
        assertEquals(0.25, e.restartFraction());
        assertEquals(1.0, e.restartHoldSeconds());
    }

    @Test
    void aBalanceRewardNeedsTerminalLimits() throws IOException {
        Path file = write("plain.toml", Files.readString(Path.of("profiles/sim-cartpole.toml"))
                .replaceAll("(?s)\\[\\[safety\\.terminal]].*?abs_above = [0-9.]+\\n", ""));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(file.toString(), List.of()));
        assertTrue(e.getMessage().contains("episodes.reward: \"balance\" measures each sensor against its terminal limit"),
                e.getMessage());
    }

    @Test
    void theEmulatedUnoNeedsARateItsTimerCanKeep() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("uno-emulated", List.of("rig.rate_hz=60")));
        assertTrue(e.getMessage().contains("device.emulated: needs a loop rate the firmware's Timer1 tick can match"),
                e.getMessage());
    }

    @Test
    void theEmulatedUnosRateProblemCitesTheRateAndWhereItWasSet() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("uno-emulated", List.of("rig.rate_hz=60")));
        assertTrue(e.getMessage().startsWith("hw-profiles/profiles/uno-emulated.toml:")
                && e.getMessage().contains(": device.emulated: needs a loop rate the firmware's Timer1 tick can match:"
                + " a tick of whole microseconds that divides a second, from 1000 to 250000 us; rig.rate_hz = 60 (--set)"
                + " gives 16666.666666666668 us (50 Hz gives 20000 us)"), e.getMessage());
        ProfileException negative = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("uno-emulated", List.of("rig.rate_hz=-1")));
        assertEquals("--set: rig.rate_hz: -1 is out of range: expected a number in [1, 20000]", negative.getMessage(),
                "a wrong rate is not blamed on the emulator as well");
    }

    @Test
    void theBaudIsOneTheFirmwareCanBeBuiltFor() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("uno-emulated", List.of("device.baud=3000000")));
        assertEquals("--set: device.baud: 3000000 is out of range: expected an integer in [300, 2000000]", e.getMessage());
    }

    @Test
    void aFractionThatIsOneAsAFloatIsRefusedLikeOne() {
        ProfileException keep = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("learning.miconi.average_keep=0.99999999")));
        assertEquals("--set: learning.miconi.average_keep: 0.99999999 (1 as a single-precision float) would freeze the"
                + " running average: expected 0 <= k < 1", keep.getMessage());
        ProfileException decay = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("sim-cartpole", List.of("learning.wp.baseline_decay=0.99999999")));
        assertTrue(decay.getMessage().startsWith("--set: learning.wp.baseline_decay: 0.99999999 (1 as a single-precision"
                + " float) would never update the reward prediction"), decay.getMessage());
    }

    @Test
    void aSerialWatchdogMustFitTheFirmwares() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("uno-usb", List.of("safety.watchdog_timeout_ms=5")));
        assertTrue(e.getMessage().contains("safety.watchdog_timeout_ms: 5 is outside what the firmware's command watchdog"
                + " takes: expected 20 to 10000 ms on a serial device (device.kind = \"serial\", hw-profiles/profiles/uno-usb.toml:"),
                e.getMessage());
    }

    @Test
    void thePiMotorAndPwmPinAreChecked() {
        ProfileException pwm = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("rpi-cartpole", List.of("device.motor.pwm_pin=12")));
        assertTrue(pwm.getMessage().contains("device.motor.pwm_pin: 12 has no hardware PWM here: expected 18"), pwm.getMessage());
        ProfileException force = assertThrows(ProfileException.class,
                () -> ProfileLoader.load("rpi-cartpole", List.of("actuators[0].max=12", "actuators[0].min=-12")));
        assertTrue(force.getMessage().contains("actuators[0].max: asks for 12 N, more than the motor gives at full duty"
                + " (device.motor.force_at_full_duty = 10 N, hw-profiles/profiles/rpi-cartpole.toml:"), force.getMessage());
    }

    @Test
    void aCartPoleDeviceHasFourSensorsAndOneActuator() throws IOException {
        assertTrue(problems("[[actuators]]\nname = \"a\"\nunit = \"N\"\nmin = -1\nmax = 1\nsafe = 0\n"
                + "[[actuators]]\nname = \"b\"\nunit = \"N\"\nmin = -1\nmax = 1\nsafe = 0\n")
                .contains("actuators: the profile lists 2 [[actuators]], but the cart-pole devices take 1"));
    }
}
