/*
 * Constant tables in program memory. On the AVR, const data is copied into the 2 KiB of RAM at start
 * unless it is PROGMEM, and then it is read with pgm_read_*; on the host (the tests) the same source
 * reads a plain const array.
 */
#ifndef NR_PROGMEM_H
#define NR_PROGMEM_H
#include <stdint.h>

#ifdef __AVR__
#include <avr/pgmspace.h>
#else
#define PROGMEM
static inline uint32_t pgm_read_dword(const uint32_t *address) {
    return *address;
}
#endif

#endif
