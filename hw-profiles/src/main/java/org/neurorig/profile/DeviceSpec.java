package org.neurorig.profile;

import org.neurorig.plant.nonideal.NonIdealities;

/** What the rig's device is and how to reach it. */
public sealed interface DeviceSpec {

    /** A short description for listings, e.g. {@code serial /dev/ttyACM0 @ 115200}. */
    String summary();

    /**
     * A plant simulated in this process.
     *
     * @param plant         which plant: {@code cartpole} (Gymnasium's, bang-bang) or {@code cartpole-continuous}
     * @param nonIdealities the hardware effects simulated on top of the ideal plant ({@code [nonideal]})
     * @param seed          seeds the simulated sensor noise and tick jitter
     */
    record Simulated(String plant, NonIdealities nonIdealities, long seed) implements DeviceSpec {

        /** The ideal plant. */
        public Simulated(String plant) {
            this(plant, NonIdealities.none(), 1);
        }

        @Override
        public String summary() {
            return "simulated " + plant + (nonIdealities.isIdeal() ? "" : " with non-idealities");
        }
    }

    /**
     * The reference firmware on a microcontroller over a serial port.
     *
     * @param port     the serial port's path, e.g. {@code /dev/ttyACM0}; empty when {@code emulated}
     * @param baud     the line rate
     * @param emulated start QEMU's emulated Arduino Uno and use its pseudo-terminal instead of a port
     */
    record Serial(String port, int baud, boolean emulated) implements DeviceSpec {
        @Override
        public String summary() {
            return (emulated ? "emulated Uno" : "serial " + port) + " @ " + baud + " baud";
        }
    }

    /**
     * A Raspberry Pi driving an H-bridge and reading a quadrature encoder and an AS5600 over I2C. Pins
     * are BCM GPIO numbers.
     *
     * @param pwmPin            hardware PWM pin of the H-bridge's speed input: 18 (channel 0) or 19 (channel 1)
     * @param pwmFrequencyHz    PWM frequency
     * @param directionPin      the H-bridge's direction input
     * @param enablePin         the H-bridge's enable input
     * @param forceAtFullDuty   the force on the cart at 100% duty, N (calibrated on the rig)
     * @param encoderAPin       the cart encoder's channel A
     * @param encoderBPin       the cart encoder's channel B
     * @param countsPerRev      cart encoder counts per revolution, all four edges (4 x its lines)
     * @param travelPerRev      cart travel per revolution of the encoder's shaft, m
     * @param i2cBus            the I2C bus of the AS5600
     * @param i2cAddress        the AS5600's address (0x36)
     * @param angleZeroCounts   the AS5600 reading (0..4095) when the pole is upright
     * @param angleReversed     whether the AS5600 counts up as theta goes down (mount-dependent)
     * @param velocityWindowMs  velocities are position differences over about this long
     * @param ioPeriodMicros    the I/O thread's period (PWM, pins and sensors are serviced at this rate)
     */
    record RaspberryPi(int pwmPin, int pwmFrequencyHz, int directionPin, int enablePin, double forceAtFullDuty,
            int encoderAPin, int encoderBPin, int countsPerRev, double travelPerRev, int i2cBus, int i2cAddress,
            int angleZeroCounts, boolean angleReversed, double velocityWindowMs, int ioPeriodMicros) implements DeviceSpec {
        @Override
        public String summary() {
            return "Raspberry Pi: PWM GPIO " + pwmPin + ", encoder GPIO " + encoderAPin + "/" + encoderBPin
                    + ", AS5600 on i2c-" + i2cBus + " @ 0x" + Integer.toHexString(i2cAddress);
        }
    }
}
