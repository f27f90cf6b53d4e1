package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalSetTest {

    private static float[] point(double x1, double x2) {
        return new float[] {(float) x1, (float) x2, 0.5f};
    }

    @Test
    void energyIsTheNormalizedDistanceFromSilence() {
        EnergyBound bound = new EnergyBound(4, 0.11);
        float[] silent = {-1, -1, -1, -1};
        assertEquals(0, bound.energy(silent, 0), 0);
        float[] x = {0, 0, 0, 0}; // sqrt(4) / 4 = 0.5
        assertEquals(0.5, bound.energy(x, 0), 1e-7);
        assertTrue(bound.isTerminal(x, 0));
        assertFalse(bound.isTerminal(silent, 0));
        assertEquals(0.11 - 0.5, bound.margin(x, 0), 1e-7);
    }

    @Test
    void energyClassifiesManyRowsAsIsTerminalDoesOneByOne() {
        // n = 100 takes the four-rows-at-once path, n = 7 the row-by-row one; 259 rows leave a tail of 3
        for (int n : new int[] {100, 7}) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(n);
            int rows = 259;
            int stride = n + 5; // rows need not be packed
            float[] states = new float[rows * stride];
            double d = 0.11 * Math.sqrt(n); // x_i + 1 = d everywhere gives E = L exactly
            for (int a = 0; a < rows; a++) {
                double rowScale = 0.9 + 0.2 * r.nextDouble(); // half the rows above L, half below
                for (int i = 0; i < n; i++) {
                    states[a * stride + i] = (float) (-1 + d * rowScale * (0.95 + 0.1 * r.nextDouble()));
                }
            }
            EnergyBound bound = new EnergyBound(n, 0.11);
            boolean[] terminal = new boolean[rows];
            bound.classify(states, stride, rows, terminal);
            int terminals = 0;
            for (int a = 0; a < rows; a++) {
                assertEquals(bound.isTerminal(states, a * stride), terminal[a], "n=" + n + " row " + a);
                terminals += terminal[a] ? 1 : 0;
            }
            assertTrue(terminals > 0 && terminals < rows, "n=" + n + ": both kinds of rows, got " + terminals);
        }
    }

    @Test
    void theSixShapesHaveThePapersBoundaries() {
        double lp = 0.2;
        double lm = 0.1;
        // points just inside and just outside each boundary
        assertInside(Shape.SQUARE, 0.09, -0.09);
        assertOutside(Shape.SQUARE, 0.11, 0);
        assertInside(Shape.PLUS, 0.19, 0.05);
        assertInside(Shape.PLUS, 0.05, -0.19);
        assertOutside(Shape.PLUS, 0.15, 0.15); // a corner between the arms
        assertOutside(Shape.PLUS, 0.21, 0);
        assertInside(Shape.CIRCLE, 0.14, 0.14);
        assertOutside(Shape.CIRCLE, 0.15, 0.14);
        assertInside(Shape.DIAMOND, 0.1, 0.09);
        assertOutside(Shape.DIAMOND, 0.1, 0.11);
        assertInside(Shape.OVAL, 0.19, 0);
        assertOutside(Shape.OVAL, 0, 0.11);
        assertInside(Shape.HEART, 0, 0);
        assertOutside(Shape.HEART, 0.4, 0);
        // the heart as written: (x1^2 + x2^2 - L-)^3 - x1^2 x2^3 > 0 outside
        double x1 = 0.3;
        double x2 = 0.2;
        double f = Math.pow(x1 * x1 + x2 * x2 - lm, 3) - x1 * x1 * Math.pow(x2, 3);
        assertEquals(f > 0, ShapeRegion.paper(Shape.HEART).isTerminal(point(x1, x2), 0));
        assertTrue(lp > lm);
    }

    private static void assertInside(Shape s, double x1, double x2) {
        ShapeRegion r = ShapeRegion.paper(s);
        assertFalse(r.isTerminal(point(x1, x2), 0), s + " (" + x1 + ", " + x2 + ") should be inside");
        assertTrue(r.margin(point(x1, x2), 0) > 0);
    }

    private static void assertOutside(Shape s, double x1, double x2) {
        assertTrue(ShapeRegion.paper(s).isTerminal(point(x1, x2), 0), s + " (" + x1 + ", " + x2 + ") should be outside");
    }

    @Test
    void contextShapesFollowTheAgentsContext() {
        ContextShapes shapes = ContextShapes.paper();
        float[] p = point(0.15, 0.0); // inside the plus, outside the square
        shapes.setContext(Shape.SQUARE.ordinal());
        assertTrue(shapes.isTerminal(p, 0));
        shapes.setContext(Shape.PLUS.ordinal());
        assertFalse(shapes.isTerminal(p, 0));
        assertEquals("plus", shapes.name());
    }

    @Test
    void theCorridorJoinsTwoRooms() {
        Corridor c = Corridor.standard();
        assertEquals(-1, c.place(-0.2, 0));
        assertEquals(1, c.place(0.2, 0.05));
        assertEquals(0, c.place(0, 0.02));
        assertEquals(2, c.place(0, 0.04)); // beside the corridor
        assertEquals(2, c.place(-0.2, 0.11)); // beyond the left room
        assertFalse(c.isTerminal(point(0, 0.02), 0));
        assertTrue(c.isTerminal(point(0, 0.04), 0));
        assertEquals(0.1, c.margin(point(-0.2, 0), 0), 1e-6);
    }

    @Test
    void theExtrinsicRewardIsOneInsideTheInnerSquare() {
        ExtrinsicReward r = ExtrinsicReward.innerSquare(0.1, 0.1, 0.1, 0, 1);
        assertEquals(1f, r.reward(point(0.12, 0.08), 0));
        assertEquals(0f, r.reward(point(0.04, 0.1), 0));
    }
}
