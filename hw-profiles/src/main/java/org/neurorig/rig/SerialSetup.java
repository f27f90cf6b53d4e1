package org.neurorig.rig;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.neurorig.bridge.EmulatedUno;
import org.neurorig.bridge.FirmwareBuild;
import org.neurorig.bridge.FirmwareIdentity;
import org.neurorig.bridge.FirmwarePlant;
import org.neurorig.bridge.LinkSettings;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.Plant;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.RigProfile;

/**
 * The reference firmware over a serial link: on a real board at a port, or on QEMU's emulated Uno,
 * which this starts (building the firmware first when needed) and stops. The firmware's emulated-plant
 * image resets into a state like a simulation; its rig image drives a real cart and waits for the
 * operator between episodes. In invoker mode the emulated Uno runs in lockstep: its plant steps once
 * per command, so the loop's injected clock is its only time.
 */
final class SerialSetup implements DeviceSetup {

    private final FirmwarePlant firmware;
    private final EmulatedUno emulator;
    private final Plant plant;

    private SerialSetup(FirmwarePlant firmware, EmulatedUno emulator, Plant plant) {
        this.firmware = firmware;
        this.emulator = emulator;
        this.plant = plant;
    }

    static SerialSetup open(DeviceSpec.Serial spec, RigProfile profile, RigOptions options) throws RigException {
        if (options.invoker() && !spec.emulated()) {
            throw new IllegalArgumentException("invoker mode steps the loop on an injected clock, but " + profile.name()
                    + "'s firmware keeps its own time: start the rig on its thread instead");
        }
        EmulatedUno emulator = spec.emulated() ? startEmulator(spec, profile) : null;
        String port = emulator != null ? emulator.port() : spec.port();
        FirmwarePlant firmware = new FirmwarePlant(settings(port, spec, profile, emulator != null, options.invoker()));
        try {
            firmware.configure();
            FirmwareIdentity id = firmware.identity();
            long periodMicros = Math.round(1e6 / profile.rateHz());
            long stateMicros = Math.round(firmware.dt() * 1e6);
            if (Math.abs(stateMicros - periodMicros) > periodMicros / 100) {
                throw new RigException(port + ": the firmware (" + id.describe() + ") sends a state every " + stateMicros
                        + " us, but rig.rate_hz = " + format(profile.rateHz()) + " runs the loop every " + periodMicros
                        + " us: build the firmware with 'neurorig firmware build --tick-us " + periodMicros + "' and flash it,"
                        + " or set rig.rate_hz = " + format(1e6 / stateMicros));
            }
            double fullScale = id.actuatorScales()[0];
            double reach = DeviceSetup.fullScale(profile);
            if (reach > fullScale * (1 + 1e-6)) {
                var a = profile.actuators().getFirst();
                throw new RigException(port + ": actuators[0] (" + a.name() + ") allows up to " + format(reach) + " " + a.unit()
                        + ", but the firmware's full scale is " + format(fullScale) + " (its actuator at 100% duty): set"
                        + " RIG_FULL_SCALE in rig_pins.h to the motor's force at full duty and reflash, or lower the limits");
            }
            Plant plant = id.emulatedPlant() ? firmware : new HardwarePlant(firmware, 1.0 / profile.rateHz());
            return new SerialSetup(firmware, emulator, plant);
        } catch (DeviceException e) {
            firmware.close();
            stop(emulator);
            throw new RigException(e.getMessage(), e);
        } catch (RigException | RuntimeException e) {
            firmware.close();
            stop(emulator);
            throw e;
        }
    }

    private static EmulatedUno startEmulator(DeviceSpec.Serial spec, RigProfile profile) throws RigException {
        Optional<String> missing = FirmwareBuild.toolchainMissing().or(EmulatedUno::unavailable);
        if (missing.isPresent()) {
            throw new RigException("cannot run " + profile.name() + ": " + missing.get());
        }
        try {
            var elf = FirmwareBuild.build(FirmwareBuild.Mode.PLANT, firmwareOptions(spec, profile));
            return EmulatedUno.start(elf, null);
        } catch (IOException e) {
            throw new RigException("cannot run " + profile.name() + ": " + e.getMessage(), e);
        }
    }

    /** The emulated Uno's firmware: the profile's baud, and the loop's period as its Timer1 tick. */
    static FirmwareBuild.Options firmwareOptions(DeviceSpec.Serial spec, RigProfile profile) {
        int tickMicros = (int) Math.round(1e6 / profile.rateHz()); // the profile reader checked it fits Timer1
        return new FirmwareBuild.Options(spec.baud(), tickMicros, "", "");
    }

    /**
     * The link's watchdogs from the profile's: the firmware drives its safe state after the watchdog
     * time without a command, and the host calls the link lost after as long without a state (in
     * lockstep: without the answer to a command, and a read waits as long for its step's state).
     */
    static LinkSettings settings(String port, DeviceSpec.Serial spec, RigProfile profile, boolean emulated,
            boolean lockstep) {
        double timeoutMs = profile.safety().watchdogTimeoutMs();
        int watchdogMs = (int) Math.max(Protocol.WATCHDOG_MS_MIN, Math.min(Protocol.WATCHDOG_MS_MAX, Math.round(timeoutMs)));
        double periods = Math.max(1, Math.min(100, timeoutMs / (1000.0 / profile.rateHz())));
        return LinkSettings.of(port).withBaud(spec.baud()).withWatchdogMs(watchdogMs).withLossTimeoutPeriods(periods)
                // QEMU looks for a reader on its pseudo-terminal about once a second
                .withHandshakeTimeout(Duration.ofSeconds(emulated ? 5 : 3)).withLockstep(lockstep);
    }

    private static void stop(EmulatedUno emulator) {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    /** The firmware plant (its link's counters, its identity). */
    FirmwarePlant firmware() {
        return firmware;
    }

    /** The emulator, or null on a real board. */
    EmulatedUno emulator() {
        return emulator;
    }

    @Override
    public Device device() {
        return firmware;
    }

    @Override
    public Plant plant() {
        return plant;
    }

    @Override
    public boolean resetsIntoAState() {
        return plant == firmware;
    }

    @Override
    public String describe() {
        String who = (firmware.identity() == null ? "firmware" : firmware.identity().describe())
                + (firmware.link().settings().lockstep() ? ", in lockstep" : "");
        return emulator != null ? "emulated Uno (QEMU pid " + emulator.pid() + ") on " + emulator.pty() + ": " + who
                : "serial " + firmware.link().settings().port() + " @ " + firmware.link().settings().baud() + " baud: " + who;
    }

    @Override
    public void release() {
        stop(emulator);
    }
}
