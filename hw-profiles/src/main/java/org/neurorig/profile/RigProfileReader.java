package org.neurorig.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurorig.bridge.FirmwareBuild;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.loop.WaitMode;
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
        String control = ProfileSection.controlCharacter(fallbackName);
        if (!rig.has("name") && control != null) {
            rig.problem("name", "is missing, and the file name that stands in for it " + control + ": set rig.name");
        }
        String description = rig.string("description", "");
        double rateHz = rig.number("rate_hz", 1, 20_000, null);

        LoopThreadSettings realtime = realtime(root.section("realtime", false));
        ProfileSection deviceTable = root.section("device", true);
        DeviceSpec device = device(deviceTable, rig, rateHz);
        List<SensorChannel> sensors = sensors(root);
        List<ProfileSection> actuatorTables = root.sections("actuators");
        List<ActuatorChannel> actuators = actuators(root, actuatorTables);
        cartPoleChannels(root, sensors, actuators);
        if (device instanceof DeviceSpec.Simulated sim) {
            device = NonIdealReader.read(root.section("nonideal", false), sim);
        } else if (root.has("nonideal")) {
            root.problem("nonideal", "describes the hardware effects of a simulated plant, but this rig's device is "
                    + device.summary() + ", whose effects are real: remove the [nonideal] table");
        }
        if (device instanceof DeviceSpec.RaspberryPi pi) {
            motorLimits(pi, deviceTable.section("motor", true), actuators, actuatorTables);
        }
        ProfileSection safetyTable = root.section("safety", false);
        SafetySettings safety = safety(safetyTable, sensors);
        ProfileSection networkTable = root.section("network", true);
        NetworkConfig network = network(networkTable, sensors.size(), actuators.size());
        // the readout starts at zero (learned from there) unless asked for a fixed random one
        double readoutScale = networkTable.number("readout_scale", 0, 100, 0.0);
        boolean readoutScaleKnown = !networkTable.has("readout_scale") || networkTable.valid("readout_scale");
        ProfileSection episodesTable = root.section("episodes", false);
        EpisodeSettings episodes = episodes(episodesTable);
        if (episodes.reward() == EpisodeSettings.Reward.BALANCE && safety.terminal().isEmpty()) {
            episodesTable.problem("reward", "\"balance\" measures each sensor against its terminal"
                    + " limit, and the profile has no [[safety.terminal]] conditions: add them or use reward = \"survival\"");
        }
        if (device instanceof DeviceSpec.Serial && safetyTable.valid("watchdog_timeout_ms")
                && (safety.watchdogTimeoutMs() < 20 || safety.watchdogTimeoutMs() > 10_000)) {
            safetyTable.problem("watchdog_timeout_ms", ProfileSection.format(safety.watchdogTimeoutMs())
                    + " is outside what the firmware's command watchdog takes: expected 20 to 10000 ms on a serial device"
                    + " (" + deviceTable.keyName("kind") + " = \"serial\", " + deviceTable.originOf("kind") + ")");
        }
        ProfileSection learningTable = root.section("learning", false);
        LearningSettings learning = LearningReader.read(learningTable, 1.0 / rateHz);
        if (learning.rule() == LearningSettings.Rule.MICONI && readoutScaleKnown && readoutScale == 0) {
            learningTable.problem("rule", "\"miconi\" learns the units' weights, never the readout, and "
                    + (networkTable.has("readout_scale") ? networkTable.cite("readout_scale", 0)
                            : "network.readout_scale = 0 (the default)")
                    + " leaves the readout at zero, so every command would be zero: set network.readout_scale"
                    + " (e.g. 1: a fixed random readout)");
        }
        CheckpointSettings checkpoint = checkpoint(root.section("checkpoint", false));
        return new RigProfile(name, description, rateHz, realtime, device, sensors, actuators, safety, network,
                readoutScale, learning, episodes, checkpoint);
    }

    /** The cart-pole devices, in process, on a serial link or on a Pi, all have the same channels. */
    private static void cartPoleChannels(ProfileSection root, List<SensorChannel> sensors, List<ActuatorChannel> actuators) {
        if (!sensors.isEmpty() && sensors.size() != 4) {
            root.problem("sensors", "the profile lists " + sensors.size() + " [[sensors]], but the cart-pole devices report 4:"
                    + " x, x_dot, theta, theta_dot, in that order");
        }
        if (!actuators.isEmpty() && actuators.size() != 1) {
            root.problem("actuators", "the profile lists " + actuators.size() + " [[actuators]], but the cart-pole devices"
                    + " take 1: the force on the cart");
        }
    }

    /** The Pi's motor gives at most force_at_full_duty: a limit beyond it is one the rig cannot keep. */
    private static void motorLimits(DeviceSpec.RaspberryPi pi, ProfileSection motor, List<ActuatorChannel> actuators,
            List<ProfileSection> channels) {
        if (!motor.valid("force_at_full_duty")) {
            return;
        }
        for (int i = 0; i < actuators.size() && i < channels.size(); i++) {
            ActuatorChannel a = actuators.get(i);
            ProfileSection channel = channels.get(i);
            String key = Math.abs(a.max()) >= Math.abs(a.min()) ? "max" : "min";
            double reach = Math.max(Math.abs(a.min()), Math.abs(a.max()));
            if (channel.valid("min") && channel.valid("max") && reach > pi.forceAtFullDuty()) {
                channel.problem(key, "asks for " + ProfileSection.format(reach) + " " + a.unit()
                        + ", more than the motor gives at full duty (" + motor.keyName("force_at_full_duty") + " = "
                        + ProfileSection.format(pi.forceAtFullDuty()) + " N, " + motor.originOf("force_at_full_duty")
                        + "): lower the limit or recalibrate the motor");
            }
        }
    }

    private static LoopThreadSettings realtime(ProfileSection s) {
        int priority = (int) s.integer("priority", 0, 99, 0L);
        int cpu = (int) s.integer("cpu", -1, 1023, -1L);
        boolean lock = s.bool("lock_memory", false);
        Map<String, WaitMode> waitModes = new LinkedHashMap<>();
        for (WaitMode m : WaitMode.values()) {
            waitModes.put(m.word(), m);
        }
        WaitMode waitMode = s.choice("idle", waitModes, WaitMode.SLEEP);
        return new LoopThreadSettings(priority, cpu, lock, waitMode);
    }

    /** {@code rig} holds the loop's rate, {@code rateHz}, which an emulated device's tick must match. */
    private static DeviceSpec device(ProfileSection s, ProfileSection rig, double rateHz) {
        String kind = s.choice("kind", ProfileSection.choices(Map.entry("simulated", "simulated"),
                Map.entry("serial", "serial"), Map.entry("raspberry-pi", "raspberry-pi")), null);
        if (kind == null) {
            return new DeviceSpec.Simulated("cartpole");
        }
        return switch (kind) {
            case "simulated" -> new DeviceSpec.Simulated(s.choice("plant", ProfileSection.choices(
                    Map.entry("cartpole", "cartpole"), Map.entry("cartpole-continuous", "cartpole-continuous")), null));
            case "serial" -> serial(s, rig, rateHz);
            default -> raspberryPi(s);
        };
    }

    private static DeviceSpec serial(ProfileSection s, ProfileSection rig, double rateHz) {
        boolean emulated = s.bool("emulated", false);
        String port = emulated ? s.string("port", "") : s.string("port", null);
        if (emulated && s.has("port")) {
            s.problem("port", "is set, but " + s.keyName("emulated") + " = true (" + s.originOf("emulated")
                    + ") starts its own pseudo-terminal: remove one of the two");
        }
        double tickMicros = 1e6 / rateHz;
        if (emulated && rig.valid("rate_hz") && !FirmwareBuild.Options.usableTick(tickMicros)) {
            s.problem("emulated", "needs a loop rate the firmware's Timer1 tick can match: a tick of whole microseconds"
                    + " that divides a second, from 1000 to 250000 us; " + rig.cite("rate_hz", rateHz)
                    + " gives " + ProfileSection.format(tickMicros) + " us (50 Hz gives 20000 us)");
        }
        // the reference firmware, on a board or emulated, is built for this range of UART speeds
        int baud = (int) s.integer("baud", FirmwareBuild.Options.MIN_BAUD, FirmwareBuild.Options.MAX_BAUD, 115_200L);
        return new DeviceSpec.Serial(port, baud, emulated);
    }

    private static DeviceSpec raspberryPi(ProfileSection s) {
        ProfileSection motor = s.section("motor", true);
        ProfileSection encoder = s.section("encoder", true);
        ProfileSection angle = s.section("angle", true);
        Map<Long, String> used = new HashMap<>();
        int pwm = pin(motor, "pwm_pin", used);
        if (motor.valid("pwm_pin") && pwm != 18 && pwm != 19) {
            motor.problem("pwm_pin", pwm + " has no hardware PWM here: expected 18 (PWM channel 0) or 19 (channel 1),"
                    + " with dtoverlay=pwm-2chan in config.txt");
        }
        int frequency = (int) motor.integer("pwm_frequency_hz", 100, 100_000, 20_000L);
        int direction = pin(motor, "direction_pin", used);
        int enable = pin(motor, "enable_pin", used);
        double fullDuty = motor.number("force_at_full_duty", 0.01, 10_000, null);
        int a = pin(encoder, "a_pin", used);
        int b = pin(encoder, "b_pin", used);
        int countsPerRev = (int) encoder.integer("counts_per_rev", 4, 1 << 24, null);
        double travelPerRev = encoder.number("travel_per_rev", 1e-4, 10, null);
        int bus = (int) angle.integer("i2c_bus", 0, 31, 1L);
        int address = (int) angle.integer("i2c_address", 0x08, 0x77, 0x36L);
        int zero = (int) angle.integer("zero_counts", 0, 4095, 2048L);
        boolean reversed = angle.bool("reversed", false);
        if (bus == 1) {
            // i2c-1 is wired to GPIO 2 (SDA) and 3 (SCL): they cannot serve as anything else
            claim(angle, "i2c_bus", 2, used);
            claim(angle, "i2c_bus", 3, used);
        }
        double window = s.number("velocity_window_ms", 1, 1000, 10.0);
        int ioPeriod = (int) s.integer("io_period_us", 100, 100_000, 1000L);
        return new DeviceSpec.RaspberryPi(pwm, frequency, direction, enable, fullDuty, a, b, countsPerRev, travelPerRev,
                bus, address, zero, reversed, window, ioPeriod);
    }

    private static int pin(ProfileSection s, String key, Map<Long, String> used) {
        long pin = s.integer(key, 0, MAX_GPIO, null);
        if (s.valid(key)) {
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
            if (s.valid("scale") && scale == 0) {
                s.problem("scale", "0 would make every reading the offset: expected a non-zero number");
            }
            double offset = s.number("offset", -1e12, 1e12, 0.0);
            double min = s.number("min", -1e12, 1e12, null);
            double max = s.number("max", -1e12, 1e12, null);
            if (s.valid("min") && s.valid("max") && !(max > min)) {
                s.problem("max", ProfileSection.format(max) + " is not above " + s.cite("min", min)
                        + ": the working range must not be empty");
            }
            list.add(new SensorChannel(name, unit, scale, offset, min, max));
        }
        if (list.isEmpty()) {
            root.problem("sensors", "the rig has no sensors: add at least one [[sensors]] table");
        }
        return list;
    }

    private static List<ActuatorChannel> actuators(ProfileSection root, List<ProfileSection> tables) {
        List<ActuatorChannel> list = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ProfileSection s : tables) {
            String name = s.string("name", null);
            uniqueName(s, name, names);
            String unit = s.string("unit", null);
            double min = s.number("min", -1e12, 1e12, null);
            double max = s.number("max", -1e12, 1e12, null);
            double slew = s.number("slew_rate", 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            if (s.valid("slew_rate") && slew == 0) {
                s.problem("slew_rate", "0 would freeze the actuator: expected a number > 0 (unit per second), or leave it out for no limit");
            }
            double safe = s.number("safe", -1e12, 1e12, null);
            if (s.valid("min") && s.valid("max") && !(max > min)) {
                s.problem("max", ProfileSection.format(max) + " is not above " + s.cite("min", min)
                        + ": the command range must not be empty");
            } else if (s.valid("min") && s.valid("max") && s.valid("safe") && (safe < min || safe > max)) {
                s.problem("safe", ProfileSection.format(safe) + " is outside [" + s.cite("min", min) + ", "
                        + s.cite("max", max) + "]: the safe command must itself be allowed");
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
            if (t.valid("abs_above") && limit == 0) {
                // the balance reward divides by the limit, and |value| > 0 would end every episode at once
                t.problem("abs_above", "0 would end every episode at its first tick: expected a limit > 0");
                limit = 1;
            }
            terminal.add(new SafetySettings.TerminalCondition(sensor, limit));
        }
        return new SafetySettings(watchdog, overruns, terminal);
    }

    private static EpisodeSettings episodes(ProfileSection s) {
        int maxTicks = (int) s.integer("max_ticks", 0, 1_000_000_000, 500L);
        EpisodeSettings.Reward reward = s.choice("reward", ProfileSection.choices(
                Map.entry("survival", EpisodeSettings.Reward.SURVIVAL),
                Map.entry("balance", EpisodeSettings.Reward.BALANCE)), EpisodeSettings.Reward.SURVIVAL);
        double spread = s.number("initial_spread", 0, 1, 0.05);
        double fraction = s.number("restart_fraction", 0.01, 1, 0.5);
        double hold = s.number("restart_hold_s", 0, 60, 1.0);
        long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        return new EpisodeSettings(maxTicks, reward, spread, fraction, hold, seed);
    }

    private static CheckpointSettings checkpoint(ProfileSection s) {
        int every = (int) s.integer("every_episodes", 0, 1_000_000_000, 10L);
        double minInterval = s.number("min_interval_s", 0, 86_400, 5.0);
        return new CheckpointSettings(every, minInterval);
    }

    private static NetworkConfig network(ProfileSection s, int inputs, int outputs) {
        int n = (int) s.integer("n", 1, 8192, null);
        double g = s.number("g", 0, 20, 1.5);
        double dt = s.number("dt", 1e-6, 10, null);
        double tau = s.number("tau", 1e-6, 1000, null);
        if (s.valid("dt") && s.valid("tau") && dt > tau) {
            s.problem("dt", ProfileSection.format(dt) + " is larger than " + s.cite("tau", tau)
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
        if (inputs > NetworkConfig.MAX_UNITS || outputs > NetworkConfig.MAX_UNITS) {
            return null; // a channel list no device has, already reported where it is written
        }
        return new NetworkConfig(n, inputs, outputs, g, dt, tau, inputScale, phi, form, seed);
    }
}
