/*
 * neurorig serial protocol, version 2: constants shared by every part of the firmware.
 * The authority is firmware-bridge/PROTOCOL.md; org.neurorig.bridge.Protocol mirrors this file.
 */
#ifndef NR_PROTOCOL_H
#define NR_PROTOCOL_H

#ifndef NR_PROTOCOL_VERSION
#define NR_PROTOCOL_VERSION 2 /* a test build overrides it to check that the host refuses a mismatch */
#endif

#define NR_HEADER_LEN 4
#define NR_CRC_LEN 4 /* CRC-32C (crc32c.h); version 1 had a CRC-16 */
#define NR_MAX_PAYLOAD 56
#define NR_MAX_FRAME (NR_HEADER_LEN + NR_MAX_PAYLOAD + NR_CRC_LEN) /* 64 */
#define NR_MAX_STUFFED (NR_MAX_FRAME + 1)                          /* 65: COBS adds one byte below 254 */
#define NR_MAX_WIRE (NR_MAX_STUFFED + 1)                           /* 66: and the 0x00 delimiter */

/* Protocol version 1's layout, kept for its HELLO and IDENTITY only (frame.h, PROTOCOL.md "Versioning") */
#define NR_V1_VERSION 1
#define NR_V1_CRC_LEN 2 /* CRC-16/CCITT-FALSE */

#define NR_OFF_TYPE 0
#define NR_OFF_LEN 1
#define NR_OFF_SEQ 2
#define NR_OFF_PAYLOAD 4

#define NR_MAX_SENSORS 6
#define NR_MAX_ACTUATORS 4

/* host -> device */
#define NR_HELLO 0x01
#define NR_CONFIG 0x02
#define NR_COMMAND 0x03
#define NR_RESET 0x04
#define NR_PING 0x05
#define NR_SAFE 0x06
/* device -> host */
#define NR_IDENTITY 0x81
#define NR_STATE 0x82
#define NR_PONG 0x83
#define NR_ACK 0x84
#define NR_FAULT 0x85

#define NR_HELLO_LEN 2
#define NR_CONFIG_LEN 4
#define NR_RESET_LEN 16
#define NR_PING_LEN 4
#define NR_PONG_LEN 12
#define NR_ACK_LEN 4
#define NR_FAULT_LEN 4
#define NR_IDENTITY_FIXED_LEN 28
#define NR_STATE_FIXED_LEN 8
#define NR_NAME_LEN 12

/* IDENTITY.capabilities */
#define NR_CAP_EMULATED_PLANT 0x0001
#define NR_CAP_RIG 0x0002
#define NR_CAP_HW_WATCHDOG 0x0004
#define NR_CAP_ACTUATOR_DELAY 0x0008
#define NR_CAP_LOCKSTEP 0x0010

/* CONFIG.flags */
#define NR_CONFIG_ACTUATOR_DELAY 0x01
#define NR_CONFIG_LOCKSTEP 0x02 /* the plant steps once per COMMAND instead of at the timer's tick */

/* STATE.flags */
#define NR_STATE_SAFE 0x01
#define NR_STATE_WATCHDOG 0x02
#define NR_STATE_TERMINATED 0x04
#define NR_STATE_TRUTH 0x08
#define NR_STATE_RESET_APPLIED 0x10

/* ACK.result */
#define NR_ACK_OK 0
#define NR_ACK_UNSUPPORTED 1
#define NR_ACK_BAD_VALUE 2
#define NR_ACK_BAD_LENGTH 3

/* FAULT.code */
#define NR_FAULT_WATCHDOG 1
#define NR_FAULT_WATCHDOG_RESET 2
#define NR_FAULT_RX_OVERRUN 3
#define NR_FAULT_TICK_OVERRUN 4
#define NR_FAULT_LIMIT 5

/* CONFIG limits */
#define NR_WATCHDOG_MS_MIN 20
#define NR_WATCHDOG_MS_MAX 10000
#define NR_WATCHDOG_MS_DEFAULT 100

/* receive rejection reasons, in the order the checks run (PROTOCOL.md, "Receiving") */
#define NR_REJECT_LENGTH 1
#define NR_REJECT_COBS 2
#define NR_REJECT_CRC 3
#define NR_REJECT_UNKNOWN_TYPE 4
#define NR_REJECT_OUT_OF_ORDER 5
#define NR_REJECT_REASONS 6

#endif
