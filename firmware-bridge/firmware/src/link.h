/*
 * The device's end of the protocol, independent of the hardware: greets, answers, streams states,
 * runs the command watchdog. The main loop feeds it received bytes and ticks; it talks to the plant
 * (plant.h) and sends through the board (board.h). Host-compiled tests drive it with fakes.
 */
#ifndef NR_LINK_H
#define NR_LINK_H
#include <stdint.h>
#include "frame.h"

typedef struct {
    /* session */
    uint8_t greeted;          /* a HELLO of our version came: states stream */
    uint16_t tx_seq;
    uint16_t rx_expected;
    uint8_t rx_synced;
    /* configuration */
    uint16_t watchdog_ms;
    uint16_t watchdog_ticks;
    uint8_t state_divider;
    uint8_t config_flags;
    uint32_t tick_us;
    /* command and watchdog */
    int16_t command[NR_MAX_ACTUATORS];
    uint16_t command_seq;
    uint8_t safe;
    uint8_t watchdog_tripped;
    uint16_t ticks_since_command;
    uint8_t limit_reported;
    /* ticks */
    uint32_t tick_count;
    uint8_t divider_count;
    uint8_t episode;
    uint8_t sticky_flags;
    /* boot */
    uint8_t reset_cause;
    uint8_t reset_cause_reported;
    /* counters, reported in PONG */
    uint16_t rx_rejected;                         /* all reasons */
    uint16_t rx_rejected_by[NR_REJECT_REASONS];   /* indexed by NR_REJECT_* */
    uint16_t rx_lost;
    uint16_t tx_dropped;
    nr_rx_t rx;
    uint8_t frame[NR_MAX_FRAME];
} nr_link_t;

void nr_link_init(nr_link_t *link, uint32_t tick_us, uint8_t reset_cause);

/* One received byte. */
void nr_link_on_byte(nr_link_t *link, uint8_t byte);

/*
 * One tick of the fixed-rate timer: the command watchdog, then in real time the plant's step and its
 * state frame. In lockstep (CONFIG flag LOCKSTEP) the plant steps at each COMMAND instead.
 */
void nr_link_on_tick(nr_link_t *link);

/* The board lost received bytes (its buffer was full) or missed ticks: reported as FAULT frames. */
void nr_link_report(nr_link_t *link, uint8_t fault_code, uint16_t detail);

#endif
