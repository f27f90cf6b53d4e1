package org.neurorig.bridge.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code IDENTITY} (0x81, device to host): the answer to {@code HELLO}.
 *
 * <pre>
 *   payload 0        1        2        3        4                 6                                 10
 *           +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *           | proto  | fw maj | fw min | fw pat | capabilities    | tick_us (u32)                     |
 *           +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *           10       11       12                14       15       16                                28
 *           +--------+--------+--------+--------+--------+--------+-------- ... -------------------+
 *           | n_s    | n_a    | watchdog_ms     | reset  | 0      | name: 12 ASCII bytes, NUL-padded |
 *           +--------+--------+--------+--------+--------+--------+-------- ... -------------------+
 *           28: f32 sensor_scale[n_s], then f32 actuator_scale[n_a]
 * </pre>
 */
public final class IdentityFrame extends Flyweight {

    public static final int FIXED_LENGTH = 28;
    public static final int NAME_LENGTH = 12;
    private static final int VERSION = 0;
    private static final int FIRMWARE = 1;
    private static final int CAPABILITIES = 4;
    private static final int TICK_US = 6;
    private static final int SENSORS = 10;
    private static final int ACTUATORS = 11;
    private static final int WATCHDOG_MS = 12;
    private static final int RESET_CAUSE = 14;
    private static final int NAME = 16;
    private static final int SCALES = 28;

    public static int length(int sensors, int actuators) {
        return FIXED_LENGTH + 4 * (sensors + actuators);
    }

    public int version() {
        return u8(VERSION);
    }

    public int firmwareMajor() {
        return u8(FIRMWARE);
    }

    public int firmwareMinor() {
        return u8(FIRMWARE + 1);
    }

    public int firmwarePatch() {
        return u8(FIRMWARE + 2);
    }

    public int capabilities() {
        return u16(CAPABILITIES);
    }

    public long tickMicros() {
        return u32(TICK_US);
    }

    public int sensorCount() {
        return u8(SENSORS);
    }

    public int actuatorCount() {
        return u8(ACTUATORS);
    }

    public int watchdogMs() {
        return u16(WATCHDOG_MS);
    }

    public int resetCause() {
        return u8(RESET_CAUSE);
    }

    /**
     * The firmware's name (allocates a String: for the handshake, not the tick). The name is the peer's
     * text and ends up in messages on terminals: a byte outside printable ASCII (0x20 to 0x7E), an escape
     * sequence's ESC among them, reads as {@code \xNN}, so it is shown, never acted on.
     */
    public String name() {
        int start = Protocol.OFFSET_PAYLOAD + NAME;
        StringBuilder name = new StringBuilder(NAME_LENGTH);
        for (int i = 0; i < NAME_LENGTH && buffer[start + i] != 0; i++) {
            int b = buffer[start + i] & 0xFF;
            if (b >= 0x20 && b <= 0x7E) {
                name.append((char) b);
            } else {
                name.append(String.format(Locale.ROOT, "\\x%02x", b));
            }
        }
        return name.toString();
    }

    public float sensorScale(int index) {
        return f32(SCALES + 4 * index);
    }

    public float actuatorScale(int index) {
        return f32(SCALES + 4 * (sensorCount() + index));
    }

    /** Writes the payload (for tests and device models); returns its length. */
    public int set(int version, int major, int minor, int patch, int capabilities, long tickMicros, int watchdogMs,
            int resetCause, String name, float[] sensorScales, float[] actuatorScales) {
        u8(VERSION, version);
        u8(FIRMWARE, major);
        u8(FIRMWARE + 1, minor);
        u8(FIRMWARE + 2, patch);
        i16(CAPABILITIES, capabilities);
        i32(TICK_US, (int) tickMicros);
        u8(SENSORS, sensorScales.length);
        u8(ACTUATORS, actuatorScales.length);
        i16(WATCHDOG_MS, watchdogMs);
        u8(RESET_CAUSE, resetCause);
        u8(RESET_CAUSE + 1, 0);
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < NAME_LENGTH; i++) {
            u8(NAME + i, i < ascii.length ? ascii[i] : 0);
        }
        for (int i = 0; i < sensorScales.length; i++) {
            f32(SCALES + 4 * i, sensorScales[i]);
        }
        for (int i = 0; i < actuatorScales.length; i++) {
            f32(SCALES + 4 * (sensorScales.length + i), actuatorScales[i]);
        }
        return length(sensorScales.length, actuatorScales.length);
    }

    @Override
    public IdentityFrame wrap(byte[] frame) {
        super.wrap(frame);
        return this;
    }
}
