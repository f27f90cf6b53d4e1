package org.neurorig.plant.nonideal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.DifferentiableCartPole;
import org.neurorig.plant.DifferentiablePlant;
import org.neurorig.plant.Friction;

/**
 * A model that knows the rig's non-idealities: {@link NonIdealCartPole} in its continuous force mode,
 * step for step, as a {@link DifferentiablePlant}, so a gradient can be computed through the plant as
 * the hardware really is. It stands beside the nominal {@link DifferentiableCartPole}: when a
 * controller trained on this model still fails on the rig, the task is hard, not the model wrong.
 *
 * <p>It follows the rig's chain for the effects a deterministic model can know:
 * <pre>
 *   command -> zero-order hold -> delay -> deadband -> gain error -> saturation -> + force bias
 *           -> cart-pole (force limited to +-forceMag; mismatched parameters; friction)
 *   sensors <- + theta offset <- the cart-pole's state
 * </pre>
 * with the same arithmetic as the decorators, so its sensors equal the rig's to the bit. The rest are
 * refused at construction ({@link #canModel}): sensor noise and tick jitter are random, and PWM and
 * encoder quantization are staircases, whose gradient is zero wherever it exists.
 *
 * <p>The state is the cart-pole's four variables, then what the actuator remembers:
 * <pre>
 *   x, x_dot, theta, theta_dot | d_1 .. d_D (delay line, d_1 acts next) | held command, hold phase
 * </pre>
 * (the delay line only with a delay, the last two only with a hold). An episode starts with all of it
 * zero, as the rig clears its memory at every episode start: an empty line, nothing held, phase 0 (the
 * first command is taken). {@link #initialState} pads a four-variable start so. The sensors are the
 * first four, theta plus the offset. The derivatives of the deadband, the saturation and the force
 * limit are 1 inside their linear part and 0 outside; the hold phase passes no gradient. Not
 * thread-safe.
 */
public final class ModelledCartPole implements DifferentiablePlant {

    /** The effects a model can know, and so this one follows. */
    public static final Set<Effect> MODELLED = Collections.unmodifiableSet(EnumSet.of(Effect.DELAY, Effect.HOLD,
            Effect.DEADBAND, Effect.GAIN, Effect.SATURATION, Effect.FRICTION, Effect.MISMATCH, Effect.OFFSET, Effect.BIAS));

    private final NonIdealities nonIdealities;
    private final CartPoleParameters rig;
    private final DifferentiableCartPole physics;
    private final int delayTicks;
    private final int holdTicks;
    private final boolean deadband;
    private final double deadbandWidth;
    private final boolean gainError;
    private final double gain;
    private final boolean saturation;
    private final double saturationLimit;
    private final boolean forceBias;
    private final double bias;
    private final boolean thetaOffset;
    private final double offset;
    private final int line;
    private final int held;
    private final int phase;
    private final int stateSize;
    private final double[] force = new double[1];
    private final double[] forceAdjoint = new double[1];

    /**
     * @param nominal       the model's parameters, as given to {@link NonIdealCartPole#create}
     * @param nonIdealities the rig's effects, each of them one of {@link #MODELLED}
     * @throws IllegalArgumentException naming the first effect a model cannot know
     */
    public ModelledCartPole(CartPoleParameters nominal, NonIdealities nonIdealities) {
        NonIdealities n = nonIdealities;
        Effect unknown = firstUnmodelled(n);
        if (unknown != null) {
            throw new IllegalArgumentException("a model cannot know the effect '" + unknown.presetName() + "' (" + whyNot(unknown)
                    + "): leave it off, or train on a model without it; the effects a model knows are " + modelledNames());
        }
        this.nonIdealities = n;
        this.rig = nominal.withMismatch(n.massCartError(), n.massPoleError(), n.lengthError());
        this.physics = new DifferentiableCartPole(rig, new Friction(n.coulombFriction(), n.viscousFriction(), n.pivotFriction()));
        double fullScale = nominal.forceMag();
        this.delayTicks = n.delayTicks();
        this.holdTicks = n.holdTicks() > 1 ? n.holdTicks() : 0;
        // the decorators' own constants, computed as they compute them
        this.deadband = n.deadband() > 0;
        this.deadbandWidth = n.deadband() * fullScale;
        this.gainError = n.gainError() != 0;
        this.gain = 1 + n.gainError();
        this.saturation = n.saturation() > 0;
        this.saturationLimit = (1 - n.saturation()) * fullScale;
        this.forceBias = n.forceBias() != 0;
        this.bias = n.forceBias();
        this.thetaOffset = n.thetaOffset() != 0;
        this.offset = n.thetaOffset();
        this.line = CartPole.STATE_SIZE;
        this.held = line + delayTicks;
        this.phase = held + 1;
        this.stateSize = held + (holdTicks > 0 ? 2 : 0);
    }

    /** Whether every effect that is on in {@code nonIdealities} is one a model can know. */
    public static boolean canModel(NonIdealities nonIdealities) {
        return firstUnmodelled(nonIdealities) == null;
    }

    private static Effect firstUnmodelled(NonIdealities n) {
        for (Effect e : Effect.values()) {
            if (n.has(e) && !MODELLED.contains(e)) {
                return e;
            }
        }
        return null;
    }

    private static String whyNot(Effect e) {
        return switch (e) {
            case NOISE -> "sensor noise is random: no deterministic model reproduces it";
            case JITTER -> "tick jitter is random: no deterministic model reproduces it";
            case PWM -> "PWM quantization is a staircase: its gradient is zero wherever it exists";
            case ENCODER -> "encoder counts are a staircase: their gradient is zero wherever it exists";
            default -> "not modelled";
        };
    }

    private static String modelledNames() {
        return MODELLED.stream().map(Effect::presetName).collect(Collectors.joining(", "));
    }

    public NonIdealities nonIdealities() {
        return nonIdealities;
    }

    /** The parameters the physics runs with: the nominal ones with the mismatch applied. */
    public CartPoleParameters rigParameters() {
        return rig;
    }

    @Override
    public int stateSize() {
        return stateSize;
    }

    @Override
    public int sensorCount() {
        return CartPole.STATE_SIZE;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    /** The first four state variables, theta plus the sensor's offset (as {@link SensorOffset} adds it). */
    @Override
    public void sense(double[] state, double[] sensors) {
        System.arraycopy(state, 0, sensors, 0, CartPole.STATE_SIZE);
        if (thetaOffset) {
            sensors[CartPole.THETA] += offset;
        }
    }

    @Override
    public void step(double[] state, double[] action, double[] next) {
        double u = action[0];
        if (holdTicks > 0) {
            int p = (int) state[phase];
            u = p == 0 ? u : state[held]; // as ZeroOrderHold: a new command on phase 0 only
            next[held] = u;
            next[phase] = p + 1 == holdTicks ? 0 : p + 1;
        }
        if (delayTicks > 0) {
            double out = state[line];
            System.arraycopy(state, line + 1, next, line, delayTicks - 1);
            next[line + delayTicks - 1] = u;
            u = out;
        }
        force[0] = motor(u);
        physics.step(state, force, next); // reads and writes the first four variables only
    }

    /** What the motor makes of the command that reaches it, plus the bias: Deadband, MotorGainError, Saturation, ForceBias. */
    private double motor(double command) {
        double f = deadband ? deadZone(command) : command;
        if (gainError) {
            f = gain * f;
        }
        if (saturation) {
            f = Math.max(-saturationLimit, Math.min(saturationLimit, f));
        }
        if (forceBias) {
            f = f + bias;
        }
        return f;
    }

    private double deadZone(double command) {
        if (command > deadbandWidth) {
            return command - deadbandWidth;
        }
        if (command < -deadbandWidth) {
            return command + deadbandWidth;
        }
        return Double.isNaN(command) ? command : 0.0;
    }

    private boolean inDeadZone(double command) {
        return !(command > deadbandWidth || command < -deadbandWidth);
    }

    @Override
    public void vectorJacobianProduct(double[] state, double[] action, double[] nextAdjoint, double[] stateAdjoint,
            double[] actionAdjoint) {
        int p = holdTicks > 0 ? (int) state[phase] : 0;
        double u = holdTicks > 0 && p != 0 ? state[held] : action[0];
        double out = delayTicks > 0 ? state[line] : u;
        force[0] = motor(out);
        physics.vectorJacobianProduct(state, force, nextAdjoint, stateAdjoint, forceAdjoint);

        // back through the motor to the command that reached it
        double a = forceAdjoint[0];
        double shaped = deadband ? deadZone(out) : out;
        double driven = gainError ? gain * shaped : shaped;
        if (saturation && (driven > saturationLimit || driven < -saturationLimit)) {
            a = 0;
        }
        if (gainError) {
            a *= gain;
        }
        if (deadband && inDeadZone(out)) {
            a = 0;
        }
        // the delay line shifts by one: d_i' = d_(i+1), d_D' = the command in, the motor gets d_1
        double aIn = a;
        if (delayTicks > 0) {
            stateAdjoint[line] = a;
            System.arraycopy(nextAdjoint, line, stateAdjoint, line + 1, delayTicks - 1);
            aIn = nextAdjoint[line + delayTicks - 1];
        }
        if (holdTicks > 0) {
            aIn += nextAdjoint[held]; // the held command is both the output and the next held value
            actionAdjoint[0] = p == 0 ? aIn : 0;
            stateAdjoint[held] = p == 0 ? 0 : aIn;
            stateAdjoint[phase] = 0;
        } else {
            actionAdjoint[0] = aIn;
        }
    }

    /** Whether the cart-pole's true state ends the episode (the offset is the sensor's, not the pole's). */
    @Override
    public boolean terminal(double[] state) {
        return rig.terminal(state[CartPole.X], state[CartPole.THETA]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ModelledCartPole[%s; %d state variables]", nonIdealities.describe(), stateSize);
    }
}
