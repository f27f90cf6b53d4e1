/*
 * The firmware's frame decoder (frame.c: COBS, size, len, CRC-32C) against corrupted frames, built for
 * the host with AddressSanitizer and UBSan. From a fixed seed, valid frames of every type are corrupted
 * in the codeword (the bytes the CRC covers and the CRC itself), stuffed and fed byte by byte to
 * nr_rx_push, for each kind of corruption: 1 to 3 flipped bits, 4 to 16 flipped bits, 1 to 4 bytes
 * replaced by other values (FrameFuzzTest does the same to the host's decoder). Then flips on the wire
 * (after COBS, where a flip can move bytes or split a frame) and random bytes. An escape is a frame the
 * decoder accepts that differs from the frame sent; there must be none, and the sanitizers must stay
 * silent (they abort on their first report).
 *
 * Usage: fuzz_frame [frames per kind]. The default, 3.4 million per kind of codeword corruption and a
 * tenth of that on the wire, makes 10.5 million frames in about 5 s of CPU. Prints one line per kind
 * and a summary "fuzz: N corrupted frames, E escapes"; exit status 1 on an escape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cobs.h"
#include "crc32c.h"
#include "frame.h"

#define SEED 0x5EEDF00Dull
#define ESCAPES_SHOWN 5

static uint64_t state = SEED;

/* splitmix64: a fixed seed gives the same run everywhere */
static uint64_t next64(void) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint32_t below(uint32_t bound) {
    return (uint32_t)(((next64() >> 32) * bound) >> 32);
}

/* Payload lengths of the reference firmware's frames (4 sensors, 1 actuator), by type. */
static const struct {
    uint8_t type;
    uint8_t len;
} SHAPES[] = {
    {NR_HELLO, NR_HELLO_LEN}, {NR_CONFIG, NR_CONFIG_LEN}, {NR_COMMAND, 2}, {NR_RESET, NR_RESET_LEN},
    {NR_PING, NR_PING_LEN}, {NR_SAFE, 0}, {NR_IDENTITY, NR_IDENTITY_FIXED_LEN + 4 * 5},
    {NR_STATE, NR_STATE_FIXED_LEN + 2 + 4 * 4}, {NR_STATE, NR_STATE_FIXED_LEN + 2 + 8 * 4}, {NR_PONG, NR_PONG_LEN},
    {NR_ACK, NR_ACK_LEN}, {NR_FAULT, NR_FAULT_LEN}, {0x7f, NR_MAX_PAYLOAD},
};
#define SHAPE_COUNT (sizeof SHAPES / sizeof SHAPES[0])

/* A random valid codeword (header, payload, CRC-32C); returns its length. */
static uint8_t any_frame(uint8_t frame[NR_MAX_FRAME]) {
    uint32_t pick = below(SHAPE_COUNT);
    uint8_t len = SHAPES[pick].len;
    frame[NR_OFF_TYPE] = SHAPES[pick].type;
    frame[NR_OFF_LEN] = len;
    nr_put_u16(frame + NR_OFF_SEQ, (uint16_t)next64());
    for (uint8_t i = 0; i < len; i++) {
        frame[NR_OFF_PAYLOAD + i] = (uint8_t)next64();
    }
    uint8_t n = (uint8_t)(NR_HEADER_LEN + len);
    nr_put_u32(frame + n, nr_crc32c(frame, n));
    return (uint8_t)(n + NR_CRC_LEN);
}

static int chosen[16];

static int distinct(int bound, int taken) {
    for (;;) {
        int candidate = (int)below((uint32_t)bound);
        int again = 0;
        for (int j = 0; j < taken; j++) {
            again |= chosen[j] == candidate;
        }
        if (!again) {
            return candidate;
        }
    }
}

static void flip_bits(uint8_t *bytes, int len, int flips) {
    for (int k = 0; k < flips; k++) {
        chosen[k] = distinct(len * 8, k);
        bytes[chosen[k] >> 3] ^= (uint8_t)(1u << (chosen[k] & 7));
    }
}

static void replace_bytes(uint8_t *bytes, int len, int count) {
    for (int k = 0; k < count; k++) {
        chosen[k] = distinct(len, k);
        bytes[chosen[k]] ^= (uint8_t)(1 + below(255)); /* never the byte it was */
    }
}

static void print_hex(const uint8_t *b, int n) {
    for (int i = 0; i < n; i++) {
        printf("%02x", b[i]);
    }
}

static nr_rx_t rx;
static uint8_t decoded[NR_MAX_FRAME];
static long escapes, v1_hellos, rejected;

/*
 * Feeds wire[0, n) and counts what the decoder made of it: an accepted frame other than original[0,
 * length) is an escape (the corruption always changes the bytes, so an accepted frame that matches
 * can only be the original).
 */
static void feed(const uint8_t *wire, int n, const uint8_t *original, int length, const uint8_t *damaged,
        int shown_len) {
    for (int i = 0; i < n; i++) {
        int r = nr_rx_push(&rx, wire[i], decoded);
        if (r == NR_RX_V1_HELLO) {
            v1_hellos++;
        } else if (r < 0) {
            rejected++;
        } else if (r > 0 && (r != length || memcmp(decoded, original, (size_t)length) != 0)) {
            if (++escapes <= ESCAPES_SHOWN) {
                printf("ESCAPE: ");
                print_hex(original, length);
                printf(" -> ");
                print_hex(damaged, shown_len);
                printf(" accepted as ");
                print_hex(decoded, r);
                printf("\n");
            }
        }
    }
}

enum kind { FLIPS_1_TO_3, FLIPS_4_TO_16, BYTES_1_TO_4, WIRE_FLIPS_1_TO_3 };
static const char *const KIND_NAMES[] = {"1-3 flipped bits", "4-16 flipped bits", "1-4 replaced bytes",
        "1-3 bits flipped on the wire"};

static void corrupt(enum kind kind, long frames) {
    uint8_t original[NR_MAX_FRAME], damaged[NR_MAX_FRAME], wire[NR_MAX_WIRE + 1]; /* + a delimiter of our own */
    long escapes_before = escapes, rejected_before = rejected, v1_before = v1_hellos;
    clock_t start = clock();
    for (long i = 0; i < frames; i++) {
        int length = any_frame(original);
        memcpy(damaged, original, (size_t)length);
        int n;
        if (kind == WIRE_FLIPS_1_TO_3) {
            n = (int)nr_cobs_encode(original, (size_t)length, wire);
            wire[n++] = 0;
            flip_bits(wire, n, 1 + (int)below(3));
            if (wire[n - 1] != 0) {
                wire[n++] = 0; /* the delimiter was hit: the next frame's would end this one */
            }
            feed(wire, n, original, length, wire, n);
            continue;
        }
        if (kind == BYTES_1_TO_4) {
            replace_bytes(damaged, length, 1 + (int)below(4));
        } else {
            flip_bits(damaged, length, kind == FLIPS_1_TO_3 ? 1 + (int)below(3) : 4 + (int)below(13));
        }
        n = (int)nr_cobs_encode(damaged, (size_t)length, wire);
        wire[n++] = 0;
        feed(wire, n, original, length, damaged, length);
    }
    printf("fuzz %s: %ld frames, %ld escapes, %ld rejected, %ld taken for a version 1 HELLO, %.1f s\n",
            KIND_NAMES[kind], frames, escapes - escapes_before, rejected - rejected_before, v1_hellos - v1_before,
            (double)(clock() - start) / CLOCKS_PER_SEC);
}

/* Random bytes, with and without delimiters: nothing to assert but the sanitizers' silence. */
static void random_bytes(long runs) {
    uint8_t junk[160];
    for (long i = 0; i < runs; i++) {
        int n = 1 + (int)below(sizeof junk);
        for (int k = 0; k < n; k++) {
            junk[k] = (uint8_t)next64();
        }
        for (int k = 0; k < n; k++) {
            (void)nr_rx_push(&rx, junk[k], decoded);
        }
    }
    (void)nr_rx_push(&rx, 0, decoded);
}

int main(int argc, char **argv) {
    long per_kind = argc > 1 ? strtol(argv[1], NULL, 10) : 3400000L;
    if (per_kind < 1) {
        fprintf(stderr, "usage: %s [frames per kind, default 3400000]\n", argv[0]);
        return 2;
    }
    nr_rx_init(&rx);
    clock_t start = clock();
    corrupt(FLIPS_1_TO_3, per_kind);
    corrupt(FLIPS_4_TO_16, per_kind);
    corrupt(BYTES_1_TO_4, per_kind);
    corrupt(WIRE_FLIPS_1_TO_3, per_kind / 10);
    random_bytes(per_kind / 10);
    long total = 3 * per_kind + per_kind / 10;
    printf("fuzz: %ld corrupted frames, %ld escapes, %.1f s\n", total, escapes,
            (double)(clock() - start) / CLOCKS_PER_SEC);
    return escapes == 0 ? 0 : 1;
}
