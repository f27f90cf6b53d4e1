package org.neurorig.rig;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.pi.MockRig;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileException;
import org.neurorig.profile.ProfileKeys;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.ProfileProblem;
import org.neurorig.profile.RigProfile;

/**
 * What the profile reader accepts, everything built from it accepts too. For every numeric key a profile
 * can hold (defaults included), on every kind of device and with every learning rule in use, values at
 * and just beyond the key's range and the usual mistakes (negative, zero, NaN, infinite, huge, a fraction
 * for an integer) are given with {@code --set}: a refused value must be named by a problem (its own key,
 * or a problem of another key that cites it), and an accepted profile must assemble, device, controller
 * and loop, without throwing. Nothing runs.
 */
class AcceptedProfileValuesTest {

    private static final double[] UPRIGHT = {0, 0, 0.01, 0};

    /** A profile with overrides, whose numeric keys are each varied in turn. */
    private record Base(String reference, List<String> overrides) {
        @Override
        public String toString() {
            return reference + (overrides.isEmpty() ? "" : " --set " + String.join(" --set ", overrides));
        }
    }

    @TempDir
    Path dir;

    private List<Base> bases() throws IOException {
        // np with trace_decay instead of trace_tau: an override cannot remove a key, so a copy of the file
        Path decay = Files.writeString(dir.resolve("np-trace-decay.toml"), Files.readString(Path.of("profiles/sim-cartpole.toml"))
                .replace("trace_tau = 0.3              # s", "trace_decay = 0.9            #"));
        return List.of(
                new Base("sim-cartpole", List.of()),
                new Base("sim-cartpole", List.of("learning.rule=np", "learning.np.update_every=4", "learning.np.spread_updates=true")),
                new Base(decay.toString(), List.of("learning.rule=np")),
                new Base("sim-cartpole", List.of("learning.rule=reinforce")),
                new Base("sim-cartpole", List.of("learning.rule=miconi", "network.readout_scale=1")),
                new Base("sim-cartpole-nonideal", List.of()),
                new Base("uno-usb", List.of()),
                new Base("uno-emulated", List.of()),
                new Base("rpi-cartpole", List.of()));
    }

    @Test
    void everyValueTheReaderAcceptsAssemblesAndEveryValueItRefusesIsNamed() throws Exception {
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        Set<String> keys = new LinkedHashSet<>();
        for (Base base : bases()) {
            for (ProfileKeys.Numeric key : ProfileKeys.numeric(base.reference(), base.overrides())) {
                keys.add(key.key());
                for (String value : candidates(key)) {
                    List<String> overrides = new ArrayList<>(base.overrides());
                    overrides.add(key.key() + "=" + value);
                    String what = base + " --set " + key.key() + "=" + value;
                    RigProfile profile;
                    try {
                        profile = ProfileLoader.load(base.reference(), overrides);
                    } catch (ProfileException e) {
                        refused++;
                        if (e.problems().stream().noneMatch(p -> names(p, key.key()))) {
                            failures.add(what + ": refused without naming " + key.key() + ":\n  " + e.getMessage());
                        }
                        continue;
                    } catch (RuntimeException e) {
                        failures.add(what + ": the profile reader threw " + e);
                        continue;
                    }
                    accepted++;
                    try {
                        build(profile);
                    } catch (Exception e) {
                        failures.add(what + ": accepted, but building the rig threw " + e);
                    }
                }
            }
        }
        System.out.printf("%d numeric keys; %d values accepted and assembled, %d refused%n", keys.size(), accepted, refused);
        assertTrue(keys.size() > 60, "the keys were found: " + keys);
        assertTrue(failures.isEmpty(), failures.size() + " failures, e.g.\n" + String.join("\n", failures.subList(0,
                Math.min(20, failures.size()))));
    }

    /** The problem is the key's own, or another key's that cites it with its value or where it was written. */
    private static boolean names(ProfileProblem p, String key) {
        return p.key().equals(key) || p.message().contains(key + " = ") || p.message().contains(key + " (");
    }

    /** The values to try, as TOML text. */
    private static List<String> candidates(ProfileKeys.Numeric k) {
        Set<String> texts = new LinkedHashSet<>();
        if (k.integer()) {
            long min = (long) k.min();
            long max = (long) k.max();
            for (long v : new long[] {-1, 0, 1, 2, min, max, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
                texts.add(Long.toString(v));
            }
            if (min > Long.MIN_VALUE) {
                texts.add(Long.toString(min - 1));
            }
            if (max < Long.MAX_VALUE) {
                texts.add(Long.toString(max + 1));
            }
            texts.add("2.5");
            texts.add("nan");
            return List.copyOf(texts);
        }
        // 0.99999999 is 1 as a float, which some rules keep their fractions in
        List<Double> values = new ArrayList<>(List.of(-1.0, -0.0, 0.0, 1e-300, 0.99999999, 1.0, 1e300, -1e300, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        for (double end : new double[] {k.min(), k.max()}) {
            if (Double.isFinite(end)) {
                values.addAll(List.of(end, Math.nextDown(end), Math.nextUp(end)));
            }
        }
        for (double v : values) {
            texts.add(toml(v));
        }
        return List.copyOf(texts);
    }

    private static String toml(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v).replace('E', 'e');
    }

    /**
     * Builds what {@link Rig#assemble} would: a simulated rig whole; a Raspberry Pi rig whole, on Pi4J's
     * mock plugin; for a serial rig, the link's settings and the emulator's firmware build from the
     * profile, and the rest of the rig (controller, loop) around a simulated plant in its place.
     */
    private static void build(RigProfile profile) throws RigException {
        RigOptions options = RigOptions.defaults().inInvokerMode().withWarnings(w -> { });
        switch (profile.device()) {
            case DeviceSpec.Simulated s -> Rig.assemble(profile, options).close();
            case DeviceSpec.Serial s -> {
                SerialSetup.settings(s.emulated() ? "/dev/pts/0" : s.port(), s, profile, s.emulated(), s.emulated());
                if (s.emulated()) {
                    SerialSetup.firmwareOptions(s, profile);
                }
                Rig.assemble(new RigProfile(profile.name(), profile.description(), profile.rateHz(), profile.realtime(),
                        new DeviceSpec.Simulated("cartpole-continuous"), profile.sensors(), profile.actuators(),
                        profile.safety(), profile.network(), profile.readoutScale(), profile.learning(),
                        profile.episodes(), profile.checkpoint()), options).close();
            }
            case DeviceSpec.RaspberryPi p -> {
                MockRig mock = MockRig.hardwareOnly(PiSetup.config(p, profile), UPRIGHT);
                Rig.assemble(profile, options.withPiContext(mock::context)).close(); // closing shuts the mock down
            }
        }
    }
}
