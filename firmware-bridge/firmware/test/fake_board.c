/* The board as the link's host tests see it: sent bytes are captured, the clock is set by the test. */
#include <string.h>
#include "board.h"
#include "fake_board.h"

uint8_t fake_sent[FAKE_SENT_MAX];
size_t fake_sent_len;
uint32_t fake_micros;
uint8_t fake_refuse_sends;

uint8_t nr_board_send(const uint8_t *bytes, uint8_t n) {
    if (fake_refuse_sends || fake_sent_len + n > FAKE_SENT_MAX) {
        return 0;
    }
    memcpy(fake_sent + fake_sent_len, bytes, n);
    fake_sent_len += n;
    return 1;
}

uint32_t nr_board_micros(void) {
    return fake_micros;
}
