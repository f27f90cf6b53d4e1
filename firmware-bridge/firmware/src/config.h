/* Build-time settings; the Makefile passes overrides with -D. */
#ifndef NR_CONFIG_H
#define NR_CONFIG_H

/* The fixed tick of Timer1, in microseconds: Gymnasium's CartPole-v1 step (tau = 0.02 s) by default. */
#ifndef NR_TICK_US
#define NR_TICK_US 20000UL
#endif

#if (1000000UL % NR_TICK_US) != 0
#error "NR_TICK_US must divide one second: velocities are counts per tick times ticks per second"
#endif
#define NR_TICKS_PER_SECOND (1000000UL / NR_TICK_US)

#define NR_FIRMWARE_MAJOR 1
#define NR_FIRMWARE_MINOR 0
#define NR_FIRMWARE_PATCH 0

#endif
