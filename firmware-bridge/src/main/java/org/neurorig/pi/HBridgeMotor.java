package org.neurorig.pi;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmType;

/**
 * A DC motor on an H-bridge in sign-magnitude drive: hardware PWM sets the magnitude, a direction pin
 * the sign, an enable pin switches the bridge. Every Pi4J call allocates and some block, so this is
 * driven from the I/O agent and the lifecycle, never from the control tick.
 *
 * <p>The motor is armed by {@link #arm} and disarmed by {@link #disarmAndStop}, under one lock with
 * {@link #apply}: once {@code disarmAndStop} returns, no later {@code apply} reaches the pins until the
 * next {@code arm}. Pi4J 3.0's PWM takes whole percent of duty, so the force has 101 levels from 0 to
 * full scale (about 6.7 bits either way).
 */
final class HBridgeMotor {

    private final Pwm pwm;
    private final DigitalOutput direction;
    private final DigitalOutput enable;
    private final int frequency;
    private final double forceAtFullDuty;
    private final double maxForce;
    private boolean armed;
    private int duty; // what the pins hold: 0 is stopped
    private boolean forward = true;

    HBridgeMotor(Context context, PiCartPoleConfig c, String idPrefix) {
        this.frequency = c.pwmFrequencyHz();
        this.forceAtFullDuty = c.forceAtFullDuty();
        this.maxForce = c.maxForce();
        DigitalOutputProvider outputs = context.provider(IOType.DIGITAL_OUTPUT);
        PwmProvider pwms = context.provider(IOType.PWM);
        // Pi4J drives these shutdown states itself when its context shuts down.
        this.enable = outputs.create(DigitalOutput.newConfigBuilder(context).id(idPrefix + "enable").name("H-bridge enable")
                .address(c.enablePin()).initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        this.direction = outputs.create(DigitalOutput.newConfigBuilder(context).id(idPrefix + "direction").name("H-bridge direction")
                .address(c.directionPin()).initial(DigitalState.HIGH).shutdown(DigitalState.LOW));
        this.pwm = pwms.create(Pwm.newConfigBuilder(context).id(idPrefix + "pwm").name("motor PWM").address(c.pwmChannel())
                .pwmType(PwmType.HARDWARE).frequency(frequency).dutyCycle(0).initial(0).shutdown(0));
    }

    /** The duty cycle (percent) and sign a force gives: limited to +-maxForce, NaN as zero. */
    int dutyFor(double force) {
        double f = Double.isNaN(force) ? 0 : Math.max(-maxForce, Math.min(maxForce, force));
        return (int) Math.min(100, Math.round(Math.abs(f) / forceAtFullDuty * 100));
    }

    /** The force the pins apply now, N (0 when stopped). */
    synchronized double appliedForce() {
        double f = duty / 100.0 * forceAtFullDuty;
        return forward ? f : -f;
    }

    synchronized void arm() {
        armed = true;
    }

    /** Drives {@code force} (N) when armed; a force that gives the same duty and sign touches no pin. */
    synchronized void apply(double force) {
        if (!armed) {
            return;
        }
        int d = dutyFor(force);
        boolean fwd = !(force < 0);
        if (d == duty && (fwd == forward || d == 0)) {
            return;
        }
        if (d == 0) {
            pwm.off();
            duty = 0;
            return;
        }
        if (fwd != forward) {
            if (duty > 0) {
                pwm.off(); // never reverse the bridge under drive
                duty = 0;
            }
            direction.state(fwd ? DigitalState.HIGH : DigitalState.LOW);
            forward = fwd;
        }
        enable.high();
        pwm.on(d, frequency);
        duty = d;
    }

    /** PWM off and bridge disabled, then no command is applied until {@link #arm}. Never throws. */
    synchronized void disarmAndStop() {
        armed = false;
        try {
            pwm.off();
        } catch (RuntimeException e) {
            // keep going: the enable pin still cuts the bridge
        }
        duty = 0;
        try {
            enable.low();
        } catch (RuntimeException e) {
            // nothing more can be done from here; Pi4J's shutdown states are the last line
        }
    }

    void shutdown(Context context) {
        for (var io : new com.pi4j.io.IO<?, ?, ?>[] {pwm, direction, enable}) {
            try {
                context.shutdown(io.id());
            } catch (RuntimeException e) {
                // already shut down with the context
            }
        }
    }
}
