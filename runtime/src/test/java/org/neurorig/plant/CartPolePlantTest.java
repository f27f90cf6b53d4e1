package org.neurorig.plant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;

class CartPolePlantTest {

    private static CartPolePlant active(CartPolePlant.ForceMode mode) {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), mode);
        plant.configure();
        plant.activate();
        return plant;
    }

    @Test
    void upstandingPoleAtRestStaysPutUnderZeroForce() {
        CartPolePlant plant = active(CartPolePlant.ForceMode.CONTINUOUS);
        plant.reset(new double[4]);
        double[] s = new double[4];
        for (int t = 0; t < 100; t++) {
            plant.write(t, new double[] {0});
        }
        plant.read(0, s);
        assertArrayEquals(new double[4], s, 0.0);
        assertFalse(plant.terminated());
    }

    /** One hand-worked Euler step of Gymnasium's equations from theta = 0.1, pushing right. */
    @Test
    void oneStepMatchesGymnasiumsEquations() {
        CartPolePlant plant = active(CartPolePlant.ForceMode.BANG_BANG);
        plant.reset(new double[] {0.0, 0.0, 0.1, 0.0});
        plant.write(0, new double[] {1});
        double[] s = new double[4];
        plant.read(0, s);
        double sin = Math.sin(0.1);
        double cos = Math.cos(0.1);
        double temp = 10.0 / 1.1;
        double thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * cos * cos / 1.1));
        double xAcc = temp - 0.05 * thetaAcc * cos / 1.1;
        assertEquals(0.0, s[CartPole.X], 0.0, "x moves with the old velocity (0)");
        assertEquals(0.02 * xAcc, s[CartPole.X_DOT], 1e-15);
        assertEquals(0.1, s[CartPole.THETA], 0.0, "theta moves with the old angular velocity (0)");
        assertEquals(0.02 * thetaAcc, s[CartPole.THETA_DOT], 1e-15);
        assertTrue(s[CartPole.X_DOT] > 0, "pushing right accelerates the cart right");
    }

    @Test
    void unforcedPoleFallsAndTheEpisodeEndsPastTwelveDegrees() {
        CartPolePlant plant = active(CartPolePlant.ForceMode.CONTINUOUS);
        plant.reset(new double[] {0, 0, 0.01, 0});
        double[] s = new double[4];
        int steps = 0;
        while (!plant.terminated() && steps < 1000) {
            plant.write(steps++, new double[] {0});
        }
        plant.trueState(s);
        assertTrue(steps > 5 && steps < 200, "fell after " + steps + " steps");
        assertTrue(s[CartPole.THETA] > 12 * 2 * Math.PI / 360, "theta " + s[CartPole.THETA]);
    }

    @Test
    void bangBangPushesFullForceEitherWayAndContinuousIsLimited() {
        CartPolePlant bang = active(CartPolePlant.ForceMode.BANG_BANG);
        assertEquals(10.0, bang.force(1), 0);
        assertEquals(-10.0, bang.force(0), 0);
        assertEquals(-10.0, bang.force(-0.3), 0);
        CartPolePlant cont = active(CartPolePlant.ForceMode.CONTINUOUS);
        assertEquals(3.5, cont.force(3.5), 0);
        assertEquals(10.0, cont.force(250), 0);
        assertEquals(-10.0, cont.force(-250), 0);
        assertEquals(0.0, cont.force(Double.NaN), 0, "a NaN command must not reach the physics");
    }

    @Test
    void writesBeforeActivationAreRefusedAndDoNotMoveThePlant() {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.BANG_BANG);
        plant.reset(new double[] {0, 0, 0.05, 0});
        assertEquals(DeviceStatus.INACTIVE, plant.write(0, new double[] {1}));
        double[] s = new double[4];
        plant.trueState(s);
        assertArrayEquals(new double[] {0, 0, 0.05, 0}, s, 0.0);
        plant.activate();
        assertEquals(DeviceStatus.OK, plant.write(0, new double[] {1}));
        plant.deactivate();
        assertEquals(DeviceStatus.INACTIVE, plant.write(0, new double[] {1}));
    }

    @Test
    void initialStatesAreDrawnInsideTheResetBoxAndRepeatWithTheSeed() {
        double[] a = new double[4];
        double[] b = new double[4];
        CartPole.drawInitialState(CartPoleParameters.gym(), new SplittableRandom(7), a);
        CartPole.drawInitialState(CartPoleParameters.gym(), new SplittableRandom(7), b);
        assertArrayEquals(a, b, 0.0);
        for (double v : a) {
            assertTrue(Math.abs(v) < 0.05, "state " + v);
        }
    }

    @Test
    void velocityClippingHoldsWhenConfigured() {
        CartPoleParameters g = CartPoleParameters.gym();
        CartPoleParameters clipped = new CartPoleParameters(g.gravity(), g.massCart(), g.massPole(), g.halfLength(),
                g.forceMag(), g.dt(), 100, 100, 0.5, 0.25, 0.05);
        CartPole cp = new CartPole(clipped);
        cp.setState(new double[] {0, 0, 0.2, 0});
        double[] s = new double[4];
        for (int t = 0; t < 200; t++) {
            cp.step(10);
            cp.state(s);
            assertTrue(Math.abs(s[CartPole.X_DOT]) <= 0.5 && Math.abs(s[CartPole.THETA_DOT]) <= 0.25);
        }
        assertEquals(0.5, s[CartPole.X_DOT], 0.0, "a constant push saturates at the limit");
    }

    @Test
    void badParametersNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CartPoleParameters(9.8, -1, 0.1, 0.5, 10, 0.02, 2.4, 0.2, 1, 1, 0.05));
        assertTrue(e.getMessage().contains("cartpole.massCart"), e.getMessage());
    }
}
