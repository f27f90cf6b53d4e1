#include "link.h"
#include "board.h"
#include "plant.h"

static void reject(nr_link_t *l, uint8_t reason) {
    l->rx_rejected++;
    l->rx_rejected_by[reason]++;
}

/* Sends a frame in this version's layout, or in version 1's (v1: only the IDENTITY for a version 1 host). */
static void send_in(nr_link_t *l, uint8_t type, const uint8_t *payload, uint8_t len, uint8_t v1) {
    uint8_t wire[NR_MAX_WIRE];
    uint8_t n = v1 ? nr_frame_encode_v1(type, l->tx_seq, payload, len, wire)
                   : nr_frame_encode(type, l->tx_seq, payload, len, wire);
    if (nr_board_send(wire, n)) {
        l->tx_seq++;
    } else {
        l->tx_dropped++; /* not numbered: the host counts only what was sent */
    }
}

static void send(nr_link_t *l, uint8_t type, const uint8_t *payload, uint8_t len) {
    send_in(l, type, payload, len, 0);
}

static void send_fault(nr_link_t *l, uint8_t code, uint8_t raised, uint16_t detail) {
    uint8_t p[NR_FAULT_LEN];
    p[0] = code;
    p[1] = raised;
    nr_put_u16(p + 2, detail);
    send(l, NR_FAULT, p, sizeof p);
}

static void send_ack(nr_link_t *l, uint8_t type, uint16_t seq, uint8_t result) {
    uint8_t p[NR_ACK_LEN];
    p[0] = type;
    nr_put_u16(p + 1, seq);
    p[3] = result;
    send(l, NR_ACK, p, sizeof p);
}

static uint16_t ticks_for(uint16_t ms, uint32_t tick_us) {
    uint32_t ticks = ((uint32_t)ms * 1000u + tick_us - 1) / tick_us;
    return (uint16_t)(ticks < 1 ? 1 : ticks);
}

void nr_link_init(nr_link_t *l, uint32_t tick_us, uint8_t reset_cause) {
    memset(l, 0, sizeof *l);
    nr_rx_init(&l->rx);
    l->tick_us = tick_us;
    l->watchdog_ms = NR_WATCHDOG_MS_DEFAULT;
    l->watchdog_ticks = ticks_for(NR_WATCHDOG_MS_DEFAULT, tick_us);
    l->state_divider = 1;
    l->config_flags = (nr_plant_describe()->capabilities & NR_CAP_ACTUATOR_DELAY) ? NR_CONFIG_ACTUATOR_DELAY : 0;
    l->safe = 1;
    l->reset_cause = reset_cause;
}

static void send_identity(nr_link_t *l, uint8_t v1) {
    const nr_plant_desc_t *d = nr_plant_describe();
    uint8_t p[NR_MAX_PAYLOAD];
    memset(p, 0, NR_IDENTITY_FIXED_LEN);
    p[0] = NR_PROTOCOL_VERSION;
    p[1] = d->version[0];
    p[2] = d->version[1];
    p[3] = d->version[2];
    nr_put_u16(p + 4, d->capabilities);
    nr_put_u32(p + 6, l->tick_us);
    p[10] = d->sensors;
    p[11] = d->actuators;
    nr_put_u16(p + 12, l->watchdog_ms);
    p[14] = l->reset_cause;
    for (uint8_t i = 0; i < NR_NAME_LEN && d->name[i] != 0; i++) {
        p[16 + i] = (uint8_t)d->name[i];
    }
    uint8_t n = NR_IDENTITY_FIXED_LEN;
    for (uint8_t i = 0; i < d->sensors; i++, n += 4) {
        nr_put_f32(p + n, d->sensor_scale[i]);
    }
    for (uint8_t i = 0; i < d->actuators; i++, n += 4) {
        nr_put_f32(p + n, d->actuator_scale[i]);
    }
    send_in(l, NR_IDENTITY, p, n, v1);
}

/*
 * A HELLO: a session starts, but states stream only to a host of this version. Any other host gets
 * the IDENTITY, so that it can say which version it found; a version 1 host gets it in its own layout
 * (v1), since it drops every frame of ours.
 */
static void greet(nr_link_t *l, uint8_t version, uint8_t v1) {
    l->greeted = !v1 && version == NR_PROTOCOL_VERSION;
    /* A new session starts safe, with the watchdog counting from the greeting. */
    l->safe = 1;
    l->watchdog_tripped = 0;
    l->ticks_since_command = 0;
    l->divider_count = 0;
    /* and in real time: a host that does not ask for lockstep expects states without commanding them */
    l->config_flags &= (uint8_t)~NR_CONFIG_LOCKSTEP;
    nr_plant_safe_now();
    send_identity(l, v1);
    if (l->greeted && (l->reset_cause & 0x08) && !l->reset_cause_reported) {
        send_fault(l, NR_FAULT_WATCHDOG_RESET, 1, l->reset_cause);
        l->reset_cause_reported = 1;
    }
}

static void on_config(nr_link_t *l, uint16_t seq, const uint8_t *p) {
    uint16_t watchdog_ms = nr_get_u16(p);
    uint8_t divider = p[2];
    uint8_t flags = p[3];
    uint8_t lockstep = (flags & NR_CONFIG_LOCKSTEP) != 0;
    /* Lockstep needs a plant that can wait between steps (a real motor cannot be stepped), and one
     * state per step, so that the STATE after a COMMAND is that command's step. */
    if (watchdog_ms < NR_WATCHDOG_MS_MIN || watchdog_ms > NR_WATCHDOG_MS_MAX || divider == 0
            || (flags & (uint8_t)~(NR_CONFIG_ACTUATOR_DELAY | NR_CONFIG_LOCKSTEP)) != 0
            || (lockstep && (!(nr_plant_describe()->capabilities & NR_CAP_LOCKSTEP) || divider != 1))) {
        send_ack(l, NR_CONFIG, seq, NR_ACK_BAD_VALUE);
        return;
    }
    if ((flags & NR_CONFIG_ACTUATOR_DELAY) && !(nr_plant_describe()->capabilities & NR_CAP_ACTUATOR_DELAY)) {
        send_ack(l, NR_CONFIG, seq, NR_ACK_UNSUPPORTED);
        return;
    }
    l->watchdog_ms = watchdog_ms;
    l->watchdog_ticks = ticks_for(watchdog_ms, l->tick_us);
    l->state_divider = divider;
    l->config_flags = flags;
    send_ack(l, NR_CONFIG, seq, NR_ACK_OK);
}

static void step(nr_link_t *l);

static void on_command(nr_link_t *l, uint16_t seq, const uint8_t *p, uint8_t actuators) {
    for (uint8_t i = 0; i < actuators; i++) {
        l->command[i] = (int16_t)nr_get_u16(p + 2 * i);
    }
    l->command_seq = seq;
    l->ticks_since_command = 0;
    l->safe = 0;
    if (l->watchdog_tripped) {
        l->watchdog_tripped = 0;
        send_fault(l, NR_FAULT_WATCHDOG, 0, 0);
    }
    if (l->config_flags & NR_CONFIG_LOCKSTEP) {
        step(l);
    }
}

static void on_ping(nr_link_t *l, const uint8_t *p) {
    uint8_t q[NR_PONG_LEN];
    memcpy(q, p, 4);
    nr_put_u32(q + 4, nr_board_micros());
    nr_put_u16(q + 8, l->rx_rejected);
    nr_put_u16(q + 10, l->rx_lost);
    send(l, NR_PONG, q, sizeof q);
}

/* Sequence check (PROTOCOL.md): returns 0 when the frame is older than the newest accepted one. */
static uint8_t in_order(nr_link_t *l, uint16_t seq) {
    if (l->rx_synced) {
        uint16_t d = (uint16_t)(seq - l->rx_expected);
        if (d >= 0x8000u) {
            return 0;
        }
        l->rx_lost = (uint16_t)(l->rx_lost + d);
    }
    l->rx_synced = 1;
    l->rx_expected = (uint16_t)(seq + 1);
    return 1;
}

static uint8_t expected_len(uint8_t type, uint8_t actuators) {
    switch (type) {
    case NR_HELLO: return NR_HELLO_LEN;
    case NR_CONFIG: return NR_CONFIG_LEN;
    case NR_COMMAND: return (uint8_t)(2 * actuators);
    case NR_RESET: return NR_RESET_LEN;
    case NR_PING: return NR_PING_LEN;
    case NR_SAFE: return 0;
    default: return 0xff;
    }
}

static void on_frame(nr_link_t *l, const uint8_t *f) {
    const nr_plant_desc_t *d = nr_plant_describe();
    uint8_t type = f[NR_OFF_TYPE];
    uint8_t len = f[NR_OFF_LEN];
    uint16_t seq = nr_get_u16(f + NR_OFF_SEQ);
    const uint8_t *p = f + NR_OFF_PAYLOAD;
    uint8_t want = expected_len(type, d->actuators);
    if (want == 0xff) {
        reject(l, NR_REJECT_UNKNOWN_TYPE);
        return;
    }
    if (len != want) {
        reject(l, NR_REJECT_LENGTH);
        return;
    }
    if (type == NR_HELLO) {
        l->rx_synced = 0; /* the greeting restarts the host's numbering */
        in_order(l, seq);
        greet(l, p[0], 0);
        return;
    }
    if (!l->greeted) {
        return; /* nothing but HELLO before a session */
    }
    if (!in_order(l, seq)) {
        reject(l, NR_REJECT_OUT_OF_ORDER);
        return;
    }
    switch (type) {
    case NR_CONFIG:
        on_config(l, seq, p);
        break;
    case NR_COMMAND:
        on_command(l, seq, p, d->actuators);
        break;
    case NR_RESET: {
        float s[4];
        for (uint8_t i = 0; i < 4; i++) {
            s[i] = nr_get_f32(p + 4 * i);
        }
        uint8_t result = nr_plant_reset(s);
        send_ack(l, NR_RESET, seq, result);
        if (result == NR_ACK_OK && (l->config_flags & NR_CONFIG_LOCKSTEP)) {
            step(l); /* applies the reset without a physics step and sends its state */
        }
        break;
    }
    case NR_PING:
        on_ping(l, p);
        break;
    case NR_SAFE:
        l->safe = 1;
        nr_plant_safe_now();
        break;
    default:
        break;
    }
}

void nr_link_on_byte(nr_link_t *l, uint8_t byte) {
    int r = nr_rx_push(&l->rx, byte, l->frame);
    if (r > 0) {
        on_frame(l, l->frame);
    } else if (r == NR_RX_V1_HELLO) {
        /* A version 2 host sends one carrying its own version beside each HELLO, for a version 1
         * device to answer: nothing for us to do. A version 1 host greets with one carrying 1. */
        if (l->frame[NR_OFF_PAYLOAD] == NR_V1_VERSION) {
            greet(l, NR_V1_VERSION, 1);
        }
    } else if (r < 0) {
        reject(l, (uint8_t)-r);
    }
}

void nr_link_report(nr_link_t *l, uint8_t fault_code, uint16_t detail) {
    if (l->greeted) {
        send_fault(l, fault_code, 1, detail);
    }
}

static void send_state(nr_link_t *l, uint8_t flags) {
    const nr_plant_desc_t *d = nr_plant_describe();
    uint8_t p[NR_MAX_PAYLOAD];
    int16_t outputs[NR_MAX_ACTUATORS];
    int32_t counts[NR_MAX_SENSORS];
    float truth[NR_MAX_SENSORS];
    if (l->safe) {
        flags |= NR_STATE_SAFE;
    }
    if (l->watchdog_tripped) {
        flags |= NR_STATE_WATCHDOG;
    }
    uint8_t has_truth = nr_plant_truth(truth);
    uint8_t n = NR_STATE_FIXED_LEN;
    if (has_truth && n + 2 * d->actuators + 8 * d->sensors <= NR_MAX_PAYLOAD) {
        flags |= NR_STATE_TRUTH;
    }
    nr_put_u32(p, l->tick_count * l->tick_us);
    nr_put_u16(p + 4, l->command_seq);
    p[6] = flags;
    p[7] = l->episode;
    nr_plant_outputs(outputs);
    for (uint8_t i = 0; i < d->actuators; i++, n += 2) {
        nr_put_u16(p + n, (uint16_t)outputs[i]);
    }
    nr_plant_sensors(counts);
    for (uint8_t i = 0; i < d->sensors; i++, n += 4) {
        nr_put_u32(p + n, (uint32_t)counts[i]);
    }
    if (flags & NR_STATE_TRUTH) {
        for (uint8_t i = 0; i < d->sensors; i++, n += 4) {
            nr_put_f32(p + n, truth[i]);
        }
    }
    send(l, NR_STATE, p, n);
}

/* The command watchdog, counted in timer ticks whether or not the plant steps at them. */
static void watch(nr_link_t *l) {
    if (l->greeted && !l->watchdog_tripped && l->ticks_since_command < 0xffffu
            && ++l->ticks_since_command >= l->watchdog_ticks) {
        l->watchdog_tripped = 1;
        l->safe = 1;
        nr_plant_safe_now();
        uint32_t ms = (uint32_t)l->ticks_since_command * l->tick_us / 1000u;
        send_fault(l, NR_FAULT_WATCHDOG, 1, (uint16_t)(ms > 0xffffu ? 0xffffu : ms));
    }
}

/* One plant step and its state: at every timer tick in real time, at every COMMAND (and RESET) in lockstep. */
static void step(nr_link_t *l) {
    l->tick_count++; /* the plant's clock: STATE.time_us */
    nr_plant_tick(l->safe ? 0 : l->command, (l->config_flags & NR_CONFIG_ACTUATOR_DELAY) != 0);
    uint8_t flags = nr_plant_flags();
    if (flags & NR_STATE_RESET_APPLIED) {
        l->episode++;
        l->sticky_flags |= NR_STATE_RESET_APPLIED; /* reported even when this tick sends no state */
    }
    uint8_t limit = nr_plant_limit();
    if (limit != l->limit_reported && l->greeted) {
        send_fault(l, NR_FAULT_LIMIT, limit ? 1 : 0, limit);
    }
    l->limit_reported = limit;
    if (l->greeted && ++l->divider_count >= l->state_divider) {
        l->divider_count = 0;
        send_state(l, (uint8_t)((flags & NR_STATE_TERMINATED) | l->sticky_flags));
        l->sticky_flags = 0;
    }
}

void nr_link_on_tick(nr_link_t *l) {
    watch(l);
    if (!(l->config_flags & NR_CONFIG_LOCKSTEP)) {
        step(l);
    }
}
