package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.plant.DifferentiableCartPole;
import org.neurorig.plant.Friction;
import org.neurorig.testing.BalancingFeedback;

/**
 * The model that knows the rig's effects against the rig itself: the same sensors to the bit, tick for
 * tick, and a vector-Jacobian product that agrees with central finite differences of its step.
 *
 * <p>Finite differences as in ModelBasedGradientTest: central, h = 1e-6, agreement within 1e-6 of the
 * larger of 1 and the derivative. A step lands within h of a kink (the deadband's edges, the saturation,
 * the force limit, a change of Coulomb case) with a probability of about 1e-6 per draw, so random draws
 * test both sides of every kink without straddling one.
 */
class ModelledCartPoleTest {

    private static final CartPoleParameters GYM = CartPoleParameters.gym();
    private static final double H = 1e-6;

    /** Every modelled effect at its strong value, together. */
    private static NonIdealities everyModelledEffect() {
        NonIdealities n = NonIdealities.none();
        for (NonIdealities.Parameter p : NonIdealities.PARAMETERS) {
            if (ModelledCartPole.MODELLED.contains(p.effect())) {
                n = n.with(p.key(), p.atSeverity().applyAsDouble(1));
            }
        }
        return n;
    }

    static List<NonIdealities> cases() {
        List<NonIdealities> list = new ArrayList<>();
        for (Effect e : ModelledCartPole.MODELLED) {
            list.add(NonIdealities.only(e, 1));
        }
        list.add(NonIdealities.none().with("delay_ticks", 3));
        list.add(NonIdealities.none().with("hold_ticks", 3).with("delay_ticks", 1).with("gain_error", 0.2)
                .with("force_bias", -0.7).with("theta_offset", -0.02));
        list.add(NonIdealities.none().with("deadband", 0.1).with("saturation", 0.3).with("force_bias", 2.5));
        list.add(everyModelledEffect());
        return list;
    }

    @Test
    void theCasesAreWhatTheyClaim() {
        NonIdealities all = everyModelledEffect();
        for (Effect e : Effect.values()) {
            assertEquals(ModelledCartPole.MODELLED.contains(e), all.has(e), e.presetName());
        }
        assertEquals(4 + 2 + 2, new ModelledCartPole(GYM, all).stateSize(), "a delay of 2 ticks and a hold");
        assertEquals(4, new ModelledCartPole(GYM, NonIdealities.none()).stateSize());
    }

    /**
     * Lockstep with the rig: reset both, then each tick the rig's read() and the model's sensors, the
     * rig's true state and the model's first four variables, and the termination, all equal to the
     * bit. The commands are a balancing feedback plus noise, every seventh beyond the force limit.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void theModelsSensorsAreTheRigsToTheBit(NonIdealities n) {
        Plant rig = NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS, n, 1);
        ModelledCartPole model = new ModelledCartPole(GYM, n);
        double[] state = new double[model.stateSize()];
        double[] next = new double[model.stateSize()];
        double[] start = new double[4];
        double[] read = new double[4];
        double[] sensed = new double[4];
        double[] truth = new double[4];
        double[] command = new double[1];
        SplittableRandom random = new SplittableRandom(3);
        rig.activate();
        int compared = 0;
        for (int episode = 0; episode < 10; episode++) {
            CartPole.drawInitialState(GYM, random, start);
            rig.reset(start);
            model.initialState(start, state);
            for (int t = 0; t < 150; t++) {
                rig.read(t, read);
                model.sense(state, sensed);
                rig.trueState(truth);
                for (int i = 0; i < 4; i++) {
                    assertEquals(Double.doubleToRawLongBits(read[i]), Double.doubleToRawLongBits(sensed[i]),
                            n + " episode " + episode + " tick " + t + " sensor " + i + ": " + read[i] + " vs " + sensed[i]);
                    assertEquals(Double.doubleToRawLongBits(truth[i]), Double.doubleToRawLongBits(state[i]),
                            n + " episode " + episode + " tick " + t + " state " + i);
                }
                compared++;
                assertEquals(rig.terminated(), model.terminal(state), n + " tick " + t);
                if (rig.terminated()) {
                    break;
                }
                command[0] = t % 7 == 6 ? Math.copySign(15, random.nextDouble(-1, 1))
                        : BalancingFeedback.force(read) + 3 * random.nextGaussian();
                rig.write(t, command);
                model.step(state, command, next);
                double[] swap = state;
                state = next;
                next = swap;
            }
        }
        assertTrue(compared >= 200, n + ": only " + compared + " ticks compared");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theVectorJacobianProductEqualsFiniteDifferences(NonIdealities n) {
        ModelledCartPole model = new ModelledCartPole(GYM, n);
        int size = model.stateSize();
        int hold = n.holdTicks() > 1 ? n.holdTicks() : 0;
        SplittableRandom random = new SplittableRandom(17);
        double[] s = new double[size];
        double[] a = new double[1];
        double[] g = new double[size];
        double[] gs = new double[size];
        double[] ga = new double[1];
        double[] plus = new double[size];
        double[] minus = new double[size];
        double largest = 0;
        for (int trial = 0; trial < 60; trial++) {
            for (int i = 0; i < size; i++) {
                s[i] = i < 4 ? random.nextDouble(-1, 1) : random.nextDouble(-14, 14); // commands in the line past every limit
                g[i] = random.nextGaussian();
            }
            if (hold > 0) {
                s[size - 1] = random.nextInt(hold); // the phase: a whole number
            }
            a[0] = random.nextDouble(-14, 14);
            model.vectorJacobianProduct(s, a, g, gs, ga);
            for (int i = 0; i <= size; i++) {
                if (hold > 0 && i == size - 1) {
                    assertEquals(0.0, gs[i], 0.0, "the phase passes no gradient");
                    continue;
                }
                double[] v = i < size ? s : a;
                int idx = i < size ? i : 0;
                double keep = v[idx];
                v[idx] = keep + H;
                model.step(s, a, plus);
                v[idx] = keep - H;
                model.step(s, a, minus);
                v[idx] = keep;
                double fd = 0;
                for (int q = 0; q < size; q++) {
                    fd += g[q] * (plus[q] - minus[q]) / (2 * H);
                }
                double analytic = i < size ? gs[i] : ga[0];
                largest = Math.max(largest, Math.abs(analytic));
                assertEquals(fd, analytic, 1e-6 * Math.max(1, Math.abs(fd)), n + " trial " + trial + " input " + i);
            }
        }
        assertTrue(largest > 0.1, n + ": the product must be non-trivial");
    }

    /**
     * The Coulomb case in which friction holds the cart: it is at rest after the step, and the pole's
     * acceleration depends on the state through the friction force, which the product follows. A
     * change of the force is taken up by the friction, so it passes no gradient to anything.
     */
    @Test
    void aCartThatFrictionStopsHasTheProductOfThatCase() {
        DifferentiableCartPole model = new DifferentiableCartPole(GYM, new Friction(0.5, 0.5, 0.001));
        SplittableRandom random = new SplittableRandom(23);
        double[] s = new double[4];
        double[] a = new double[1];
        double[] g = new double[4];
        double[] gs = new double[4];
        double[] ga = new double[1];
        double[] next = new double[4];
        double[] plus = new double[4];
        double[] minus = new double[4];
        int stopped = 0;
        double throughFriction = 0;
        for (int trial = 0; trial < 40; trial++) {
            s[CartPole.X] = random.nextDouble(-1, 1);
            s[CartPole.X_DOT] = random.nextDouble(-0.002, 0.002);
            s[CartPole.THETA] = random.nextDouble(-0.05, 0.05);
            s[CartPole.THETA_DOT] = random.nextDouble(-0.1, 0.1);
            a[0] = random.nextDouble(-0.3, 0.3);
            model.step(s, a, next);
            if (next[CartPole.X_DOT] != 0.0) {
                continue;
            }
            stopped++;
            for (int i = 0; i < 4; i++) {
                g[i] = random.nextGaussian();
            }
            model.vectorJacobianProduct(s, a, g, gs, ga);
            for (int i = 0; i < 5; i++) {
                double[] v = i < 4 ? s : a;
                int idx = i < 4 ? i : 0;
                double keep = v[idx];
                v[idx] = keep + H;
                model.step(s, a, plus);
                v[idx] = keep - H;
                model.step(s, a, minus);
                v[idx] = keep;
                double fd = 0;
                for (int q = 0; q < 4; q++) {
                    fd += g[q] * (plus[q] - minus[q]) / (2 * H);
                }
                assertEquals(fd, i < 4 ? gs[i] : ga[0], 1e-6 * Math.max(1, Math.abs(fd)), "trial " + trial + " input " + i);
            }
            // static friction takes up any change of the push, so the pole feels none of it
            assertEquals(0.0, ga[0], 1e-12, "trial " + trial + ": the force moves nothing while the cart is held");
            throughFriction = Math.max(throughFriction, Math.abs(gs[CartPole.X_DOT] - GYM.dt() * g[CartPole.X]));
        }
        assertTrue(stopped >= 20, "friction held the cart in only " + stopped + " of 40 draws");
        // beyond x' = x + dt x_dot, the speed reaches the pole through the force that stops the cart
        assertTrue(throughFriction > 1, "the speed's gradient through the friction force: " + throughFriction);
    }

    @Test
    void aFourVariableStartIsPaddedWithAnEmptyActuatorMemory() {
        ModelledCartPole model = new ModelledCartPole(GYM, NonIdealities.none().with("delay_ticks", 2).with("hold_ticks", 3));
        double[] state = new double[model.stateSize()];
        Arrays.fill(state, 9);
        model.initialState(new double[] {0.1, 0.2, 0.3, 0.4}, state);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0}, state, 0.0);
        String m = assertThrows(IllegalArgumentException.class, () -> model.initialState(new double[9], state)).getMessage();
        assertEquals("an initial state of 9 values for a plant model of 8 state variables: give at most 8", m);
    }

    @Test
    void effectsNoDeterministicModelKnowsAreRefusedByName() {
        for (Effect e : Effect.values()) {
            assertEquals(ModelledCartPole.MODELLED.contains(e), ModelledCartPole.canModel(NonIdealities.only(e, 1)), e.presetName());
        }
        assertTrue(ModelledCartPole.canModel(NonIdealities.none()));
        assertFalse(ModelledCartPole.canModel(NonIdealities.preset("strong")));
        String m = assertThrows(IllegalArgumentException.class,
                () -> new ModelledCartPole(GYM, NonIdealities.none().with("delay_ticks", 1).with("noise_theta", 0.01))).getMessage();
        assertEquals("a model cannot know the effect 'noise' (sensor noise is random: no deterministic model reproduces it):"
                + " leave it off, or train on a model without it; the effects a model knows are delay, hold, deadband,"
                + " saturation, gain, friction, mismatch, offset, bias", m);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelledCartPole(GYM, NonIdealities.only(Effect.PWM, 1)))
                .getMessage().startsWith("a model cannot know the effect 'pwm' (PWM quantization is a staircase"));
    }
}
