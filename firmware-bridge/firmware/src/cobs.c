#include "cobs.h"

size_t nr_cobs_encode(const uint8_t *src, size_t len, uint8_t *dst) {
    size_t code_at = 0;
    size_t out = 1;
    uint8_t code = 1;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == 0) {
            dst[code_at] = code;
            code_at = out++;
            code = 1;
        } else {
            dst[out++] = src[i];
            code++;
        }
    }
    dst[code_at] = code;
    return out;
}

int nr_cobs_decode(const uint8_t *src, size_t len, uint8_t *dst) {
    size_t in = 0;
    size_t out = 0;
    while (in < len) {
        uint8_t code = src[in++];
        if (code == 0 || in + code - 1 > len) {
            return -1;
        }
        for (uint8_t k = 1; k < code; k++) {
            uint8_t b = src[in++];
            if (b == 0) {
                return -1;
            }
            dst[out++] = b;
        }
        if (code != 0xff && in < len) {
            dst[out++] = 0;
        }
    }
    return (int)out;
}
