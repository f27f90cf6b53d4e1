#ifndef NR_FRAME_H
#define NR_FRAME_H
#include <stdint.h>
#include <string.h>
#include "protocol.h"

/*
 * Frame assembly on the receiving side: bytes are collected until the 0x00 delimiter, then unstuffed
 * and checked for size, the len field and the CRC-32C (type, type-specific lengths and sequence numbers
 * are the link's business).
 */
typedef struct {
    uint8_t buf[NR_MAX_STUFFED];
    uint8_t n;
    uint8_t overflow;
} nr_rx_t;

void nr_rx_init(nr_rx_t *rx);

/*
 * Feeds one received byte. Returns the decoded frame's length (8..64, the frame is then in frame[])
 * when a delimiter completes a good frame, 0 while a frame is incomplete or empty, NR_RX_V1_HELLO when
 * it completes a well-formed HELLO in protocol version 1's layout (in frame[]: not an error, see
 * link.c), and minus a NR_REJECT_* reason when the frame just completed is dropped.
 */
int nr_rx_push(nr_rx_t *rx, uint8_t byte, uint8_t frame[NR_MAX_FRAME]);
#define NR_RX_V1_HELLO (-64) /* below every -NR_REJECT_* */

/*
 * Builds a frame (header, payload, CRC-32C) and stuffs it into wire[], delimiter included. wire holds
 * NR_MAX_WIRE bytes. Returns the number of wire bytes (len + 10).
 */
uint8_t nr_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t wire[NR_MAX_WIRE]);

/* The same in protocol version 1's layout (a CRC-16; len + 8 wire bytes): the IDENTITY for a version 1 host. */
uint8_t nr_frame_encode_v1(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t wire[NR_MAX_WIRE]);

/* Little-endian fields. */
static inline void nr_put_u16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void nr_put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline uint16_t nr_get_u16(const uint8_t *p) {
    return (uint16_t)(p[0] | ((uint16_t)p[1] << 8));
}
static inline uint32_t nr_get_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
/* Floats travel as IEEE-754 binary32 bits; every target here is little-endian with IEEE floats. */
static inline void nr_put_f32(uint8_t *p, float v) {
    uint32_t bits;
    memcpy(&bits, &v, 4);
    nr_put_u32(p, bits);
}
static inline float nr_get_f32(const uint8_t *p) {
    uint32_t bits = nr_get_u32(p);
    float v;
    memcpy(&v, &bits, 4);
    return v;
}

#endif
