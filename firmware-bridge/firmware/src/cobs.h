#ifndef NR_COBS_H
#define NR_COBS_H
#include <stdint.h>
#include <stddef.h>

/* Encodes len bytes (len < 254) into dst, which holds len + 1 bytes; no delimiter. Returns len + 1. */
size_t nr_cobs_encode(const uint8_t *src, size_t len, uint8_t *dst);

/*
 * Decodes len stuffed bytes (no delimiter) into dst, which may be src itself. Returns the decoded
 * length, or -1 when a code byte points past the end (malformed stuffing).
 */
int nr_cobs_decode(const uint8_t *src, size_t len, uint8_t *dst);

#endif
