/*
 * What the link needs from the thing the firmware controls: the emulated cart-pole (cartpole.c) or a
 * real rig (rig.c). One of them is linked into each build.
 */
#ifndef NR_PLANT_H
#define NR_PLANT_H
#include <stdint.h>
#include "protocol.h"

typedef struct {
    const char *name;            /* at most NR_NAME_LEN characters */
    uint8_t version[3];          /* firmware major, minor, patch */
    uint16_t capabilities;       /* NR_CAP_* */
    uint8_t sensors;
    uint8_t actuators;
    const float *sensor_scale;   /* SI unit per count */
    const float *actuator_scale; /* SI unit at full scale */
} nr_plant_desc_t;

const nr_plant_desc_t *nr_plant_describe(void);

void nr_plant_init(void);

/*
 * One tick. command is the newest accepted command in Q15, or NULL for the safe state (no command
 * yet, SAFE, watchdog): actuators at rest at once, whatever the delay line holds.
 */
void nr_plant_tick(const int16_t *command, uint8_t actuator_delay);

/* Actuators to their safe value now, between ticks. */
void nr_plant_safe_now(void);

/* Starts an episode from state (x, x_dot, theta, theta_dot) at the next tick; returns an NR_ACK_* result. */
uint8_t nr_plant_reset(const float state[4]);

/* After a tick: NR_STATE_TERMINATED, NR_STATE_RESET_APPLIED. */
uint8_t nr_plant_flags(void);

/* After a tick: nonzero while a travel limit holds the actuators (rig). */
uint8_t nr_plant_limit(void);

void nr_plant_sensors(int32_t *counts);

/* Copies the true state and returns 1, or returns 0 when the plant has none to give (a rig). */
uint8_t nr_plant_truth(float *state);

/* The outputs applied during the last tick (signed PWM duty). */
void nr_plant_outputs(int16_t *outputs);

/*
 * The four sensor channels both plants report from two encoders: positions in counts, velocities as the
 * count difference over the last tick, in counts per second (the same scale as the position).
 */
static inline void nr_encoder_channels(int32_t *c, int32_t x, int32_t x_prev, int32_t theta, int32_t theta_prev,
        int32_t ticks_per_second) {
    c[0] = x;
    c[1] = (x - x_prev) * ticks_per_second;
    c[2] = theta;
    c[3] = (theta - theta_prev) * ticks_per_second;
}

/* Q15 command -> signed 8-bit PWM duty, -255..255, rounded to nearest: the resolution of the H-bridge. */
static inline int16_t nr_duty_from_q15(int16_t q) {
    int32_t m = q < 0 ? -(int32_t)q : q;
    if (m > 32767) {
        m = 32767; /* -32768 counts as -32767 */
    }
    int16_t duty = (int16_t)((m * 255 + 16383) / 32767);
    return q < 0 ? (int16_t)-duty : duty;
}

#endif
