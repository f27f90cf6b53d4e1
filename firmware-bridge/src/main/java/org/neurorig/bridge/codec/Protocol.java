package org.neurorig.bridge.codec;

/**
 * Constants of the neurorig serial protocol, version 2. The authority is {@code firmware-bridge/PROTOCOL.md};
 * the firmware's {@code src/protocol.h} holds the same values.
 */
public final class Protocol {

    /** The protocol version this host speaks: 2 since the frame check is a CRC-32C (it was a CRC-16 in version 1). */
    public static final int VERSION = 2;

    public static final int HEADER_LENGTH = 4;
    /** The frame check, a CRC-32C ({@link FrameCheck}). */
    public static final int CRC_LENGTH = 4;
    public static final int MAX_PAYLOAD = 56;
    /** Header, payload and CRC: 8 to 64 bytes. */
    public static final int MIN_FRAME = HEADER_LENGTH + CRC_LENGTH;
    public static final int MAX_FRAME = HEADER_LENGTH + MAX_PAYLOAD + CRC_LENGTH;
    /** COBS adds exactly one byte to frames shorter than 254 bytes. */
    public static final int MAX_STUFFED = MAX_FRAME + 1;
    /** Stuffed frame and its 0x00 delimiter: 10 to 66 bytes. */
    public static final int MAX_WIRE = MAX_STUFFED + 1;

    public static final int OFFSET_TYPE = 0;
    public static final int OFFSET_LENGTH = 1;
    public static final int OFFSET_SEQ = 2;
    public static final int OFFSET_PAYLOAD = 4;

    public static final int MAX_SENSORS = 6;
    public static final int MAX_ACTUATORS = 4;

    // host -> device
    public static final int HELLO = 0x01;
    public static final int CONFIG = 0x02;
    public static final int COMMAND = 0x03;
    public static final int RESET = 0x04;
    public static final int PING = 0x05;
    public static final int SAFE = 0x06;
    // device -> host
    public static final int IDENTITY = 0x81;
    public static final int STATE = 0x82;
    public static final int PONG = 0x83;
    public static final int ACK = 0x84;
    public static final int FAULT = 0x85;

    // IDENTITY.capabilities
    public static final int CAP_EMULATED_PLANT = 0x0001;
    public static final int CAP_RIG = 0x0002;
    public static final int CAP_HW_WATCHDOG = 0x0004;
    public static final int CAP_ACTUATOR_DELAY = 0x0008;
    public static final int CAP_LOCKSTEP = 0x0010;

    // CONFIG.flags
    public static final int CONFIG_ACTUATOR_DELAY = 0x01;
    /** The plant steps once per COMMAND (and sets a RESET's state at once) instead of at its timer's tick. */
    public static final int CONFIG_LOCKSTEP = 0x02;

    // STATE.flags
    public static final int STATE_SAFE = 0x01;
    public static final int STATE_WATCHDOG = 0x02;
    public static final int STATE_TERMINATED = 0x04;
    public static final int STATE_TRUTH = 0x08;
    public static final int STATE_RESET_APPLIED = 0x10;

    // ACK.result
    public static final int ACK_OK = 0;
    public static final int ACK_UNSUPPORTED = 1;
    public static final int ACK_BAD_VALUE = 2;
    public static final int ACK_BAD_LENGTH = 3;

    // FAULT.code
    public static final int FAULT_WATCHDOG = 1;
    public static final int FAULT_WATCHDOG_RESET = 2;
    public static final int FAULT_RX_OVERRUN = 3;
    public static final int FAULT_TICK_OVERRUN = 4;
    public static final int FAULT_LIMIT = 5;

    public static final int WATCHDOG_MS_MIN = 20;
    public static final int WATCHDOG_MS_MAX = 10_000;

    /** The largest Q15 actuator value: +-32767 is +-full scale. */
    public static final int Q15_FULL_SCALE = 32767;

    private Protocol() {
    }

    /** The message name of a type code, for messages and logs. */
    public static String typeName(int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case CONFIG -> "CONFIG";
            case COMMAND -> "COMMAND";
            case RESET -> "RESET";
            case PING -> "PING";
            case SAFE -> "SAFE";
            case IDENTITY -> "IDENTITY";
            case STATE -> "STATE";
            case PONG -> "PONG";
            case ACK -> "ACK";
            case FAULT -> "FAULT";
            default -> String.format("0x%02X", type);
        };
    }

    /** The name of an ACK result. */
    public static String ackResultName(int result) {
        return switch (result) {
            case ACK_OK -> "OK";
            case ACK_UNSUPPORTED -> "UNSUPPORTED";
            case ACK_BAD_VALUE -> "BAD_VALUE";
            case ACK_BAD_LENGTH -> "BAD_LENGTH";
            default -> "result " + result;
        };
    }

    /** The name of a FAULT code. */
    public static String faultName(int code) {
        return switch (code) {
            case FAULT_WATCHDOG -> "WATCHDOG";
            case FAULT_WATCHDOG_RESET -> "WATCHDOG_RESET";
            case FAULT_RX_OVERRUN -> "RX_OVERRUN";
            case FAULT_TICK_OVERRUN -> "TICK_OVERRUN";
            case FAULT_LIMIT -> "LIMIT";
            default -> "fault " + code;
        };
    }
}
