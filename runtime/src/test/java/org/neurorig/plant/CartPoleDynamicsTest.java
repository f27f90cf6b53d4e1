package org.neurorig.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The equations against the mechanics they solve: Newton's law for the cart and the pole's rotation
 * about its pivot (a uniform rod: inertia 4/3 m l^2 about the end) must hold for the accelerations they
 * give, and the compliance must be the cart's acceleration per newton.
 */
class CartPoleDynamicsTest {

    private static final CartPoleParameters[] CART_POLES = {CartPoleParameters.gym(), CartPoleParameters.neuroMop(),
        CartPoleParameters.gym().withMismatch(0.3, -0.2, 0.4)};

    @Test
    void theAccelerationsSolveTheEquationsOfMotion() {
        SplittableRandom r = new SplittableRandom(5);
        for (CartPoleParameters p : CART_POLES) {
            CartPoleDynamics d = new CartPoleDynamics(p);
            double m = p.massCart() + p.massPole();
            double ml = p.massPole() * p.halfLength();
            for (int k = 0; k < 10_000; k++) {
                double theta = r.nextDouble(-Math.PI, Math.PI);
                double w = r.nextDouble(-5, 5);
                double force = r.nextDouble(-2, 2) * p.forceMag();
                double torque = k % 2 == 0 ? 0 : r.nextDouble(-0.2, 0.2);
                double s = Math.sin(theta);
                double c = Math.cos(theta);
                double push = d.push(force, s, w);
                double thAcc = d.poleAcceleration(push, s, c, torque);
                double xAcc = d.cartAcceleration(push, thAcc, c);
                // cart: (M + m) xacc = F - m l (thacc cos - w^2 sin)
                double cart = m * xAcc + ml * (thAcc * c - w * w * s) - force;
                // pole about the pivot, per m l: 4/3 l thacc + cos xacc = g sin - torque / (m l)
                double pole = 4.0 / 3.0 * p.halfLength() * thAcc + c * xAcc - p.gravity() * s + torque / ml;
                double scale = Math.abs(force) + ml * w * w + m * p.gravity();
                assertEquals(0, cart, 1e-13 * scale, "cart, state " + k);
                assertEquals(0, pole, 1e-13 * scale, "pole, state " + k);
            }
        }
    }

    @Test
    void complianceIsTheCartsAccelerationPerNewton() {
        SplittableRandom r = new SplittableRandom(6);
        for (CartPoleParameters p : CART_POLES) {
            CartPoleDynamics d = new CartPoleDynamics(p);
            for (int k = 0; k < 10_000; k++) {
                double theta = r.nextDouble(-Math.PI, Math.PI);
                double w = r.nextDouble(-5, 5);
                double force = r.nextDouble(-1, 1) * p.forceMag();
                double s = Math.sin(theta);
                double c = Math.cos(theta);
                double before = xAcc(d, force, s, c, w);
                double after = xAcc(d, force + 1, s, c, w);
                // the acceleration is linear in the force: the difference is exact up to rounding of terms ~ forceMag
                assertEquals(d.compliance(c), after - before, 1e-12 * p.forceMag(), "state " + k);
            }
        }
    }

    private static double xAcc(CartPoleDynamics d, double force, double s, double c, double w) {
        double push = d.push(force, s, w);
        return d.cartAcceleration(push, d.poleAcceleration(push, s, c), c);
    }
}
