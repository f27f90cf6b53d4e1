#ifndef NR_CRC16_H
#define NR_CRC16_H
#include <stdint.h>
#include <stddef.h>

#define NR_CRC16_INIT 0xFFFFu

/* CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR). */
uint16_t nr_crc16_update(uint16_t crc, uint8_t byte);
uint16_t nr_crc16(const uint8_t *data, size_t len);

#endif
