#include "crc32c.h"
#include "progmem.h"

/*
 * Four bits at a time from a 16-entry table in flash: 64 bytes of flash and no RAM (a 256-entry table
 * would take 1 KiB of flash for about twice the speed). Portable C, so the host tests run the code that
 * is flashed. Entry i is the register after shifting the nibble i out: the reflected polynomial
 * applied four times.
 */
static const uint32_t NIBBLE_TABLE[16] PROGMEM = {
    0x00000000ul, 0x105ec76ful, 0x20bd8edeul, 0x30e349b1ul, 0x417b1dbcul, 0x5125dad3ul, 0x61c69362ul, 0x7198540dul,
    0x82f63b78ul, 0x92a8fc17ul, 0xa24bb5a6ul, 0xb21572c9ul, 0xc38d26c4ul, 0xd3d3e1abul, 0xe330a81aul, 0xf36e6f75ul,
};

uint32_t nr_crc32c_update(uint32_t crc, uint8_t byte) {
    crc ^= byte;
    crc = (crc >> 4) ^ pgm_read_dword(&NIBBLE_TABLE[crc & 0x0f]);
    crc = (crc >> 4) ^ pgm_read_dword(&NIBBLE_TABLE[crc & 0x0f]);
    return crc;
}

uint32_t nr_crc32c(const uint8_t *data, size_t len) {
    uint32_t crc = NR_CRC32C_INIT;
    for (size_t i = 0; i < len; i++) {
        crc = nr_crc32c_update(crc, data[i]);
    }
    return crc ^ 0xFFFFFFFFul;
}
