/*
 * The ATmega328P at 16 MHz (Arduino Uno): USART0 with interrupt-driven ring buffers, Timer1 as the
 * fixed tick, the hardware watchdog.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/wdt.h>
#include <util/atomic.h>
#include "board.h"
#include "config.h"

#ifndef BAUD
#define BAUD 115200
#endif
#define BAUD_TOL 3
#include <util/setbaud.h>

#define RX_SIZE 128 /* power of two: a dozen commands, while the main loop runs a tick */
#define TX_SIZE 256 /* uint8_t indices wrap at 256 by themselves */

#define TIMER1_PRESCALE 64
#define TIMER1_US_PER_COUNT (TIMER1_PRESCALE / (F_CPU / 1000000UL)) /* 4 us at 16 MHz */
#if (NR_TICK_US / TIMER1_US_PER_COUNT) > 65536UL
#error "NR_TICK_US is too long for Timer1 at prescale 64"
#endif

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint16_t rx_overruns;
static volatile uint8_t tx_buf[TX_SIZE];
static volatile uint8_t tx_head, tx_tail;
static volatile uint8_t ticks_pending;
static volatile uint32_t ticks_total;

/*
 * MCUSR holds why the chip reset; it must be read and cleared, and the watchdog stopped, before
 * anything else runs, or a watchdog reset repeats forever (avr-libc's documented pattern).
 */
static uint8_t reset_cause __attribute__((section(".noinit")));
void nr_capture_reset_cause(void) __attribute__((naked, used, section(".init3")));
void nr_capture_reset_cause(void) {
    reset_cause = MCUSR;
    MCUSR = 0;
    wdt_disable();
}

ISR(USART_RX_vect) {
    uint8_t b = UDR0;
    uint8_t next = (uint8_t)((rx_head + 1) & (RX_SIZE - 1));
    if (next == rx_tail) {
        rx_overruns++;
        return;
    }
    rx_buf[rx_head] = b;
    rx_head = next;
}

ISR(USART_UDRE_vect) {
    if (tx_tail == tx_head) {
        UCSR0B &= (uint8_t)~_BV(UDRIE0);
        return;
    }
    UDR0 = tx_buf[tx_tail++];
}

ISR(TIMER1_COMPA_vect) {
    ticks_total++;
    if (ticks_pending < 255) {
        ticks_pending++;
    }
}

void nr_board_init(void) {
    UBRR0H = UBRRH_VALUE;
    UBRR0L = UBRRL_VALUE;
#if USE_2X
    UCSR0A = _BV(U2X0);
#else
    UCSR0A = 0;
#endif
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
    UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
    TCCR1A = 0;
    TCCR1B = _BV(WGM12) | _BV(CS11) | _BV(CS10); /* CTC on OCR1A, clock / 64 */
    OCR1A = (uint16_t)(NR_TICK_US / TIMER1_US_PER_COUNT - 1);
    TIMSK1 = _BV(OCIE1A);
#ifndef NR_NO_HW_WATCHDOG
    wdt_enable(WDTO_250MS); /* a hung main loop resets the chip; the actuators come up safe */
#endif
}

void nr_board_feed_watchdog(void) {
#ifndef NR_NO_HW_WATCHDOG
    wdt_reset();
#endif
}

uint8_t nr_board_reset_cause(void) {
    return reset_cause;
}

int16_t nr_board_receive(void) {
    if (rx_tail == rx_head) {
        return -1;
    }
    uint8_t b = rx_buf[rx_tail];
    rx_tail = (uint8_t)((rx_tail + 1) & (RX_SIZE - 1));
    return b;
}

uint16_t nr_board_take_rx_overruns(void) {
    uint16_t n;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        n = rx_overruns;
        rx_overruns = 0;
    }
    return n;
}

uint8_t nr_board_take_ticks(void) {
    uint8_t n;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        n = ticks_pending;
        ticks_pending = 0;
    }
    return n;
}

uint8_t nr_board_send(const uint8_t *bytes, uint8_t n) {
    uint8_t used = (uint8_t)(tx_head - tx_tail);
    if ((uint16_t)used + n > TX_SIZE - 1) {
        return 0;
    }
    for (uint8_t i = 0; i < n; i++) {
        tx_buf[(uint8_t)(tx_head + i)] = bytes[i];
    }
    tx_head = (uint8_t)(tx_head + n);
    UCSR0B |= _BV(UDRIE0);
    return 1;
}

uint32_t nr_board_micros(void) {
    uint32_t ticks;
    uint16_t count;
    uint8_t overflowed;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        ticks = ticks_total;
        count = TCNT1;
        overflowed = (TIFR1 & _BV(OCF1A)) != 0;
    }
    if (overflowed && count < OCR1A / 2) {
        ticks++; /* the compare matched after interrupts were disabled */
    }
    return ticks * NR_TICK_US + (uint32_t)count * TIMER1_US_PER_COUNT;
}
