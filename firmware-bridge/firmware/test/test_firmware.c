/*
 * Host-compiled tests of the firmware's portable parts: the CRC, COBS and frame codec against the
 * shared vectors (test/vectors.txt, also checked by the Java tests), and the device's link (handshake,
 * commands, watchdog, resets, sequence numbers) driving the real emulated plant (cartpole.c), with a
 * fake board that captures what would go out of the UART.
 *
 * Usage: test_firmware test/vectors.txt. Ends with "N passed, N failed"; exit status 1 on a failure.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cobs.h"
#include "config.h"
#include "crc32c.h"
#include "fake_board.h"
#include "frame.h"
#include "link.h"
#include "plant.h"

static int passed, failed, case_failed;
static char case_name[96];

static void fail_at(int line, const char *fmt, ...) {
    va_list ap;
    printf("FAIL %s (test_firmware.c:%d): ", case_name, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    case_failed = 1;
}

#define CHECK(cond, ...)                       \
    do {                                       \
        if (!(cond)) {                         \
            fail_at(__LINE__, __VA_ARGS__);    \
            return;                            \
        }                                      \
    } while (0)

static void run_case(const char *name, void (*fn)(void)) {
    snprintf(case_name, sizeof case_name, "%s", name);
    case_failed = 0;
    fn();
    if (case_failed) {
        failed++;
    } else {
        passed++;
    }
}

/* ---------------------------------------------------------------- vector file parsing */

static size_t parse_hex(const char *s, uint8_t *out, size_t max) {
    size_t n = 0;
    while (s[0] && s[1] && s[0] != ' ' && n < max) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1) {
            break;
        }
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

/* The value of key in "k=v k=v ...", copied into out (empty when absent); returns 1 when present. */
static int field(const char *fields, const char *key, char *out, size_t max) {
    size_t klen = strlen(key);
    const char *p = fields;
    while ((p = strstr(p, key)) != NULL) {
        if ((p == fields || p[-1] == ' ') && p[klen] == '=') {
            p += klen + 1;
            size_t n = strcspn(p, " ");
            if (n >= max) {
                n = max - 1;
            }
            memcpy(out, p, n);
            out[n] = 0;
            return 1;
        }
        p += klen;
    }
    out[0] = 0;
    return 0;
}

static long long num_field(const char *fields, const char *key) {
    char v[64];
    if (!field(fields, key, v, sizeof v)) {
        return -1;
    }
    return strtoll(v, NULL, 0);
}

/* Splits a comma list into doubles (parsed with strtof for floats, strtoll for integers). */
static int list_field(const char *fields, const char *key, double *out, int max, int floats) {
    char v[512];
    if (!field(fields, key, v, sizeof v) || v[0] == 0) {
        return 0;
    }
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(v, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save)) {
        out[n++] = floats ? (double)strtof(t, NULL) : (double)strtoll(t, NULL, 0);
    }
    return n;
}

static int type_code(const char *name) {
    static const struct {
        const char *name;
        int code;
    } TYPES[] = {{"HELLO", NR_HELLO}, {"CONFIG", NR_CONFIG}, {"COMMAND", NR_COMMAND}, {"RESET", NR_RESET},
            {"PING", NR_PING}, {"SAFE", NR_SAFE}, {"IDENTITY", NR_IDENTITY}, {"STATE", NR_STATE},
            {"PONG", NR_PONG}, {"ACK", NR_ACK}, {"FAULT", NR_FAULT}};
    for (size_t i = 0; i < sizeof TYPES / sizeof TYPES[0]; i++) {
        if (strcmp(TYPES[i].name, name) == 0) {
            return TYPES[i].code;
        }
    }
    return -1;
}

/* ---------------------------------------------------------------- vector checks */

static char v_fields[1024];
static char v_a[512];
static char v_b[512];

static void crc_vector(void) {
    uint32_t want = (uint32_t)strtoul(v_b, NULL, 16);
    uint32_t got = nr_crc32c((const uint8_t *)v_a, strlen(v_a));
    CHECK(got == want, "crc(%s) = %08lx, vector says %08lx", v_a, (unsigned long)got, (unsigned long)want);
}

static void cobs_vector(void) {
    uint8_t dec[256], enc[256], out[256];
    size_t nd = parse_hex(v_a, dec, sizeof dec);
    size_t ne = parse_hex(v_b, enc, sizeof enc);
    size_t n = nr_cobs_encode(dec, nd, out);
    CHECK(n == ne && memcmp(out, enc, n) == 0, "encoding differs from the vector");
    int m = nr_cobs_decode(enc, ne, enc); /* in place, as the receiver does */
    CHECK(m == (int)nd && memcmp(enc, dec, nd) == 0, "decoding gives %d bytes, expected %zu", m, nd);
}

#define EXPECT_NUM(key, actual)                                                                         \
    do {                                                                                                \
        long long want_ = num_field(v_fields, key);                                                      \
        CHECK(want_ == (long long)(actual), "field %s: decoded %lld, vector %lld", key, (long long)(actual), \
                want_);                                                                                 \
    } while (0)

static void check_i16_list(const char *key, const uint8_t *p, int *n_out) {
    double want[8];
    int n = list_field(v_fields, key, want, 8, 0);
    for (int i = 0; i < n; i++) {
        CHECK((int16_t)nr_get_u16(p + 2 * i) == (int16_t)want[i], "%s[%d] differs", key, i);
    }
    *n_out = n;
}

static void check_i32_list(const char *key, const uint8_t *p, int *n_out) {
    double want[8];
    int n = list_field(v_fields, key, want, 8, 0);
    for (int i = 0; i < n; i++) {
        CHECK((int32_t)nr_get_u32(p + 4 * i) == (int32_t)want[i], "%s[%d] differs", key, i);
    }
    *n_out = n;
}

static void check_f32_list(const char *key, const uint8_t *p, int *n_out) {
    double want[8];
    int n = list_field(v_fields, key, want, 8, 1);
    for (int i = 0; i < n; i++) {
        CHECK(nr_get_f32(p + 4 * i) == (float)want[i], "%s[%d] = %g, vector %g", key, i, nr_get_f32(p + 4 * i),
                want[i]);
    }
    *n_out = n;
}

static void check_fields(const uint8_t *f) {
    char t[32];
    field(v_fields, "type", t, sizeof t);
    const uint8_t *p = f + NR_OFF_PAYLOAD;
    uint8_t len = f[NR_OFF_LEN];
    int n = 0, m = 0, k = 0;
    CHECK(f[NR_OFF_TYPE] == type_code(t), "type 0x%02x, vector %s", f[NR_OFF_TYPE], t);
    EXPECT_NUM("seq", nr_get_u16(f + NR_OFF_SEQ));
    switch (f[NR_OFF_TYPE]) {
    case NR_HELLO:
        EXPECT_NUM("version", p[0]);
        EXPECT_NUM("reserved", p[1]);
        break;
    case NR_CONFIG:
        EXPECT_NUM("watchdog_ms", nr_get_u16(p));
        EXPECT_NUM("divider", p[2]);
        EXPECT_NUM("flags", p[3]);
        break;
    case NR_COMMAND:
        check_i16_list("actuators", p, &n);
        CHECK(len == 2 * n, "COMMAND length %d for %d actuators", len, n);
        break;
    case NR_RESET:
        check_f32_list("state", p, &n);
        CHECK(n == 4 && len == 16, "RESET carries 4 floats");
        break;
    case NR_PING:
        EXPECT_NUM("token", nr_get_u32(p));
        break;
    case NR_SAFE:
        CHECK(len == 0, "SAFE has no payload");
        break;
    case NR_IDENTITY: {
        char fw[16], name[16], want_name[16];
        snprintf(fw, sizeof fw, "%u.%u.%u", p[1], p[2], p[3]);
        field(v_fields, "firmware", want_name, sizeof want_name);
        CHECK(strcmp(fw, want_name) == 0, "firmware %s, vector %s", fw, want_name);
        EXPECT_NUM("version", p[0]);
        EXPECT_NUM("capabilities", nr_get_u16(p + 4));
        EXPECT_NUM("tick_us", nr_get_u32(p + 6));
        EXPECT_NUM("watchdog_ms", nr_get_u16(p + 12));
        EXPECT_NUM("reset_cause", p[14]);
        memcpy(name, p + 16, NR_NAME_LEN);
        name[NR_NAME_LEN] = 0;
        field(v_fields, "name", want_name, sizeof want_name);
        CHECK(strcmp(name, want_name) == 0, "name %s, vector %s", name, want_name);
        check_f32_list("sensor_scale", p + NR_IDENTITY_FIXED_LEN, &n);
        check_f32_list("actuator_scale", p + NR_IDENTITY_FIXED_LEN + 4 * n, &m);
        CHECK(p[10] == n && p[11] == m, "channel counts %d/%d, vector %d/%d", p[10], p[11], n, m);
        CHECK(len == NR_IDENTITY_FIXED_LEN + 4 * (n + m), "IDENTITY length %d", len);
        break;
    }
    case NR_STATE:
        EXPECT_NUM("time_us", nr_get_u32(p));
        EXPECT_NUM("command_seq", nr_get_u16(p + 4));
        EXPECT_NUM("flags", p[6]);
        EXPECT_NUM("episode", p[7]);
        check_i16_list("outputs", p + 8, &m);
        check_i32_list("sensors", p + 8 + 2 * m, &n);
        if (p[6] & NR_STATE_TRUTH) {
            check_f32_list("truth", p + 8 + 2 * m + 4 * n, &k);
            CHECK(k == n, "truth has %d values for %d sensors", k, n);
        }
        CHECK(len == 8 + 2 * m + 4 * n + 4 * k, "STATE length %d", len);
        break;
    case NR_PONG:
        EXPECT_NUM("token", nr_get_u32(p));
        EXPECT_NUM("time_us", nr_get_u32(p + 4));
        EXPECT_NUM("rx_rejected", nr_get_u16(p + 8));
        EXPECT_NUM("rx_lost", nr_get_u16(p + 10));
        break;
    case NR_ACK:
        EXPECT_NUM("acked_type", p[0]);
        EXPECT_NUM("acked_seq", nr_get_u16(p + 1));
        EXPECT_NUM("result", p[3]);
        break;
    case NR_FAULT:
        EXPECT_NUM("code", p[0]);
        EXPECT_NUM("raised", p[1]);
        EXPECT_NUM("detail", nr_get_u16(p + 2));
        break;
    default:
        CHECK(0, "unexpected type");
    }
}

static void frame_vector(void) {
    uint8_t frame[NR_MAX_FRAME + 8], wire[NR_MAX_WIRE + 8], got[NR_MAX_FRAME], out[NR_MAX_WIRE];
    size_t nf = parse_hex(v_a, frame, sizeof frame);
    size_t nw = parse_hex(v_b, wire, sizeof wire);
    /* wire -> frame, byte by byte as the UART delivers them */
    nr_rx_t rx;
    nr_rx_init(&rx);
    int r = 0;
    for (size_t i = 0; i < nw; i++) {
        r = nr_rx_push(&rx, wire[i], got);
        CHECK(i + 1 == nw || r == 0, "frame ended early at byte %zu", i);
    }
    CHECK(r == (int)nf && memcmp(got, frame, nf) == 0, "decoded frame differs (result %d)", r);
    check_fields(got);
    if (case_failed) {
        return;
    }
    /* frame -> wire */
    uint8_t n = nr_frame_encode(frame[NR_OFF_TYPE], nr_get_u16(frame + NR_OFF_SEQ), frame + NR_OFF_PAYLOAD,
            frame[NR_OFF_LEN], out);
    CHECK(n == nw && memcmp(out, wire, nw) == 0, "encoded wire bytes differ");
}

static nr_link_t L;
static const char *vectors_path = "test/vectors.txt";

/* Hex field `index` (3: frame, 4: wire) of the vector line called name; returns its bytes, 0 when missing. */
static size_t vector_bytes(const char *name, int index, uint8_t *out, size_t max) {
    FILE *f = fopen(vectors_path, "r");
    if (f == NULL) {
        return 0;
    }
    char line[2048], needle[128];
    snprintf(needle, sizeof needle, "| %s |", name);
    size_t n = 0;
    while (n == 0 && fgets(line, sizeof line, f)) {
        if (strstr(line, needle)) {
            char *p = line;
            for (int i = 0; i < index && p != NULL; i++) {
                p = strchr(p, '|');
                p = p != NULL ? p + 1 : NULL;
            }
            if (p != NULL) {
                n = parse_hex(p + 1, out, max);
            }
        }
    }
    fclose(f);
    return n;
}

static int reason_code(const char *name) {
    if (strcmp(name, "LENGTH") == 0) return NR_REJECT_LENGTH;
    if (strcmp(name, "COBS") == 0) return NR_REJECT_COBS;
    if (strcmp(name, "CRC") == 0) return NR_REJECT_CRC;
    if (strcmp(name, "UNKNOWN_TYPE") == 0) return NR_REJECT_UNKNOWN_TYPE;
    if (strcmp(name, "OUT_OF_ORDER") == 0) return NR_REJECT_OUT_OF_ORDER;
    return -1;
}

static void greet(void);

static void reject_vector(void) {
    uint8_t wire[128];
    size_t nw = parse_hex(v_b, wire, sizeof wire);
    int reason = reason_code(v_a);
    CHECK(reason > 0, "unknown reason %s", v_a);
    greet(); /* type-level checks happen in a session */
    uint16_t before = L.rx_rejected_by[reason];
    uint16_t total = L.rx_rejected;
    for (size_t i = 0; i < nw; i++) {
        nr_link_on_byte(&L, wire[i]);
    }
    CHECK(L.rx_rejected_by[reason] == before + 1 && L.rx_rejected == total + 1,
            "not counted once as %s (total %u -> %u)", v_a, total, L.rx_rejected);
}

/* ---------------------------------------------------------------- link tests */

#define MAX_FRAMES 64
static uint8_t frames[MAX_FRAMES][NR_MAX_FRAME];
static int frame_count;
static uint16_t host_seq;

static void fresh(uint8_t reset_cause) {
    nr_plant_init();
    nr_link_init(&L, NR_TICK_US, reset_cause);
    fake_sent_len = 0;
    fake_refuse_sends = 0;
    fake_micros = 0;
    host_seq = 0;
}

static void host_send_seq(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len) {
    uint8_t wire[NR_MAX_WIRE];
    uint8_t n = nr_frame_encode(type, seq, payload, len, wire);
    for (uint8_t i = 0; i < n; i++) {
        nr_link_on_byte(&L, wire[i]);
    }
}

static void host_send(uint8_t type, const uint8_t *payload, uint8_t len) {
    host_send_seq(type, host_seq++, payload, len);
}

/* Decodes everything the device sent since the last call into frames[]. */
static int take_frames(void) {
    nr_rx_t rx;
    nr_rx_init(&rx);
    frame_count = 0;
    for (size_t i = 0; i < fake_sent_len && frame_count < MAX_FRAMES; i++) {
        int r = nr_rx_push(&rx, fake_sent[i], frames[frame_count]);
        if (r > 0) {
            frame_count++;
        } else if (r < 0) {
            printf("FAIL %s: the device sent a bad frame (reason %d)\n", case_name, -r);
            case_failed = 1;
        }
    }
    fake_sent_len = 0;
    return frame_count;
}

/* The newest frame of this type among those just taken. */
static const uint8_t *find(uint8_t type) {
    for (int i = frame_count - 1; i >= 0; i--) {
        if (frames[i][NR_OFF_TYPE] == type) {
            return frames[i];
        }
    }
    return NULL;
}

static void greet(void) {
    fresh(0);
    uint8_t hello[2] = {NR_PROTOCOL_VERSION, 0};
    host_send(NR_HELLO, hello, 2);
    take_frames();
}

static void command(int16_t q) {
    uint8_t p[2];
    nr_put_u16(p, (uint16_t)q);
    host_send(NR_COMMAND, p, 2);
}

static void config(uint16_t watchdog_ms, uint8_t divider, uint8_t flags) {
    uint8_t p[4];
    nr_put_u16(p, watchdog_ms);
    p[2] = divider;
    p[3] = flags;
    host_send(NR_CONFIG, p, 4);
}

static int16_t state_output(const uint8_t *f) {
    return (int16_t)nr_get_u16(f + NR_OFF_PAYLOAD + 8);
}

static float state_truth(const uint8_t *f, int i) {
    return nr_get_f32(f + NR_OFF_PAYLOAD + 8 + 2 + 16 + 4 * i);
}

static int32_t state_sensor(const uint8_t *f, int i) {
    return (int32_t)nr_get_u32(f + NR_OFF_PAYLOAD + 8 + 2 + 4 * i);
}

/*
 * A HELLO in version 1's layout decodes as one, and the link treats it by the version it carries: a
 * version 2 host's probe is ignored (no answer, no error, the session goes on); a version 1 host gets
 * the IDENTITY in its layout, exactly as the shared vector has it, and no session.
 */
static void v1_hello_vector(void) {
    uint8_t frame[NR_MAX_FRAME + 8], wire[NR_MAX_WIRE + 8], got[NR_MAX_FRAME];
    size_t nf = parse_hex(v_a, frame, sizeof frame);
    size_t nw = parse_hex(v_b, wire, sizeof wire);
    nr_rx_t rx;
    nr_rx_init(&rx);
    int r = 0;
    for (size_t i = 0; i < nw; i++) {
        r = nr_rx_push(&rx, wire[i], got);
    }
    CHECK(r == NR_RX_V1_HELLO && memcmp(got, frame, nf) == 0, "not taken for a version 1 HELLO (result %d)", r);
    long long version = num_field(v_fields, "version");
    if (version == NR_PROTOCOL_VERSION) {
        greet();
        uint16_t rejected = L.rx_rejected;
        for (size_t i = 0; i < nw; i++) {
            nr_link_on_byte(&L, wire[i]);
        }
        CHECK(take_frames() == 0, "answered a version 2 host's probe with %d frames", frame_count);
        CHECK(L.rx_rejected == rejected, "counted a probe as an error");
        nr_link_on_tick(&L);
        CHECK(take_frames() == 1 && frames[0][NR_OFF_TYPE] == NR_STATE, "the session stopped at a probe");
    } else {
        CHECK(version == NR_V1_VERSION, "a version 1 HELLO carrying %lld", version);
        fresh(1); /* the answer's vector was written for a power-on reset */
        for (size_t i = 0; i < nw; i++) {
            nr_link_on_byte(&L, wire[i]);
        }
        uint8_t want[NR_MAX_WIRE];
        size_t n = vector_bytes("identity_cartpole_emu_for_version_1", 4, want, sizeof want);
        CHECK(n > 0, "vector identity_cartpole_emu_for_version_1 missing from %s", vectors_path);
        CHECK(fake_sent_len == n && memcmp(fake_sent, want, n) == 0,
                "the answer to a version 1 host differs from the shared vector (%zu bytes sent)", fake_sent_len);
        CHECK(L.rx_rejected == 0, "counted a version 1 host's HELLO as an error");
        fake_sent_len = 0;
        nr_link_on_tick(&L);
        CHECK(fake_sent_len == 0, "streamed states to a version 1 host");
    }
}

static void silent_until_greeted(void) {
    fresh(0);
    for (int i = 0; i < 10; i++) {
        nr_link_on_tick(&L);
    }
    CHECK(take_frames() == 0, "sent %d frames before a HELLO", frame_count);
    command(1000); /* ignored before a session */
    nr_link_on_tick(&L);
    CHECK(take_frames() == 0, "answered a COMMAND before a HELLO");
}

static void identity_matches_the_shared_vector(void) {
    fresh(1); /* the vector was written for a power-on reset */
    uint8_t hello[2] = {NR_PROTOCOL_VERSION, 0};
    host_send(NR_HELLO, hello, 2);
    CHECK(take_frames() == 1, "expected one IDENTITY, got %d frames", frame_count);
    uint8_t want[NR_MAX_FRAME];
    size_t n = vector_bytes("identity_cartpole_emu", 3, want, sizeof want);
    CHECK(n > 0, "vector identity_cartpole_emu missing from %s", vectors_path);
    CHECK(n == (size_t)(frames[0][NR_OFF_LEN] + NR_HEADER_LEN + NR_CRC_LEN) && memcmp(frames[0], want, n) == 0,
            "the firmware's IDENTITY differs from the shared vector");
}

static void other_version_is_answered_but_not_served(void) {
    fresh(0);
    uint8_t hello[2] = {NR_PROTOCOL_VERSION + 1, 0};
    host_send(NR_HELLO, hello, 2);
    CHECK(take_frames() == 1 && frames[0][NR_OFF_TYPE] == NR_IDENTITY, "no IDENTITY for another version");
    CHECK(frames[0][NR_OFF_PAYLOAD] == NR_PROTOCOL_VERSION, "IDENTITY must state the firmware's version");
    for (int i = 0; i < 5; i++) {
        nr_link_on_tick(&L);
    }
    CHECK(take_frames() == 0, "streamed %d frames to a host of another version", frame_count);
}

static void states_stream_in_sequence_and_start_safe(void) {
    greet();
    for (int i = 0; i < 3; i++) {
        nr_link_on_tick(&L);
    }
    CHECK(take_frames() == 3, "3 ticks gave %d frames", frame_count);
    for (int i = 0; i < 3; i++) {
        CHECK(frames[i][NR_OFF_TYPE] == NR_STATE, "frame %d is not a STATE", i);
        CHECK(nr_get_u16(frames[i] + NR_OFF_SEQ) == i + 1, "seq %u at %d (IDENTITY was 0)",
                nr_get_u16(frames[i] + NR_OFF_SEQ), i);
        uint8_t flags = frames[i][NR_OFF_PAYLOAD + 6];
        CHECK((flags & NR_STATE_SAFE) && (flags & NR_STATE_TRUTH), "flags 0x%02x", flags);
        CHECK(nr_get_u32(frames[i] + NR_OFF_PAYLOAD) == (uint32_t)(i + 1) * NR_TICK_US, "time_us");
    }
}

static void config_is_validated_and_acknowledged(void) {
    greet();
    config(5, 1, 1);
    CHECK(take_frames() == 1 && frames[0][NR_OFF_TYPE] == NR_ACK, "no ACK");
    CHECK(frames[0][NR_OFF_PAYLOAD + 3] == NR_ACK_BAD_VALUE, "5 ms watchdog accepted");
    config(100, 0, 1);
    take_frames();
    CHECK(frames[0][NR_OFF_PAYLOAD + 3] == NR_ACK_BAD_VALUE, "divider 0 accepted");
    config(200, 2, 0);
    take_frames();
    CHECK(frames[0][NR_OFF_PAYLOAD + 3] == NR_ACK_OK, "a good CONFIG refused");
    CHECK(L.watchdog_ticks == 10 && L.state_divider == 2 && L.config_flags == 0, "CONFIG not applied");
    for (int i = 0; i < 4; i++) {
        nr_link_on_tick(&L);
    }
    CHECK(take_frames() == 2, "divider 2 over 4 ticks gave %d states", frame_count);
}

static void command_takes_effect_one_tick_late_with_the_delay(void) {
    greet();
    command(16384); /* half scale: duty 128 */
    nr_link_on_tick(&L);
    take_frames();
    CHECK(state_output(frames[0]) == 0, "the delay line should apply 0 first, applied %d", state_output(frames[0]));
    CHECK(nr_get_u16(frames[0] + NR_OFF_PAYLOAD + 4) == 1, "command_seq not echoed");
    nr_link_on_tick(&L);
    take_frames();
    CHECK(state_output(frames[0]) == 128, "output %d, expected duty 128", state_output(frames[0]));
    CHECK(!(frames[0][NR_OFF_PAYLOAD + 6] & NR_STATE_SAFE), "still SAFE after a command");
}

static void command_takes_effect_at_the_next_tick_without_the_delay(void) {
    greet();
    config(100, 1, 0);
    command(-32767);
    nr_link_on_tick(&L);
    take_frames();
    const uint8_t *s = find(NR_STATE);
    CHECK(s && state_output(s) == -255, "output %d, expected -255", s ? state_output(s) : 0);
    CHECK(state_truth(s, 1) < 0, "full reverse must push the cart left, x_dot %g", state_truth(s, 1));
}

static void duty_quantization_is_eight_bits_rounded(void) {
    CHECK(nr_duty_from_q15(0) == 0, "0");
    CHECK(nr_duty_from_q15(32767) == 255 && nr_duty_from_q15(-32767) == -255, "full scale");
    CHECK(nr_duty_from_q15(-32768) == -255, "-32768 counts as -32767");
    CHECK(nr_duty_from_q15(64) == 0 && nr_duty_from_q15(65) == 1, "rounding at half a step");
    CHECK(nr_duty_from_q15(16384) == 128 && nr_duty_from_q15(-16384) == -128, "half scale");
}

static void watchdog_trips_to_safe_and_reports_then_clears(void) {
    greet();
    command(32767);
    int trip_tick = -1;
    for (int t = 1; t <= 10 && trip_tick < 0; t++) {
        nr_link_on_tick(&L);
        take_frames();
        const uint8_t *fault = find(NR_FAULT);
        if (fault) {
            CHECK(fault[NR_OFF_PAYLOAD] == NR_FAULT_WATCHDOG && fault[NR_OFF_PAYLOAD + 1] == 1, "not a raised WATCHDOG");
            CHECK(nr_get_u16(fault + NR_OFF_PAYLOAD + 2) == 100, "detail %u ms", nr_get_u16(fault + NR_OFF_PAYLOAD + 2));
            const uint8_t *s = find(NR_STATE);
            CHECK(s && (s[NR_OFF_PAYLOAD + 6] & (NR_STATE_SAFE | NR_STATE_WATCHDOG)) == (NR_STATE_SAFE | NR_STATE_WATCHDOG),
                    "the state after the trip must say SAFE and WATCHDOG");
            CHECK(state_output(s) == 0, "output %d after the trip", state_output(s));
            trip_tick = t;
        }
    }
    CHECK(trip_tick == 5, "tripped at tick %d, expected 5 (100 ms at 20 ms)", trip_tick);
    command(1000);
    take_frames();
    const uint8_t *cleared = find(NR_FAULT);
    CHECK(cleared && cleared[NR_OFF_PAYLOAD + 1] == 0, "no FAULT cleared after a command");
    nr_link_on_tick(&L);
    take_frames();
    CHECK(!(frames[0][NR_OFF_PAYLOAD + 6] & NR_STATE_WATCHDOG), "WATCHDOG flag still set");
}

static void hardware_watchdog_reset_is_reported_once(void) {
    fresh(0x08);
    uint8_t hello[2] = {NR_PROTOCOL_VERSION, 0};
    host_send(NR_HELLO, hello, 2);
    take_frames();
    const uint8_t *fault = find(NR_FAULT);
    CHECK(fault && fault[NR_OFF_PAYLOAD] == NR_FAULT_WATCHDOG_RESET, "no WATCHDOG_RESET fault");
    host_send(NR_HELLO, hello, 2);
    take_frames();
    CHECK(find(NR_FAULT) == NULL, "reported twice");
}

static void reset_sets_the_state_exactly_at_the_next_tick(void) {
    greet();
    uint8_t p[16];
    float s0[4] = {0.5f, -0.25f, 0.0625f, 1.5f};
    for (int i = 0; i < 4; i++) {
        nr_put_f32(p + 4 * i, s0[i]);
    }
    host_send(NR_RESET, p, 16);
    take_frames();
    CHECK(frame_count == 1 && frames[0][NR_OFF_TYPE] == NR_ACK && frames[0][NR_OFF_PAYLOAD + 3] == NR_ACK_OK, "no ACK OK");
    nr_link_on_tick(&L);
    take_frames();
    const uint8_t *s = frames[0];
    CHECK((s[NR_OFF_PAYLOAD + 6] & NR_STATE_RESET_APPLIED) && s[NR_OFF_PAYLOAD + 7] == 1, "flags/episode");
    for (int i = 0; i < 4; i++) {
        CHECK(state_truth(s, i) == s0[i], "truth[%d] = %g", i, state_truth(s, i));
    }
    CHECK(state_sensor(s, 0) == 5000, "x counts %d (0.5 m at 0.1 mm)", state_sensor(s, 0));
    CHECK(state_sensor(s, 1) == -2500, "x_dot %d counts/s", state_sensor(s, 1));
    CHECK(state_sensor(s, 2) == 24, "theta counts %d (0.0625 rad)", state_sensor(s, 2));
    nr_put_f32(p, NAN);
    host_send(NR_RESET, p, 16);
    take_frames();
    CHECK(frames[0][NR_OFF_PAYLOAD + 3] == NR_ACK_BAD_VALUE, "a NaN state accepted");
}

static void one_step_matches_gymnasiums_equations_in_float(void) {
    greet();
    config(100, 1, 0);
    uint8_t p[16];
    float s0[4] = {0, 0, 0.1f, 0};
    for (int i = 0; i < 4; i++) {
        nr_put_f32(p + 4 * i, s0[i]);
    }
    host_send(NR_RESET, p, 16);
    nr_link_on_tick(&L);
    command(32767);
    nr_link_on_tick(&L);
    take_frames();
    const uint8_t *s = find(NR_STATE);
    CHECK(s != NULL, "no state");
    double sn = sin(0.1f), cs = cos(0.1f);
    double temp = 10.0 / 1.1;
    double theta_acc = (9.8 * sn - cs * temp) / (0.5 * (4.0 / 3.0 - 0.1 * cs * cs / 1.1));
    double x_acc = temp - 0.05 * theta_acc * cs / 1.1;
    CHECK(state_truth(s, 0) == 0.0f, "x moves with the old velocity");
    CHECK(fabs(state_truth(s, 1) - 0.02 * x_acc) < 1e-6, "x_dot %.9g vs %.9g", state_truth(s, 1), 0.02 * x_acc);
    CHECK(state_truth(s, 2) == 0.1f, "theta moves with the old velocity");
    CHECK(fabs(state_truth(s, 3) - 0.02 * theta_acc) < 1e-6, "theta_dot %.9g vs %.9g", state_truth(s, 3),
            0.02 * theta_acc);
}

static void unforced_pole_falls_and_the_state_says_terminated(void) {
    greet();
    uint8_t p[16];
    float s0[4] = {0, 0, 0.01f, 0};
    for (int i = 0; i < 4; i++) {
        nr_put_f32(p + 4 * i, s0[i]);
    }
    host_send(NR_RESET, p, 16);
    int ticks = 0;
    int terminated = 0;
    while (!terminated && ticks < 500) {
        command(0); /* keeps the watchdog fed */
        nr_link_on_tick(&L);
        ticks++;
        take_frames();
        const uint8_t *s = find(NR_STATE);
        terminated = s && (s[NR_OFF_PAYLOAD + 6] & NR_STATE_TERMINATED);
    }
    CHECK(terminated && ticks > 5 && ticks < 200, "fell after %d ticks", ticks);
}

static void ping_is_answered_with_token_clock_and_counters(void) {
    greet();
    fake_micros = 4242;
    uint8_t bad[3] = {0x05, 0x11, 0x00}; /* one malformed frame first */
    for (int i = 0; i < 3; i++) {
        nr_link_on_byte(&L, bad[i]);
    }
    uint8_t p[4];
    nr_put_u32(p, 0xCAFEF00Du);
    host_send(NR_PING, p, 4);
    take_frames();
    const uint8_t *pong = find(NR_PONG);
    CHECK(pong, "no PONG");
    CHECK(nr_get_u32(pong + NR_OFF_PAYLOAD) == 0xCAFEF00Du, "token");
    CHECK(nr_get_u32(pong + NR_OFF_PAYLOAD + 4) == 4242, "time_us");
    CHECK(nr_get_u16(pong + NR_OFF_PAYLOAD + 8) == 1, "rx_rejected %u", nr_get_u16(pong + NR_OFF_PAYLOAD + 8));
}

static void safe_frame_stops_the_actuator_until_the_next_command(void) {
    greet();
    config(100, 1, 0);
    command(20000);
    nr_link_on_tick(&L);
    take_frames();
    const uint8_t *s = find(NR_STATE);
    CHECK(s && state_output(s) != 0, "command not applied");
    host_send(NR_SAFE, NULL, 0);
    nr_link_on_tick(&L);
    take_frames();
    s = find(NR_STATE);
    CHECK(s && state_output(s) == 0 && (s[NR_OFF_PAYLOAD + 6] & NR_STATE_SAFE), "not safe after SAFE");
    command(20000);
    nr_link_on_tick(&L);
    take_frames();
    s = find(NR_STATE);
    CHECK(s && state_output(s) != 0, "a command after SAFE did not re-arm");
}

static void old_frames_are_dropped_and_gaps_counted(void) {
    greet();
    config(100, 1, 0);
    host_seq = 10; /* frames 2..9 lost */
    command(10000);
    CHECK(L.rx_lost == 8, "lost %u, expected 8", L.rx_lost);
    uint8_t p[2];
    nr_put_u16(p, (uint16_t)-10000);
    host_send_seq(NR_COMMAND, 5, p, 2); /* older than 10 */
    CHECK(L.rx_rejected_by[NR_REJECT_OUT_OF_ORDER] == 1, "an old frame not rejected");
    CHECK(L.command[0] == 10000, "an old frame changed the command");
}

static void a_full_transmit_buffer_drops_frames_without_numbering_them(void) {
    greet();
    fake_refuse_sends = 1;
    nr_link_on_tick(&L);
    fake_refuse_sends = 0;
    nr_link_on_tick(&L);
    take_frames();
    CHECK(L.tx_dropped == 1, "tx_dropped %u", L.tx_dropped);
    CHECK(frame_count == 1 && nr_get_u16(frames[0] + NR_OFF_SEQ) == 1, "seq must not skip a frame that never left");
}

/* ---------------------------------------------------------------- lockstep */

#define LOCKSTEP_FLAGS (NR_CONFIG_ACTUATOR_DELAY | NR_CONFIG_LOCKSTEP)

static void reset_to(const float s0[4]) {
    uint8_t p[16];
    for (int i = 0; i < 4; i++) {
        nr_put_f32(p + 4 * i, s0[i]);
    }
    host_send(NR_RESET, p, 16);
}

static uint8_t ack_result(void) {
    const uint8_t *ack = find(NR_ACK);
    return ack ? ack[NR_OFF_PAYLOAD + 3] : 0xff;
}

static int count(uint8_t type) {
    int n = 0;
    for (int i = 0; i < frame_count; i++) {
        n += frames[i][NR_OFF_TYPE] == type;
    }
    return n;
}

static void lockstep_steps_once_per_command_and_never_at_the_timer(void) {
    greet();
    config(100, 1, LOCKSTEP_FLAGS);
    take_frames();
    CHECK(ack_result() == NR_ACK_OK, "lockstep refused by the emulated plant");
    for (int i = 0; i < 3; i++) {
        nr_link_on_tick(&L);
    }
    CHECK(take_frames() == 0, "timer ticks sent %d frames in lockstep", frame_count);
    float s0[4] = {0.5f, -0.25f, 0.0625f, 1.5f};
    reset_to(s0);
    take_frames();
    CHECK(frame_count == 2 && frames[0][NR_OFF_TYPE] == NR_ACK && frames[1][NR_OFF_TYPE] == NR_STATE,
            "a RESET must be answered by its ACK and then the reset state (%d frames)", frame_count);
    const uint8_t *s = frames[1];
    CHECK((s[NR_OFF_PAYLOAD + 6] & NR_STATE_RESET_APPLIED) && s[NR_OFF_PAYLOAD + 7] == 1, "flags/episode");
    for (int i = 0; i < 4; i++) {
        CHECK(state_truth(s, i) == s0[i], "truth[%d] = %g: the reset state is sent without a step", i, state_truth(s, i));
    }
    uint32_t t0 = nr_get_u32(s + NR_OFF_PAYLOAD);
    for (int k = 1; k <= 3; k++) {
        command(16384);
        take_frames();
        CHECK(frame_count == 1 && frames[0][NR_OFF_TYPE] == NR_STATE, "command %d: %d frames, expected one STATE", k,
                frame_count);
        s = frames[0];
        CHECK(nr_get_u16(s + NR_OFF_PAYLOAD + 4) == host_seq - 1, "command_seq not echoed");
        CHECK(nr_get_u32(s + NR_OFF_PAYLOAD) == t0 + (uint32_t)k * NR_TICK_US, "time_us %u after %d steps",
                nr_get_u32(s + NR_OFF_PAYLOAD), k);
        CHECK(state_output(s) == (k == 1 ? 0 : 128), "step %d applied %d: the delay line works as in real time", k,
                state_output(s));
        for (int i = 0; i < 4; i++) {
            nr_link_on_tick(&L); /* 80 ms between commands: the 100 ms watchdog is fed by each */
        }
        CHECK(take_frames() == 0, "timer ticks between commands sent %d frames", frame_count);
    }
    CHECK(state_truth(s, 1) > s0[1], "three pushes to the right did not accelerate the cart");
}

/* The same commands from the same reset, stepped by the timer and by COMMAND: byte for byte the same states. */
static void lockstep_states_are_the_real_time_states(void) {
    enum { STEPS = 40 };
    static uint8_t seen[2][STEPS + 1][NR_MAX_FRAME];
    float s0[4] = {0.0f, 0.0f, 0.03125f, -0.0625f};
    for (int mode = 0; mode < 2; mode++) {
        greet();
        config(100, 1, mode ? LOCKSTEP_FLAGS : NR_CONFIG_ACTUATOR_DELAY);
        reset_to(s0);
        if (!mode) {
            nr_link_on_tick(&L);
        }
        take_frames();
        const uint8_t *s = find(NR_STATE);
        CHECK(s != NULL, "no reset state (mode %d)", mode);
        memcpy(seen[mode][0], s, NR_MAX_FRAME);
        for (int k = 1; k <= STEPS; k++) {
            command((int16_t)(((k * 7919) % 65535) - 32767)); /* both ways, every magnitude */
            if (!mode) {
                nr_link_on_tick(&L);
            }
            take_frames();
            s = find(NR_STATE);
            CHECK(frame_count == 1 && s != NULL, "step %d (mode %d): %d frames", k, mode, frame_count);
            memcpy(seen[mode][k], s, NR_MAX_FRAME);
        }
    }
    for (int k = 0; k <= STEPS; k++) {
        CHECK(memcmp(seen[0][k], seen[1][k], (size_t)seen[0][k][NR_OFF_LEN] + 6) == 0,
                "state %d differs between real time and lockstep", k);
    }
}

static void lockstep_watchdog_still_counts_time_and_empties_the_delay_line(void) {
    greet();
    config(100, 1, LOCKSTEP_FLAGS);
    float s0[4] = {0, 0, 0, 0};
    reset_to(s0);
    command(32767);
    command(32767);
    take_frames();
    const uint8_t *s = find(NR_STATE);
    CHECK(s && state_output(s) == 255, "full push not applied");
    int trip_tick = -1;
    for (int t = 1; t <= 10 && trip_tick < 0; t++) {
        nr_link_on_tick(&L);
        take_frames();
        CHECK(count(NR_STATE) == 0, "a timer tick stepped the plant in lockstep");
        const uint8_t *fault = find(NR_FAULT);
        if (fault) {
            CHECK(fault[NR_OFF_PAYLOAD] == NR_FAULT_WATCHDOG && fault[NR_OFF_PAYLOAD + 1] == 1, "not a raised WATCHDOG");
            trip_tick = t;
        }
    }
    CHECK(trip_tick == 5, "tripped at tick %d, expected 5 (100 ms at 20 ms)", trip_tick);
    CHECK(L.safe && L.watchdog_tripped, "not safe after the trip");
    command(32767);
    take_frames();
    const uint8_t *cleared = find(NR_FAULT);
    CHECK(cleared && cleared[NR_OFF_PAYLOAD + 1] == 0, "no FAULT cleared before the step");
    s = find(NR_STATE);
    CHECK(s && count(NR_STATE) == 1, "the command after the trip did not step once");
    CHECK(state_output(s) == 0, "output %d: the trip must have emptied the delay line", state_output(s));
    CHECK(!(s[NR_OFF_PAYLOAD + 6] & (NR_STATE_SAFE | NR_STATE_WATCHDOG)), "flags 0x%02x", s[NR_OFF_PAYLOAD + 6]);
    command(32767);
    take_frames();
    CHECK(state_output(find(NR_STATE)) == 255, "the command did not re-arm");
}

static void lockstep_is_validated_and_a_new_session_starts_in_real_time(void) {
    greet();
    config(100, 2, LOCKSTEP_FLAGS);
    take_frames();
    CHECK(ack_result() == NR_ACK_BAD_VALUE, "lockstep with a state every 2 steps accepted");
    CHECK(!(L.config_flags & NR_CONFIG_LOCKSTEP) && L.state_divider == 1, "a refused CONFIG changed the settings");
    config(100, 1, 0x04);
    take_frames();
    CHECK(ack_result() == NR_ACK_BAD_VALUE, "an unknown flag accepted");
    config(100, 1, NR_CONFIG_LOCKSTEP);
    take_frames();
    CHECK(ack_result() == NR_ACK_OK, "lockstep without the actuator delay refused");
    command(1000);
    CHECK(take_frames() == 1 && count(NR_STATE) == 1, "no step");
    uint8_t hello[2] = {NR_PROTOCOL_VERSION, 0};
    host_send(NR_HELLO, hello, 2);
    take_frames();
    nr_link_on_tick(&L);
    CHECK(take_frames() == 1 && count(NR_STATE) == 1, "after a new HELLO the timer must step the plant again");
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s test/vectors.txt\n", argv[0]);
        return 2;
    }
    vectors_path = argv[1];
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    char line[2048];
    int vectors = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '#' || line[0] == 0) {
            continue;
        }
        char *parts[5] = {0};
        int np = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, "|", &save); t && np < 5; t = strtok_r(NULL, "|", &save)) {
            while (*t == ' ') {
                t++;
            }
            size_t n = strlen(t);
            while (n > 0 && t[n - 1] == ' ') {
                t[--n] = 0;
            }
            parts[np++] = t;
        }
        char name[96];
        vectors++;
        if (strcmp(parts[0], "crc") == 0 && np == 3) {
            snprintf(v_a, sizeof v_a, "%s", parts[1]);
            snprintf(v_b, sizeof v_b, "%s", parts[2]);
            snprintf(name, sizeof name, "crc %s", parts[1]);
            run_case(name, crc_vector);
        } else if (strcmp(parts[0], "cobs") == 0 && np == 3) {
            snprintf(v_a, sizeof v_a, "%s", parts[1]);
            snprintf(v_b, sizeof v_b, "%s", parts[2]);
            snprintf(name, sizeof name, "cobs %.40s", parts[1]);
            run_case(name, cobs_vector);
        } else if (strcmp(parts[0], "frame") == 0 && np == 5) {
            snprintf(v_fields, sizeof v_fields, "%s", parts[2]);
            snprintf(v_a, sizeof v_a, "%s", parts[3]);
            snprintf(v_b, sizeof v_b, "%s", parts[4]);
            snprintf(name, sizeof name, "vector %s", parts[1]);
            run_case(name, frame_vector);
        } else if ((strcmp(parts[0], "reject") == 0 || strcmp(parts[0], "reject-device") == 0) && np == 4) {
            snprintf(v_a, sizeof v_a, "%s", parts[2]);
            snprintf(v_b, sizeof v_b, "%s", parts[3]);
            snprintf(name, sizeof name, "reject %s", parts[1]);
            run_case(name, reject_vector);
        } else if (strcmp(parts[0], "v1-frame") == 0 && np == 5 && strstr(parts[2], "type=HELLO ") == parts[2]) {
            snprintf(v_fields, sizeof v_fields, "%s", parts[2]);
            snprintf(v_a, sizeof v_a, "%s", parts[3]);
            snprintf(v_b, sizeof v_b, "%s", parts[4]);
            snprintf(name, sizeof name, "version 1 %s", parts[1]);
            run_case(name, v1_hello_vector);
        } else if (strcmp(parts[0], "reject-host") == 0 || strcmp(parts[0], "v1-frame") == 0) {
            vectors--; /* the host's to check (a version 1 IDENTITY; the one for a version 1 host: above) */
        } else {
            printf("FAIL: unreadable vector line: %s\n", parts[0] ? parts[0] : "");
            failed++;
        }
    }
    fclose(f);
    if (vectors < 30) {
        printf("FAIL: only %d vectors read from %s\n", vectors, argv[1]);
        failed++;
    }
    run_case("silent_until_greeted", silent_until_greeted);
    run_case("identity_matches_the_shared_vector", identity_matches_the_shared_vector);
    run_case("other_version_is_answered_but_not_served", other_version_is_answered_but_not_served);
    run_case("states_stream_in_sequence_and_start_safe", states_stream_in_sequence_and_start_safe);
    run_case("config_is_validated_and_acknowledged", config_is_validated_and_acknowledged);
    run_case("command_takes_effect_one_tick_late_with_the_delay", command_takes_effect_one_tick_late_with_the_delay);
    run_case("command_takes_effect_at_the_next_tick_without_the_delay",
            command_takes_effect_at_the_next_tick_without_the_delay);
    run_case("duty_quantization_is_eight_bits_rounded", duty_quantization_is_eight_bits_rounded);
    run_case("watchdog_trips_to_safe_and_reports_then_clears", watchdog_trips_to_safe_and_reports_then_clears);
    run_case("hardware_watchdog_reset_is_reported_once", hardware_watchdog_reset_is_reported_once);
    run_case("reset_sets_the_state_exactly_at_the_next_tick", reset_sets_the_state_exactly_at_the_next_tick);
    run_case("one_step_matches_gymnasiums_equations_in_float", one_step_matches_gymnasiums_equations_in_float);
    run_case("unforced_pole_falls_and_the_state_says_terminated", unforced_pole_falls_and_the_state_says_terminated);
    run_case("ping_is_answered_with_token_clock_and_counters", ping_is_answered_with_token_clock_and_counters);
    run_case("safe_frame_stops_the_actuator_until_the_next_command", safe_frame_stops_the_actuator_until_the_next_command);
    run_case("old_frames_are_dropped_and_gaps_counted", old_frames_are_dropped_and_gaps_counted);
    run_case("a_full_transmit_buffer_drops_frames_without_numbering_them",
            a_full_transmit_buffer_drops_frames_without_numbering_them);
    run_case("lockstep_steps_once_per_command_and_never_at_the_timer", lockstep_steps_once_per_command_and_never_at_the_timer);
    run_case("lockstep_states_are_the_real_time_states", lockstep_states_are_the_real_time_states);
    run_case("lockstep_watchdog_still_counts_time_and_empties_the_delay_line",
            lockstep_watchdog_still_counts_time_and_empties_the_delay_line);
    run_case("lockstep_is_validated_and_a_new_session_starts_in_real_time",
            lockstep_is_validated_and_a_new_session_starts_in_real_time);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
