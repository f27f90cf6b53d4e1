/* What the link needs from the board: a transmit queue and a clock. board_uno.c on the MCU, a fake in tests. */
#ifndef NR_BOARD_H
#define NR_BOARD_H
#include <stdint.h>

/* Queues bytes for transmission; returns 0 (and queues nothing) when they do not fit. */
uint8_t nr_board_send(const uint8_t *bytes, uint8_t n);

/* Microseconds since boot, wrapping. */
uint32_t nr_board_micros(void);

/* For the main loop (board_uno.c); the link does not use these. */
void nr_board_init(void);
/* The next received byte, or -1 when none is waiting. */
int16_t nr_board_receive(void);
/* Bytes dropped because the receive buffer was full, since the last call. */
uint16_t nr_board_take_rx_overruns(void);
/* Timer ticks elapsed since the last call. */
uint8_t nr_board_take_ticks(void);
/* The AVR's MCUSR as it was at reset (bit 3: the hardware watchdog). */
uint8_t nr_board_reset_cause(void);
/* Restarts the hardware watchdog's count (a no-op when built without it). */
void nr_board_feed_watchdog(void);
#endif
