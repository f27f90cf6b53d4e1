package org.neurorig.bridge.codec;

/** Why a receiver dropped a frame (PROTOCOL.md, "Receiving"), in the order the checks run. */
public enum RejectReason {
    /** Too long before its delimiter, a decoded size outside 6..62, a len field that disagrees, or a payload length the type does not allow. */
    LENGTH,
    /** A COBS code byte points past the delimiter. */
    COBS,
    /** The CRC does not match. */
    CRC,
    /** A type this end does not receive. */
    UNKNOWN_TYPE,
    /** Older than the newest frame accepted: a duplicate or a reordering. */
    OUT_OF_ORDER
}
