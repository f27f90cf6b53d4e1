/*
 * The real rig: an H-bridge driven by PWM and a direction pin, a quadrature encoder on the cart and
 * one on the pole, both decoded in pin-change interrupts, and two travel limit switches. Pins and
 * calibration: rig_pins.h.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>
#include "config.h"
#include "plant.h"
#include "rig_pins.h"

static const float SENSOR_SCALE[4] = {RIG_X_METERS_PER_COUNT, RIG_X_METERS_PER_COUNT, RIG_THETA_RAD_PER_COUNT,
        RIG_THETA_RAD_PER_COUNT};
static const float ACTUATOR_SCALE[1] = {RIG_FULL_SCALE};

static const nr_plant_desc_t DESCRIPTION = {
    "cartpole-rig",
    {NR_FIRMWARE_MAJOR, NR_FIRMWARE_MINOR, NR_FIRMWARE_PATCH},
    NR_CAP_RIG | NR_CAP_HW_WATCHDOG,
    4,
    1,
    SENSOR_SCALE,
    ACTUATOR_SCALE,
};

/* (old state << 2 | new state) -> step; a state is (A << 1 | B). Both bits changing is a missed edge: 0. */
static const int8_t QUADRATURE[16] = {0, 1, -1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 0, -1, 1, 0};

static volatile int32_t cart_count, pole_count;
static volatile uint8_t cart_state, pole_state;
static volatile uint16_t missed_edges;

static int32_t x_count, x_prev, theta_count, theta_prev;
static int16_t output;
static uint8_t limit, terminated, reset_pending, reset_applied;
static int32_t reset_x, reset_theta;

const nr_plant_desc_t *nr_plant_describe(void) {
    return &DESCRIPTION;
}

static inline uint8_t cart_pins(void) {
    uint8_t p = RIG_CART_PIN;
    return (uint8_t)((((p >> RIG_CART_A_BIT) & 1) << 1) | ((p >> RIG_CART_B_BIT) & 1));
}

static inline uint8_t pole_pins(void) {
    uint8_t p = RIG_POLE_PIN;
    return (uint8_t)((((p >> RIG_POLE_A_BIT) & 1) << 1) | ((p >> RIG_POLE_B_BIT) & 1));
}

ISR(RIG_CART_VECT) {
    uint8_t s = cart_pins();
    uint8_t i = (uint8_t)((cart_state << 2) | s);
    cart_count += QUADRATURE[i];
    if (s != cart_state && QUADRATURE[i] == 0) {
        missed_edges++;
    }
    cart_state = s;
}

ISR(RIG_POLE_VECT) {
    uint8_t s = pole_pins();
    uint8_t i = (uint8_t)((pole_state << 2) | s);
    pole_count += QUADRATURE[i];
    if (s != pole_state && QUADRATURE[i] == 0) {
        missed_edges++;
    }
    pole_state = s;
}

static void drive(int16_t duty) {
    output = duty;
    if (duty == 0) {
        TCCR0A &= (uint8_t)~_BV(COM0A1); /* disconnect: fast PWM at OCR0A = 0 still emits a one-cycle pulse */
        RIG_PWM_PORT &= (uint8_t)~_BV(RIG_PWM_BIT);
        RIG_LED_PORT &= (uint8_t)~_BV(RIG_LED_BIT);
        return;
    }
    if (duty > 0) {
        RIG_DIR_PORT |= _BV(RIG_DIR_BIT);
    } else {
        RIG_DIR_PORT &= (uint8_t)~_BV(RIG_DIR_BIT);
    }
    OCR0A = (uint8_t)(duty > 0 ? duty : -duty);
    TCCR0A |= _BV(COM0A1);
    RIG_LED_PORT |= _BV(RIG_LED_BIT);
}

void nr_plant_init(void) {
    RIG_PWM_DDR |= _BV(RIG_PWM_BIT);
    RIG_DIR_DDR |= _BV(RIG_DIR_BIT);
    RIG_LED_DDR |= _BV(RIG_LED_BIT);
    RIG_LIMIT_PORT |= _BV(RIG_LIMIT_LEFT_BIT) | _BV(RIG_LIMIT_RIGHT_BIT);
    RIG_CART_PORT |= _BV(RIG_CART_A_BIT) | _BV(RIG_CART_B_BIT);
    RIG_POLE_PORT |= _BV(RIG_POLE_A_BIT) | _BV(RIG_POLE_B_BIT);
    TCCR0A = _BV(WGM01) | _BV(WGM00); /* fast PWM, OC0A disconnected until a duty is set */
    TCCR0B = _BV(CS00);               /* no prescaler: 16 MHz / 256 = 62.5 kHz, above hearing */
    drive(0);
    cart_state = cart_pins();
    pole_state = pole_pins();
    RIG_CART_PCMSK |= _BV(RIG_CART_A_BIT) | _BV(RIG_CART_B_BIT);
    RIG_POLE_PCMSK |= _BV(RIG_POLE_A_BIT) | _BV(RIG_POLE_B_BIT);
    PCICR |= _BV(RIG_CART_PCIE) | _BV(RIG_POLE_PCIE);
}

void nr_plant_safe_now(void) {
    drive(0);
}

static int32_t counts(float v, float scale) {
    float c = v / scale;
    return (int32_t)(c >= 0 ? c + 0.5f : c - 0.5f);
}

uint8_t nr_plant_reset(const float state[4]) {
    /* A rig cannot be put into a state; it can be told where it is (calibration) while at rest. */
    if (state[1] != 0.0f || state[3] != 0.0f) {
        return NR_ACK_BAD_VALUE;
    }
    reset_x = counts(state[0], RIG_X_METERS_PER_COUNT);
    reset_theta = counts(state[2], RIG_THETA_RAD_PER_COUNT);
    reset_pending = 1;
    return NR_ACK_OK;
}

void nr_plant_tick(const int16_t *command, uint8_t actuator_delay) {
    (void)actuator_delay; /* a real rig has its own */
    reset_applied = 0;
    if (reset_pending) {
        ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
            cart_count = reset_x;
            pole_count = reset_theta;
        }
        x_count = x_prev = reset_x;
        theta_count = theta_prev = reset_theta;
        reset_pending = 0;
        reset_applied = 1;
    }
    x_prev = x_count;
    theta_prev = theta_count;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        x_count = cart_count;
        theta_count = pole_count;
    }
    int32_t soft = counts(RIG_X_SOFT_LIMIT_M, RIG_X_METERS_PER_COUNT);
    uint8_t pins = RIG_LIMIT_PIN;
    limit = 0;
    if (!(pins & _BV(RIG_LIMIT_LEFT_BIT)) || x_count < -soft) {
        limit |= 1;
    }
    if (!(pins & _BV(RIG_LIMIT_RIGHT_BIT)) || x_count > soft) {
        limit |= 2;
    }
    int16_t duty = command == 0 ? 0 : nr_duty_from_q15(command[0]);
    if (((limit & 1) && duty < 0) || ((limit & 2) && duty > 0)) {
        duty = 0; /* only away from a limit */
    }
    drive(duty);
    int32_t terminal = counts(RIG_THETA_TERMINAL_RAD, RIG_THETA_RAD_PER_COUNT);
    terminated = limit != 0 || theta_count > terminal || theta_count < -terminal;
}

uint8_t nr_plant_flags(void) {
    return (uint8_t)((terminated ? NR_STATE_TERMINATED : 0) | (reset_applied ? NR_STATE_RESET_APPLIED : 0));
}

uint8_t nr_plant_limit(void) {
    return limit;
}

void nr_plant_sensors(int32_t *c) {
    nr_encoder_channels(c, x_count, x_prev, theta_count, theta_prev, (int32_t)NR_TICKS_PER_SECOND);
}

uint8_t nr_plant_truth(float *s) {
    (void)s;
    return 0;
}

void nr_plant_outputs(int16_t *o) {
    o[0] = output;
}
