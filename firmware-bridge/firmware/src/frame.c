#include "frame.h"
#include "cobs.h"
#include "crc32c.h"

/*
 * Protocol version 1's frame check, CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no
 * final XOR). Bit by bit: it runs only for the rare version 1 HELLO, so speed does not matter and it
 * costs no table.
 */
static uint16_t crc16_v1(const uint8_t *data, uint8_t len) {
    uint16_t crc = 0xFFFFu;
    for (uint8_t i = 0; i < len; i++) {
        crc ^= (uint16_t)data[i] << 8;
        for (uint8_t bit = 0; bit < 8; bit++) {
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

/* A well-formed HELLO of version 1's layout: len counts a 2-byte check, which is its CRC-16. */
static uint8_t is_v1_hello(const uint8_t *frame, int len) {
    return len == NR_HEADER_LEN + NR_HELLO_LEN + NR_V1_CRC_LEN && frame[NR_OFF_TYPE] == NR_HELLO
            && frame[NR_OFF_LEN] == NR_HELLO_LEN
            && crc16_v1(frame, (uint8_t)(len - NR_V1_CRC_LEN)) == nr_get_u16(frame + len - NR_V1_CRC_LEN);
}

void nr_rx_init(nr_rx_t *rx) {
    rx->n = 0;
    rx->overflow = 0;
}

int nr_rx_push(nr_rx_t *rx, uint8_t byte, uint8_t frame[NR_MAX_FRAME]) {
    if (byte != 0) {
        if (rx->n < NR_MAX_STUFFED) {
            rx->buf[rx->n++] = byte;
        } else {
            rx->overflow = 1; /* keep dropping until the delimiter, then report once */
        }
        return 0;
    }
    uint8_t n = rx->n;
    uint8_t overflow = rx->overflow;
    rx->n = 0;
    rx->overflow = 0;
    if (overflow) {
        return -NR_REJECT_LENGTH;
    }
    if (n == 0) {
        return 0; /* a lone delimiter flushes; not an error */
    }
    int len = nr_cobs_decode(rx->buf, n, frame);
    if (len < 0) {
        return -NR_REJECT_COBS;
    }
    if (len < NR_HEADER_LEN + NR_CRC_LEN || len > NR_MAX_FRAME
            || frame[NR_OFF_LEN] != len - NR_HEADER_LEN - NR_CRC_LEN) {
        return is_v1_hello(frame, len) ? NR_RX_V1_HELLO : -NR_REJECT_LENGTH;
    }
    uint32_t crc = nr_crc32c(frame, (size_t)len - NR_CRC_LEN);
    if (crc != nr_get_u32(frame + len - NR_CRC_LEN)) {
        return -NR_REJECT_CRC;
    }
    return len;
}

static uint8_t encode(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t wire[NR_MAX_WIRE],
        uint8_t v1) {
    uint8_t frame[NR_MAX_FRAME];
    frame[NR_OFF_TYPE] = type;
    frame[NR_OFF_LEN] = len;
    nr_put_u16(frame + NR_OFF_SEQ, seq);
    if (len > 0) {
        memcpy(frame + NR_OFF_PAYLOAD, payload, len);
    }
    uint8_t n = (uint8_t)(NR_HEADER_LEN + len);
    if (v1) {
        nr_put_u16(frame + n, crc16_v1(frame, n));
        n = (uint8_t)(n + NR_V1_CRC_LEN);
    } else {
        nr_put_u32(frame + n, nr_crc32c(frame, n));
        n = (uint8_t)(n + NR_CRC_LEN);
    }
    uint8_t stuffed = (uint8_t)nr_cobs_encode(frame, n, wire);
    wire[stuffed] = 0;
    return (uint8_t)(stuffed + 1);
}

uint8_t nr_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t wire[NR_MAX_WIRE]) {
    return encode(type, seq, payload, len, wire, 0);
}

uint8_t nr_frame_encode_v1(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t wire[NR_MAX_WIRE]) {
    return encode(type, seq, payload, len, wire, 1);
}
