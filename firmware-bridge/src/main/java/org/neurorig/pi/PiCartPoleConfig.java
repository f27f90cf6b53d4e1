package org.neurorig.pi;

import java.util.HashMap;
import java.util.Map;

/**
 * How a Raspberry Pi cart-pole rig is wired and calibrated. Pins are BCM GPIO numbers.
 *
 * @param pwmChannel          hardware PWM channel (sysfs pwmchip0/pwmN; channel 0 is GPIO 18 with
 *                            {@code dtoverlay=pwm-2chan} in config.txt)
 * @param pwmFrequencyHz      PWM frequency, Hz (20 kHz is above hearing and suits most H-bridges)
 * @param directionPin        GPIO to the H-bridge's direction input (high: push towards +x)
 * @param enablePin           GPIO to the H-bridge's enable input (high: bridge on)
 * @param encoderPinA         GPIO of the cart encoder's channel A
 * @param encoderPinB         GPIO of the cart encoder's channel B
 * @param encoderCountsPerRev cart encoder counts per revolution after quadrature decoding (4 x its lines)
 * @param cartTravelPerRev    cart travel per revolution of the encoder's shaft, m
 * @param i2cBus              I2C bus of the AS5600 (1 on a Raspberry Pi's header: /dev/i2c-1)
 * @param as5600Address       the AS5600's I2C address (0x36; it has no other)
 * @param poleZeroRaw         the AS5600's raw angle (0 to 4095) with the pole upright
 * @param poleReversed        whether the AS5600 counts up as theta goes down (it counts clockwise
 *                            seen from the chip's face; mount-dependent)
 * @param forceAtFullDuty     force on the cart at 100% duty, N (calibrated on the rig)
 * @param maxForce            commands are limited to +-this, N (the rig's actuator limit)
 * @param watchdogNanos       while active, no command for this long stops the motor (latched)
 * @param velocityWindowNanos velocities are position differences over about this long
 */
public record PiCartPoleConfig(int pwmChannel, int pwmFrequencyHz, int directionPin, int enablePin,
        int encoderPinA, int encoderPinB, int encoderCountsPerRev, double cartTravelPerRev, int i2cBus,
        int as5600Address, int poleZeroRaw, boolean poleReversed, double forceAtFullDuty, double maxForce,
        long watchdogNanos, long velocityWindowNanos) {

    public PiCartPoleConfig {
        range("pi.pwm_channel", pwmChannel, 0, 1);
        range("pi.pwm_frequency_hz", pwmFrequencyHz, 1, 1_000_000);
        Map<Integer, String> pins = new HashMap<>();
        pins.put(18 + pwmChannel, "the GPIO of pi.pwm_channel " + pwmChannel); // PWM0 on GPIO 18, PWM1 on GPIO 19
        pin(pins, "pi.direction_pin", directionPin);
        pin(pins, "pi.enable_pin", enablePin);
        pin(pins, "pi.encoder_pin_a", encoderPinA);
        pin(pins, "pi.encoder_pin_b", encoderPinB);
        range("pi.encoder_counts_per_rev", encoderCountsPerRev, 4, 1 << 24);
        positive("pi.cart_travel_per_rev", cartTravelPerRev);
        range("pi.i2c_bus", i2cBus, 0, 31);
        range("pi.as5600_address", as5600Address, 0x03, 0x77);
        range("pi.pole_zero_raw", poleZeroRaw, 0, 4095);
        positive("pi.force_at_full_duty", forceAtFullDuty);
        positive("pi.max_force", maxForce);
        if (maxForce > forceAtFullDuty) {
            throw new IllegalArgumentException("pi.max_force = " + maxForce + " N is more than the motor gives at full duty ("
                    + forceAtFullDuty + " N): lower max_force or recalibrate force_at_full_duty");
        }
        if (watchdogNanos <= 0 || velocityWindowNanos <= 0) {
            throw new IllegalArgumentException("pi.watchdog and pi.velocity_window must be > 0 ns: got "
                    + watchdogNanos + " and " + velocityWindowNanos);
        }
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected " + min + " to " + max);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected a finite number > 0");
        }
    }

    /** BCM 0 to 27 are the header's GPIOs; the PWM channel's own GPIO is taken too. */
    private static void pin(Map<Integer, String> used, String name, int pin) {
        range(name, pin, 0, 27);
        String other = used.putIfAbsent(pin, name);
        if (other != null) {
            throw new IllegalArgumentException(name + " = " + pin + " is already " + other + ": every pin needs its own GPIO");
        }
    }

    /**
     * The reference wiring (README, "Raspberry Pi devices"): PWM0 on GPIO 18 at 20 kHz, direction GPIO 23,
     * enable GPIO 24, encoder A/B on GPIO 17/27 (600 lines, 2400 counts, 40 mm per turn), AS5600 on
     * I2C bus 1, upright at raw 2048, 10 N at full duty and limited to 10 N, watchdog 100 ms,
     * velocities over 10 ms.
     */
    public static PiCartPoleConfig reference() {
        return new PiCartPoleConfig(0, 20_000, 23, 24, 17, 27, 2400, 0.04, 1, 0x36, 2048, false, 10.0, 10.0,
                100_000_000L, 10_000_000L);
    }
}
