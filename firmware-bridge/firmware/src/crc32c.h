#ifndef NR_CRC32C_H
#define NR_CRC32C_H
#include <stdint.h>
#include <stddef.h>

#define NR_CRC32C_INIT 0xFFFFFFFFul

/*
 * CRC-32C (Castagnoli): polynomial 0x1EDC6F41, reflected (0x82F63B78), initial value and final XOR
 * 0xFFFFFFFF. nr_crc32c("123456789") = 0xE3069283. The frame check of protocol version 2.
 */
uint32_t nr_crc32c_update(uint32_t crc, uint8_t byte); /* no final XOR: start at NR_CRC32C_INIT */
uint32_t nr_crc32c(const uint8_t *data, size_t len);

#endif
