package org.neurorig.bridge;

import java.util.Arrays;
import java.util.Locale;
import org.neurorig.bridge.codec.IdentityFrame;
import org.neurorig.bridge.codec.Protocol;

/**
 * What a device said about itself in its {@code IDENTITY}.
 *
 * @param protocolVersion the protocol it speaks
 * @param firmware        its version, {@code major.minor.patch}
 * @param name            e.g. {@code cartpole-emu}
 * @param capabilities    {@code Protocol.CAP_*} bits
 * @param tickMicros      its fixed tick
 * @param watchdogMs      its command watchdog when it answered
 * @param resetCause      the AVR's MCUSR at its last start
 * @param sensorScales    SI unit per count, one per sensor
 * @param actuatorScales  SI unit at full scale, one per actuator
 */
public record FirmwareIdentity(int protocolVersion, String firmware, String name, int capabilities, long tickMicros,
        int watchdogMs, int resetCause, double[] sensorScales, double[] actuatorScales) {

    static FirmwareIdentity of(IdentityFrame f) {
        double[] sensors = new double[f.sensorCount()];
        for (int i = 0; i < sensors.length; i++) {
            sensors[i] = f.sensorScale(i);
        }
        double[] actuators = new double[f.actuatorCount()];
        for (int i = 0; i < actuators.length; i++) {
            actuators[i] = f.actuatorScale(i);
        }
        return new FirmwareIdentity(f.version(), f.firmwareMajor() + "." + f.firmwareMinor() + "." + f.firmwarePatch(),
                f.name(), f.capabilities(), f.tickMicros(), f.watchdogMs(), f.resetCause(), sensors, actuators);
    }

    public int sensorCount() {
        return sensorScales.length;
    }

    public int actuatorCount() {
        return actuatorScales.length;
    }

    public boolean emulatedPlant() {
        return (capabilities & Protocol.CAP_EMULATED_PLANT) != 0;
    }

    public boolean hardwareWatchdog() {
        return (capabilities & Protocol.CAP_HW_WATCHDOG) != 0;
    }

    /** Whether its plant can be stepped once per command ({@link LinkSettings#lockstep()}). */
    public boolean lockstep() {
        return (capabilities & Protocol.CAP_LOCKSTEP) != 0;
    }

    /** Whether this is the same firmware on the same kind of device (checked when reconnecting). */
    public boolean sameDeviceAs(FirmwareIdentity other) {
        return protocolVersion == other.protocolVersion && firmware.equals(other.firmware) && name.equals(other.name)
                && capabilities == other.capabilities && tickMicros == other.tickMicros
                && Arrays.equals(sensorScales, other.sensorScales) && Arrays.equals(actuatorScales, other.actuatorScales);
    }

    /** One line for messages: {@code cartpole-emu 1.0.0 (protocol 2, 4 sensors, 1 actuator, tick 20000 us)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s (protocol %d, %d sensors, %d actuator%s, tick %d us%s%s%s)", name,
                firmware, protocolVersion, sensorCount(), actuatorCount(), actuatorCount() == 1 ? "" : "s", tickMicros,
                emulatedPlant() ? ", emulated plant" : "", hardwareWatchdog() ? ", hardware watchdog" : "",
                lockstep() ? ", lockstep-capable" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareIdentity other && sameDeviceAs(other) && watchdogMs == other.watchdogMs
                && resetCause == other.resetCause;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + firmware.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
