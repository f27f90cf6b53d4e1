package org.neurorig.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Friction and tick jitter inside the cart-pole's step, and the parameter mismatch of a rig. */
class CartPoleFrictionTest {

    private static final CartPoleParameters GYM = CartPoleParameters.gym();

    private static double[] stepOnce(CartPole cp, double[] from, double force) {
        cp.setState(from);
        cp.step(force);
        double[] s = new double[4];
        cp.state(s);
        return s;
    }

    @Test
    void zeroFrictionIsGymnasiumsArithmeticBitForBit() {
        CartPole ideal = new CartPole(GYM);
        CartPole zero = new CartPole(GYM, new Friction(0, 0, 0));
        SplittableRandom r = new SplittableRandom(3);
        double[] s = {0.01, -0.02, 0.03, 0.04};
        ideal.setState(s);
        zero.setState(s);
        double[] a = new double[4];
        double[] b = new double[4];
        for (int t = 0; t < 2000; t++) {
            double f = r.nextBoolean() ? 10 : -10;
            ideal.step(f);
            zero.step(f);
            ideal.state(a);
            zero.state(b);
            for (int i = 0; i < 4; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "step " + t);
            }
        }
    }

    /** One hand-worked step of the cart coasting at 1 m/s against viscous friction, pole upright. */
    @Test
    void viscousFrictionPullsOnTheCartAsAForceAgainstItsSpeed() {
        double c = 0.5;
        double[] s = stepOnce(new CartPole(GYM, new Friction(0, c, 0)), new double[] {0, 1, 0, 0}, 0);
        double temp = -c * 1 / 1.1;
        double thetaAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc / 1.1;
        assertEquals(1 + 0.02 * xAcc, s[CartPole.X_DOT], 1e-15);
        assertEquals(0.02 * thetaAcc, s[CartPole.THETA_DOT], 1e-15);
        assertTrue(s[CartPole.X_DOT] < 1, "the cart slows down");
        assertTrue(s[CartPole.THETA_DOT] > 0, "the pole tips forward as the cart brakes");
    }

    @Test
    void pivotFrictionBrakesTheSwing() {
        double mu = 0.001;
        double[] s = stepOnce(new CartPole(GYM, new Friction(0, 0, mu)), new double[] {0, 0, 0, 1}, 0);
        double thetaAcc = (-mu * 1 / 0.05) / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        assertEquals(1 + 0.02 * thetaAcc, s[CartPole.THETA_DOT], 1e-15);
    }

    @Test
    void coulombFrictionHoldsACartAtRestAgainstASmallerPush() {
        CartPole cp = new CartPole(GYM, new Friction(0.5, 0, 0));
        cp.setState(new double[4]);
        for (int t = 0; t < 100; t++) {
            cp.step(0.4);
        }
        double[] s = new double[4];
        cp.state(s);
        assertEquals(0.0, s[CartPole.X], 0.0);
        assertEquals(0.0, s[CartPole.X_DOT], 0.0);
        cp.step(0.6);
        cp.state(s);
        assertTrue(s[CartPole.X_DOT] > 0, "a larger push moves it");
    }

    @Test
    void coulombFrictionStopsACoastingCartWithoutChatteringThroughZero() {
        CartPole cp = new CartPole(GYM, new Friction(0.5, 0, 0));
        cp.setState(new double[] {0, 0.2, 0, 0});
        double[] s = new double[4];
        int stoppedAt = -1;
        for (int t = 1; t <= 40; t++) { // later the falling pole drags the cart along: that is not friction's doing
            cp.step(0);
            cp.state(s);
            assertTrue(s[CartPole.X_DOT] >= 0, "step " + t + ": the velocity never reverses: " + s[CartPole.X_DOT]);
            if (s[CartPole.X_DOT] == 0 && stoppedAt < 0) {
                stoppedAt = t;
            }
            if (stoppedAt > 0) {
                assertEquals(0.0, s[CartPole.X_DOT], 0.0, "step " + t + ": once stopped, static friction holds the cart");
            }
        }
        // about v M / F = 0.2 * 1.1 / 0.5 = 0.44 s, i.e. some 22 steps (the pole's reaction shifts it a little)
        assertTrue(stoppedAt > 15 && stoppedAt < 30, "stopped after " + stoppedAt + " steps");
    }

    @Test
    void jitterVariesTheStepAroundDtAndKeepsItsMean() {
        TickJitter jitter = new TickJitter(0.002, 5);
        double dt = 0.02;
        double sum = 0;
        double min = 1;
        double max = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            double step = jitter.nextStep(dt);
            sum += step;
            min = Math.min(min, step);
            max = Math.max(max, step);
        }
        assertTrue(min >= 0.5 * dt && max <= 1.5 * dt, min + " .. " + max);
        assertTrue(max - min > 0.004, "the steps vary: " + min + " .. " + max);
        assertEquals(dt, sum / n, 1e-6, "a late tick makes the next step shorter: the clock does not drift");
    }

    @Test
    void zeroJitterStepsExactlyDt() {
        TickJitter jitter = new TickJitter(0, 5);
        for (int i = 0; i < 100; i++) {
            assertEquals(Double.doubleToRawLongBits(0.02), Double.doubleToRawLongBits(jitter.nextStep(0.02)));
        }
    }

    @Test
    void aJitteredPlantDriftsFromTheIdealOne() {
        CartPolePlant ideal = new CartPolePlant(GYM, CartPolePlant.ForceMode.BANG_BANG);
        CartPolePlant jittered = new CartPolePlant(GYM, CartPolePlant.ForceMode.BANG_BANG, Friction.NONE, new TickJitter(0.002, 1));
        double[] start = {0, 0, 0.02, 0};
        ideal.reset(start);
        jittered.reset(start);
        ideal.activate();
        jittered.activate();
        for (int t = 0; t < 20; t++) {
            double[] cmd = {t % 2};
            ideal.write(t, cmd);
            jittered.write(t, cmd);
        }
        double[] a = new double[4];
        double[] b = new double[4];
        ideal.trueState(a);
        jittered.trueState(b);
        assertTrue(a[CartPole.THETA] != b[CartPole.THETA], "theta " + a[CartPole.THETA] + " vs " + b[CartPole.THETA]);
    }

    @Test
    void mismatchScalesMassesAndLengthAndZeroMismatchChangesNothing() {
        assertEquals(GYM, GYM.withMismatch(0, 0, 0));
        CartPoleParameters rig = GYM.withMismatch(0.3, 0.5, -0.2);
        assertEquals(1.3, rig.massCart(), 1e-15);
        assertEquals(0.15, rig.massPole(), 1e-15);
        assertEquals(0.4, rig.halfLength(), 1e-15);
        assertEquals(GYM.forceMag(), rig.forceMag(), 0.0);
    }

    @Test
    void negativeFrictionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Friction(0, -1, 0));
        assertEquals("friction.viscous = -1.0 is out of range: expected a finite number >= 0", e.getMessage());
    }
}
