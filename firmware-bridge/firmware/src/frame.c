#include "frame.h"
#include "cobs.h"
#include "crc16.h"

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
        return -NR_REJECT_LENGTH;
    }
    uint16_t crc = nr_crc16(frame, (size_t)len - NR_CRC_LEN);
    if (crc != nr_get_u16(frame + len - NR_CRC_LEN)) {
        return -NR_REJECT_CRC;
    }
    return len;
}

uint8_t nr_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t wire[NR_MAX_WIRE]) {
    uint8_t frame[NR_MAX_FRAME];
    frame[NR_OFF_TYPE] = type;
    frame[NR_OFF_LEN] = len;
    nr_put_u16(frame + NR_OFF_SEQ, seq);
    if (len > 0) {
        memcpy(frame + NR_OFF_PAYLOAD, payload, len);
    }
    uint8_t n = (uint8_t)(NR_HEADER_LEN + len);
    nr_put_u16(frame + n, nr_crc16(frame, n));
    n = (uint8_t)(n + NR_CRC_LEN);
    uint8_t stuffed = (uint8_t)nr_cobs_encode(frame, n, wire);
    wire[stuffed] = 0;
    return (uint8_t)(stuffed + 1);
}
