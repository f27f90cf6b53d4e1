#include <avr/interrupt.h>
#include "board.h"
#include "config.h"
#include "link.h"
#include "plant.h"

static nr_link_t link;

static void receive(void) {
    int16_t b;
    while ((b = nr_board_receive()) >= 0) {
        nr_link_on_byte(&link, (uint8_t)b);
    }
    uint16_t dropped = nr_board_take_rx_overruns();
    if (dropped) {
        nr_link_report(&link, NR_FAULT_RX_OVERRUN, dropped);
    }
}

int main(void) {
    nr_board_init();
    nr_plant_init();
    nr_link_init(&link, NR_TICK_US, nr_board_reset_cause());
    sei();
    for (;;) {
        nr_board_feed_watchdog();
        receive();
        uint8_t ticks = nr_board_take_ticks();
        if (ticks > 1) {
            nr_link_report(&link, NR_FAULT_TICK_OVERRUN, (uint16_t)(ticks - 1));
        }
        /* Every elapsed tick is run, so the emulated plant keeps real time after a stall; the receive
         * buffer is drained between them, so commands sent meanwhile are not dropped. */
        for (uint8_t i = 0; i < ticks; i++) {
            nr_link_on_tick(&link);
            receive();
            nr_board_feed_watchdog();
        }
    }
}
