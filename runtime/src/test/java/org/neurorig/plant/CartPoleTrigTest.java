package org.neurorig.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.testing.AllocationMeter;

/**
 * The cart-pole's sin and cos: StrictMath's bits within +-pi/4, and beyond it (a pole that fell and swings)
 * within one ulp of a 60-digit reference, from an argument reduction that allocates nothing. The test
 * itself never calls StrictMath beyond pi/4: that would make the JIT keep StrictMath's allocating path.
 */
class CartPoleTrigTest {

    private static final CartPole CP = new CartPole(CartPoleParameters.gym());

    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PI_HALF = new BigDecimal(
            "1.5707963267948966192313216916397514420985846996875529104874722961539082031431044993140174126710585339");

    /** sin (false) or cos (true) of x to 60 digits, rounded to the nearest double. */
    private static double reference(double x, boolean cosine) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal n = bx.divide(PI_HALF, MC).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = bx.subtract(n.multiply(PI_HALF));
        BigDecimal z = r.multiply(r, MC);
        int q = n.remainder(BigDecimal.valueOf(4)).intValue();
        q = (q + 4) % 4;
        BigDecimal sin = series(z, 1, MC).multiply(r, MC);
        BigDecimal cos = series(z, 0, MC);
        BigDecimal v = switch (cosine ? (q + 1) % 4 : q) {
            case 0 -> sin;
            case 1 -> cos;
            case 2 -> sin.negate();
            default -> cos.negate();
        };
        return v.doubleValue();
    }

    /** sum (-1)^k z^k / (2k + first)!, to 60 digits. */
    private static BigDecimal series(BigDecimal z, int first, MathContext mc) {
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = new BigDecimal("1e-70");
        for (int k = 0; k < 200 && term.abs().compareTo(eps) > 0; k++) {
            sum = sum.add(term, mc);
            int a = 2 * k + first + 1;
            term = term.multiply(z, mc).divide(BigDecimal.valueOf((long) a * (a + 1)), mc).negate();
        }
        return sum;
    }

    private static void at(double theta) {
        CP.setState(new double[] {0, 0, theta, 0});
        CP.trigOfTheta();
    }

    private static void withinOneUlp(double x) {
        at(x);
        double s = reference(x, false);
        double c = reference(x, true);
        assertTrue(Math.abs(CP.sinTheta() - s) <= Math.ulp(s), () -> "sin(" + x + ") = " + CP.sinTheta() + ", not " + s);
        assertTrue(Math.abs(CP.cosTheta() - c) <= Math.ulp(c), () -> "cos(" + x + ") = " + CP.cosTheta() + ", not " + c);
    }

    @Test
    void withinAQuarterTurnTheBitsAreStrictMathsOwn() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double theta = r.nextDouble(-Math.PI / 4, Math.PI / 4);
            at(theta);
            assertEquals(Double.doubleToRawLongBits(StrictMath.sin(theta)), Double.doubleToRawLongBits(CP.sinTheta()), "sin " + theta);
            assertEquals(Double.doubleToRawLongBits(StrictMath.cos(theta)), Double.doubleToRawLongBits(CP.cosTheta()), "cos " + theta);
        }
    }

    @Test
    void beyondItEveryResultIsWithinOneUlp() {
        SplittableRandom r = new SplittableRandom(2);
        for (double x = 0.78; x < 0.80; x += 1e-4) { // the seam at pi/4
            withinOneUlp(x);
            withinOneUlp(-x);
        }
        for (int i = 0; i < 1000; i++) {
            withinOneUlp(r.nextDouble(-20, 20));
        }
        for (int i = 0; i < 200; i++) {
            withinOneUlp(r.nextDouble(-1e5, 1e5));
        }
    }

    /** Doubles next to multiples of pi/2, where the reduction cancels most bits: a hanging pole at rest. */
    @Test
    void anglesNearMultiplesOfAQuarterTurn() {
        for (int k = -64; k <= 64; k++) {
            double x = k * (Math.PI / 2);
            withinOneUlp(x);
            withinOneUlp(Math.nextUp(x));
            withinOneUlp(Math.nextDown(x));
        }
        withinOneUlp(1e5 * Math.PI);
        at(Math.PI);
        assertEquals(1.2246467991473532e-16, CP.sinTheta(), 1e-31, "a hanging pole: sin is pi's rounding error, not 0");
    }

    @Test
    void zerosAndNonFiniteValues() {
        at(-0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(CP.sinTheta()));
        assertEquals(1.0, CP.cosTheta(), 0.0);
        at(Double.NaN);
        assertTrue(Double.isNaN(CP.sinTheta()) && Double.isNaN(CP.cosTheta()));
        at(Double.POSITIVE_INFINITY);
        assertTrue(Double.isNaN(CP.sinTheta()) && Double.isNaN(CP.cosTheta()));
    }

    @Test
    void aSpinningPoleStepsWithoutAllocating() {
        CartPole cp = new CartPole(CartPoleParameters.gym());
        double[] start = {0, 0, 0.5, 0};
        double[] s = new double[4];
        Runnable spin = () -> {
            cp.setState(start);
            for (int t = 0; t < 100_000; t++) {
                cp.step((t & 64) == 0 ? 10 : -10);
            }
        };
        // Nothing here allocates even when interpreted, so warmUp alone would stop after one run, before
        // the JIT has compiled the loop; a compilation in the measured run shows up as a few hundred bytes.
        for (int run = 0; run < 3; run++) {
            spin.run();
        }
        AllocationMeter.warmUp(spin, 5);
        cp.state(s);
        assertTrue(Math.abs(s[CartPole.THETA]) > 1, "the pole went round: theta " + s[CartPole.THETA]);
        assertEquals(0, AllocationMeter.leastBytesAtRest(spin, 3, 3));
    }
}
