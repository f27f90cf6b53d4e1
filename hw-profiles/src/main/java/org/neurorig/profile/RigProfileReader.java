package org.neurorig.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.UpdateForm;

/**
 * The profile format: which tables and keys a profile has, their types, ranges and defaults, and the
 * checks across keys. Each key is named once, here.
 */
final class RigProfileReader {

    /** BCM numbers of the GPIOs on a Raspberry Pi's 40-pin header. */
    private static final int MAX_GPIO = 27;

    private RigProfileReader() {
    }

    /** Reads the typed profile; problems go to the root section's list and the result is then unusable. */
    static RigProfile read(ProfileSection root, String fallbackName) {
        ProfileSection rig = root.section("rig", true);
        String name = rig.string("name", fallbackName);
        String description = rig.string("description", "");
        double rateHz = rig.number("rate_hz", 1, 20_000, null);

        RealtimeSettings realtime = realtime(root.section("realtime", false));
        DeviceSpec device = device(root.section("device", true));
        List<SensorChannel> sensors = sensors(root);
        List<ActuatorChannel> actuators = actuators(root);
        SafetySettings safety = safety(root.section("safety", false), sensors);
        NetworkConfig network = network(root.section("network", true), sensors.size(), actuators.size());
        return new RigProfile(name, description, rateHz, realtime, device, sensors, actuators, safety, network);
    }

    private static RealtimeSettings realtime(ProfileSection s) {
        int priority = (int) s.integer("priority", 0, 99, 0L);
        int cpu = (int) s.integer("cpu", -1, 1023, -1L);
        boolean lock = s.bool("lock_memory", false);
        RealtimeSettings.Idle idle = s.choice("idle", ProfileSection.choices(
                Map.entry("sleep", RealtimeSettings.Idle.SLEEP),
                Map.entry("spin-then-sleep", RealtimeSettings.Idle.SPIN_THEN_SLEEP),
                Map.entry("spin", RealtimeSettings.Idle.SPIN)), RealtimeSettings.Idle.SLEEP);
        return new RealtimeSettings(priority, cpu, lock, idle);
    }

    private static DeviceSpec device(ProfileSection s) {
        String kind = s.choice("kind", ProfileSection.choices(Map.entry("simulated", "simulated"),
                Map.entry("serial", "serial"), Map.entry("raspberry-pi", "raspberry-pi")), null);
        if (kind == null) {
            return new DeviceSpec.Simulated("cartpole");
        }
        return switch (kind) {
            case "simulated" -> new DeviceSpec.Simulated(s.choice("plant", ProfileSection.choices(
                    Map.entry("cartpole", "cartpole"), Map.entry("cartpole-continuous", "cartpole-continuous")), null));
            case "serial" -> serial(s);
            default -> raspberryPi(s);
        };
    }

    private static DeviceSpec serial(ProfileSection s) {
        boolean emulated = s.bool("emulated", false);
        String port = emulated ? s.string("port", "") : s.string("port", null);
        if (emulated && s.has("port")) {
            s.problem("port", "is set, but emulated = true starts its own pseudo-terminal: remove one of the two");
        }
        int baud = (int) s.integer("baud", 300, 4_000_000, 115_200L);
        return new DeviceSpec.Serial(port, baud, emulated);
    }

    private static DeviceSpec raspberryPi(ProfileSection s) {
        ProfileSection motor = s.section("motor", true);
        ProfileSection encoder = s.section("encoder", true);
        ProfileSection angle = s.section("angle", true);
        Map<Long, String> used = new HashMap<>();
        int pwm = pin(motor, "pwm_pin", used);
        int frequency = (int) motor.integer("pwm_frequency_hz", 100, 100_000, 20_000L);
        int direction = pin(motor, "direction_pin", used);
        int enable = pin(motor, "enable_pin", used);
        int a = pin(encoder, "a_pin", used);
        int b = pin(encoder, "b_pin", used);
        double countsPerMeter = encoder.number("counts_per_meter", 1, 1e9, null);
        int bus = (int) angle.integer("i2c_bus", 0, 31, 1L);
        int address = (int) angle.integer("i2c_address", 0x08, 0x77, 0x36L);
        int zero = (int) angle.integer("zero_counts", 0, 4095, 0L);
        if (bus == 1) {
            // i2c-1 is wired to GPIO 2 (SDA) and 3 (SCL): they cannot serve as anything else
            claim(angle, "i2c_bus", 2, used);
            claim(angle, "i2c_bus", 3, used);
        }
        return new DeviceSpec.RaspberryPi(pwm, frequency, direction, enable, a, b, countsPerMeter, bus, address, zero);
    }

    private static int pin(ProfileSection s, String key, Map<Long, String> used) {
        long pin = s.integer(key, 0, MAX_GPIO, null);
        if (s.has(key)) {
            claim(s, key, pin, used);
        }
        return (int) pin;
    }

    private static void claim(ProfileSection s, String key, long pin, Map<Long, String> used) {
        String owner = s.keyName(key) + " (" + s.originOf(key) + ")";
        String previous = used.putIfAbsent(pin, owner);
        if (previous != null) {
            s.problem(key, "GPIO " + pin + " is already used by " + previous + "; each pin can have one use");
        }
    }

    private static List<SensorChannel> sensors(ProfileSection root) {
        List<SensorChannel> list = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ProfileSection s : root.sections("sensors")) {
            String name = s.string("name", null);
            uniqueName(s, name, names);
            String unit = s.string("unit", null);
            double scale = s.number("scale", -1e12, 1e12, 1.0);
            if (scale == 0) {
                s.problem("scale", "= 0 would make every reading the offset: expected a non-zero number");
            }
            double offset = s.number("offset", -1e12, 1e12, 0.0);
            double min = s.number("min", -1e12, 1e12, null);
            double max = s.number("max", -1e12, 1e12, null);
            if (s.has("min") && s.has("max") && !(max > min)) {
                s.problem("max", "= " + ProfileSection.format(max) + " is not above min = " + ProfileSection.format(min)
                        + ": the working range must not be empty");
            }
            list.add(new SensorChannel(name, unit, scale, offset, min, max));
        }
        if (list.isEmpty()) {
            root.problem("sensors", "the rig has no sensors: add at least one [[sensors]] table");
        }
        return list;
    }

    private static List<ActuatorChannel> actuators(ProfileSection root) {
        List<ActuatorChannel> list = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ProfileSection s : root.sections("actuators")) {
            String name = s.string("name", null);
            uniqueName(s, name, names);
            String unit = s.string("unit", null);
            double min = s.number("min", -1e12, 1e12, null);
            double max = s.number("max", -1e12, 1e12, null);
            double slew = s.number("slew_rate", 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            if (s.has("slew_rate") && slew == 0) {
                s.problem("slew_rate", "= 0 would freeze the actuator: expected a number > 0 (unit per second), or leave it out for no limit");
            }
            double safe = s.number("safe", -1e12, 1e12, null);
            if (s.has("min") && s.has("max") && !(max > min)) {
                s.problem("max", "= " + ProfileSection.format(max) + " is not above min = " + ProfileSection.format(min));
            } else if (s.has("safe") && (safe < min || safe > max)) {
                s.problem("safe", "= " + ProfileSection.format(safe) + " is outside [min, max] = ["
                        + ProfileSection.format(min) + ", " + ProfileSection.format(max) + "]: the safe command must itself be allowed");
            }
            list.add(new ActuatorChannel(name, unit, min, max, slew, safe));
        }
        if (list.isEmpty()) {
            root.problem("actuators", "the rig has no actuators: add at least one [[actuators]] table");
        }
        return list;
    }

    private static void uniqueName(ProfileSection s, String name, Map<String, String> names) {
        String previous = names.putIfAbsent(name, s.keyName("name") + " (" + s.originOf("name") + ")");
        if (previous != null && !name.isEmpty()) {
            s.problem("name", "\"" + name + "\" is already the name of " + previous + "; channel names must be unique");
        }
    }

    private static SafetySettings safety(ProfileSection s, List<SensorChannel> sensors) {
        double watchdog = s.number("watchdog_timeout_ms", 1, 60_000, 100.0);
        int overruns = (int) s.integer("max_overrun_periods", 1, 1000, 3L);
        List<SafetySettings.TerminalCondition> terminal = new ArrayList<>();
        List<String> sensorNames = sensors.stream().map(SensorChannel::name).toList();
        for (ProfileSection t : s.sections("terminal")) {
            String sensor = t.string("sensor", null);
            if (t.has("sensor") && !sensorNames.contains(sensor)) {
                String near = NearestName.of(sensor, sensorNames);
                t.problem("sensor", "\"" + sensor + "\" is not a sensor of this rig"
                        + (near != null ? "; did you mean \"" + near + "\"?" : "; the sensors are " + String.join(", ", sensorNames)));
            }
            double limit = t.number("abs_above", 0, 1e12, null);
            terminal.add(new SafetySettings.TerminalCondition(sensor, limit));
        }
        return new SafetySettings(watchdog, overruns, terminal);
    }

    private static NetworkConfig network(ProfileSection s, int inputs, int outputs) {
        int n = (int) s.integer("n", 1, 8192, null);
        double g = s.number("g", 0, 20, 1.5);
        double dt = s.number("dt", 1e-6, 10, null);
        double tau = s.number("tau", 1e-6, 1000, null);
        if (s.has("dt") && s.has("tau") && dt > tau) {
            s.problem("dt", "= " + ProfileSection.format(dt) + " is larger than network.tau = " + ProfileSection.format(tau)
                    + ": the Euler step must be at most tau");
        }
        double inputScale = s.number("input_scale", 0, 1e6, 1.0);
        Nonlinearity phi = s.choice("phi", ProfileSection.choices(Map.entry("tanh", Nonlinearity.TANH),
                Map.entry("relu", Nonlinearity.RELU)), Nonlinearity.TANH);
        UpdateForm form = s.choice("form", ProfileSection.choices(Map.entry("sum-of-phi", UpdateForm.SUM_OF_PHI),
                Map.entry("phi-of-sum", UpdateForm.PHI_OF_SUM)), UpdateForm.SUM_OF_PHI);
        long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        if (n < 1 || !(dt > 0) || !(tau >= dt)) {
            return null; // already reported; the profile will not be used
        }
        return new NetworkConfig(n, inputs, outputs, g, dt, tau, inputScale, phi, form, seed);
    }
}
