#ifndef FAKE_BOARD_H
#define FAKE_BOARD_H
#include <stddef.h>
#include <stdint.h>

#define FAKE_SENT_MAX 8192
extern uint8_t fake_sent[FAKE_SENT_MAX];
extern size_t fake_sent_len;
extern uint32_t fake_micros;
extern uint8_t fake_refuse_sends;

#endif
