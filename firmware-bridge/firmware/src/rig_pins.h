/*
 * The real rig's pin map and calibration, in one place (Arduino Uno pin names in the comments).
 *
 *   D0/D1  (PD0/PD1)  USART to the USB-serial chip: the host link
 *   D2     (PD2)      left travel limit switch, to GND when hit (internal pull-up)
 *   D3     (PD3)      right travel limit switch, to GND when hit (internal pull-up)
 *   D6     (PD6/OC0A) H-bridge PWM, 62.5 kHz, 8-bit duty
 *   D7     (PD7)      H-bridge direction: high pushes the cart towards +x
 *   D8/D9  (PB0/PB1)  cart encoder channels A/B (pin-change interrupt PCINT0/1)
 *   A0/A1  (PC0/PC1)  pole encoder channels A/B (pin-change interrupt PCINT8/9)
 *   D13    (PB5)      on-board LED: lit while the actuator is live (not in the safe state)
 */
#ifndef NR_RIG_PINS_H
#define NR_RIG_PINS_H

#define RIG_PWM_DDR DDRD
#define RIG_PWM_PORT PORTD
#define RIG_PWM_BIT PD6
#define RIG_DIR_DDR DDRD
#define RIG_DIR_PORT PORTD
#define RIG_DIR_BIT PD7

#define RIG_LIMIT_PORT PORTD
#define RIG_LIMIT_PIN PIND
#define RIG_LIMIT_LEFT_BIT PD2
#define RIG_LIMIT_RIGHT_BIT PD3

#define RIG_CART_PORT PORTB
#define RIG_CART_PIN PINB
#define RIG_CART_A_BIT PB0
#define RIG_CART_B_BIT PB1
#define RIG_CART_PCMSK PCMSK0
#define RIG_CART_PCIE PCIE0
#define RIG_CART_VECT PCINT0_vect

#define RIG_POLE_PORT PORTC
#define RIG_POLE_PIN PINC
#define RIG_POLE_A_BIT PC0
#define RIG_POLE_B_BIT PC1
#define RIG_POLE_PCMSK PCMSK1
#define RIG_POLE_PCIE PCIE1
#define RIG_POLE_VECT PCINT1_vect

#define RIG_LED_DDR DDRB
#define RIG_LED_PORT PORTB
#define RIG_LED_BIT PB5

/* Calibration: change these to your rig's, then rebuild (make MODE=rig). */
#ifndef RIG_X_METERS_PER_COUNT
#define RIG_X_METERS_PER_COUNT 1e-4f /* e.g. 2400 counts per turn on a 20-tooth GT2 pulley: 1.667e-5 */
#endif
#ifndef RIG_THETA_RAD_PER_COUNT
#define RIG_THETA_RAD_PER_COUNT (2.0f * 3.14159265358979f / 2400.0f) /* 600-line encoder, x4 decoding */
#endif
#ifndef RIG_FULL_SCALE
#define RIG_FULL_SCALE 1.0f /* the actuator's unit at full duty: 1.0 = duty fraction; measure the force to get newtons */
#endif
#ifndef RIG_X_SOFT_LIMIT_M
#define RIG_X_SOFT_LIMIT_M 0.4f /* beyond this the cart may only be driven back towards the centre */
#endif
#ifndef RIG_THETA_TERMINAL_RAD
#define RIG_THETA_TERMINAL_RAD (12.0f * 2.0f * 3.14159265358979f / 360.0f)
#endif

#endif
