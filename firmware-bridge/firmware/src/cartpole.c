/*
 * The emulated plant: Gymnasium's CartPole-v1 integrated in float32 at the Timer1 tick, seen through
 * what a real rig would have in its way: an 8-bit PWM command, quadrature encoder counts, velocities
 * from count differences, and one tick of actuator delay (a command latched at tick k drives the step
 * after tick k+1). A hardware twin for tests and for users without a rig.
 */
#include <math.h>
#include "config.h"
#include "plant.h"

#define GRAVITY 9.8f
#define MASS_CART 1.0f
#define MASS_POLE 0.1f
#define TOTAL_MASS (MASS_POLE + MASS_CART)
#define HALF_LENGTH 0.5f
#define POLE_MASS_LENGTH (MASS_POLE * HALF_LENGTH)
#define FORCE_MAG 10.0f
#define DT ((float)NR_TICK_US / 1e6f)
#define X_THRESHOLD 2.4f
#define THETA_THRESHOLD (12.0f * 2.0f * 3.14159265358979f / 360.0f)

/* Encoders: a linear strip at 0.1 mm per count, a 600-line (2400 counts per turn) rotary on the pole. */
#define X_SCALE 1e-4f
#define THETA_SCALE (2.0f * 3.14159265358979f / 2400.0f)

static const float SENSOR_SCALE[4] = {X_SCALE, X_SCALE, THETA_SCALE, THETA_SCALE};
static const float ACTUATOR_SCALE[1] = {FORCE_MAG};

static const nr_plant_desc_t DESCRIPTION = {
    "cartpole-emu",
    {NR_FIRMWARE_MAJOR, NR_FIRMWARE_MINOR, NR_FIRMWARE_PATCH},
#ifdef NR_NO_HW_WATCHDOG
    NR_CAP_EMULATED_PLANT | NR_CAP_ACTUATOR_DELAY | NR_CAP_LOCKSTEP,
#else
    NR_CAP_EMULATED_PLANT | NR_CAP_ACTUATOR_DELAY | NR_CAP_LOCKSTEP | NR_CAP_HW_WATCHDOG,
#endif
    4,
    1,
    SENSOR_SCALE,
    ACTUATOR_SCALE,
};

static float x, x_dot, theta, theta_dot;
static int32_t x_count, x_prev, theta_count, theta_prev;
static int16_t delayed;  /* the command latched at the previous tick */
static int16_t output;   /* the signed duty applied during the last tick */
static uint8_t reset_pending, reset_applied;
static float reset_to[4];

const nr_plant_desc_t *nr_plant_describe(void) {
    return &DESCRIPTION;
}

static int32_t counts(float v, float scale) {
    float c = v / scale;
    return (int32_t)(c >= 0 ? c + 0.5f : c - 0.5f);
}

static void step(float force) {
    float cos_theta = cosf(theta);
    float sin_theta = sinf(theta);
    float temp = (force + POLE_MASS_LENGTH * (theta_dot * theta_dot) * sin_theta) / TOTAL_MASS;
    float theta_acc = (GRAVITY * sin_theta - cos_theta * temp)
            / (HALF_LENGTH * (4.0f / 3.0f - MASS_POLE * (cos_theta * cos_theta) / TOTAL_MASS));
    float x_acc = temp - POLE_MASS_LENGTH * theta_acc * cos_theta / TOTAL_MASS;
    x = x + DT * x_dot;
    x_dot = x_dot + DT * x_acc;
    theta = theta + DT * theta_dot;
    theta_dot = theta_dot + DT * theta_acc;
}

void nr_plant_init(void) {
    float zero[4] = {0, 0, 0, 0};
    nr_plant_reset(zero);
    nr_plant_tick(0, 0);
    reset_applied = 0;
}

void nr_plant_safe_now(void) {
    delayed = 0;
    output = 0;
}

uint8_t nr_plant_reset(const float state[4]) {
    for (uint8_t i = 0; i < 4; i++) {
        if (!isfinite(state[i])) {
            return NR_ACK_BAD_VALUE;
        }
        reset_to[i] = state[i];
    }
    reset_pending = 1;
    return NR_ACK_OK;
}

void nr_plant_tick(const int16_t *command, uint8_t actuator_delay) {
    reset_applied = 0;
    if (reset_pending) {
        reset_pending = 0;
        reset_applied = 1;
        x = reset_to[0];
        x_dot = reset_to[1];
        theta = reset_to[2];
        theta_dot = reset_to[3];
        delayed = 0;
        output = 0;
        /* seed the velocity estimate so the first reading matches the initial velocity */
        x_prev = counts(x - DT * x_dot, X_SCALE);
        theta_prev = counts(theta - DT * theta_dot, THETA_SCALE);
    } else {
        int16_t use;
        if (command == 0) {
            use = 0;
            delayed = 0;
        } else if (actuator_delay) {
            use = delayed;
            delayed = command[0];
        } else {
            use = command[0];
        }
        output = nr_duty_from_q15(use);
        step((float)output * (FORCE_MAG / 255.0f));
        x_prev = x_count;
        theta_prev = theta_count;
    }
    x_count = counts(x, X_SCALE);
    theta_count = counts(theta, THETA_SCALE);
}

uint8_t nr_plant_flags(void) {
    uint8_t f = reset_applied ? NR_STATE_RESET_APPLIED : 0;
    if (x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD) {
        f |= NR_STATE_TERMINATED;
    }
    return f;
}

uint8_t nr_plant_limit(void) {
    return 0;
}

void nr_plant_sensors(int32_t *c) {
    nr_encoder_channels(c, x_count, x_prev, theta_count, theta_prev, (int32_t)NR_TICKS_PER_SECOND);
}

uint8_t nr_plant_truth(float *s) {
    s[0] = x;
    s[1] = x_dot;
    s[2] = theta;
    s[3] = theta_dot;
    return 1;
}

void nr_plant_outputs(int16_t *o) {
    o[0] = output;
}
