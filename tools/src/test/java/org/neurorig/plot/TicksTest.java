package org.neurorig.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

class TicksTest {

    /** About the width of the learning curve's plot (pixels). */
    private static final double PLOT = 820;

    private final FontMetrics font = metrics();

    @Test
    void episodeLabelsNeverTouchAtAnyCount() {
        for (int episodes : new int[] {1, 2, 10, 100, 101, 150, 1000, 12345, 100000}) {
            Ticks t = Ticks.choose(1, episodes, PLOT, true, font::stringWidth);
            String what = episodes + " episodes: " + t.labels();
            assertFalse(t.values().isEmpty(), what);
            assertTrue(t.values().size() >= Math.min(episodes, 3), "enough ticks to read values off: " + what);
            assertTrue(t.values().size() <= 12, "a few ticks, not a ruler: " + what);
            assertTrue(t.step() >= 1 && t.step() == Math.rint(t.step()), "whole episodes only: " + what);
            for (int i = 0; i < t.values().size(); i++) {
                double v = t.values().get(i);
                assertTrue(v >= 1 && v <= episodes, what);
                assertEquals(0, v % t.step(), 1e-9, "multiples of the step: " + what);
                assertFalse(t.labels().get(i).contains("E") || t.labels().get(i).contains("."), what);
            }
            assertLabelsApart(t, 1, episodes, what);
        }
    }

    @Test
    void steps() {
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
                Ticks.choose(1, 10, PLOT, true, font::stringWidth).labels());
        assertEquals(List.of("20", "40", "60", "80", "100"), Ticks.choose(1, 100, 400, true, font::stringWidth).labels());
        assertEquals(20, Ticks.choose(1, 150, PLOT, true, font::stringWidth).step());
        assertEquals(10000, Ticks.choose(1, 100000, PLOT, true, font::stringWidth).step());
    }

    @Test
    void secondsGetDecimalsOnlyWhenTheStepHasThem() {
        Ticks tenSeconds = Ticks.choose(0, 9.98, PLOT, false, font::stringWidth);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), tenSeconds.labels());
        Ticks short_ = Ticks.choose(0, 0.4, PLOT, false, font::stringWidth);
        assertEquals("0.05", short_.labels().get(1), short_.labels().toString());
        assertLabelsApart(short_, 0, 0.4, short_.labels().toString());
        Ticks around = Ticks.choose(-0.23, 0.17, 300, false, font::stringWidth);
        assertEquals(List.of("-0.2", "-0.1", "0", "0.1"), around.labels());
    }

    @Test
    void plainNumbersHaveNoExponent() {
        assertEquals("10000", Ticks.plain(1e4));
        assertEquals("100000", Ticks.plain(99999.99999));
        assertEquals("0.1", Ticks.plain(0.1));
        assertEquals("1", Ticks.plain(1));
    }

    /** Line charts keep their legend below the plot, where it cannot cover a curve. */
    @Test
    void theLegendOfALineChartIsOutsideThePlot() {
        XYChart chart = Charts.lines("t", "x", "y", 600, 400);
        assertEquals(Styler.LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
    }

    /** Between two neighbouring labels, centred on their ticks, there is at least {@link Ticks#GAP}. */
    private void assertLabelsApart(Ticks t, double from, double to, String what) {
        for (int i = 1; i < t.values().size(); i++) {
            double previous = (t.values().get(i - 1) - from) / (to - from) * PLOT + font.stringWidth(t.labels().get(i - 1)) / 2.0;
            double next = (t.values().get(i) - from) / (to - from) * PLOT - font.stringWidth(t.labels().get(i)) / 2.0;
            assertTrue(next - previous >= Ticks.GAP, "labels " + t.labels().get(i - 1) + " and " + t.labels().get(i)
                    + " are " + (next - previous) + " px apart: " + what);
        }
    }

    private static FontMetrics metrics() {
        System.setProperty("java.awt.headless", "true");
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(Charts.lines("", "", "", 100, 100).getStyler().getAxisTickLabelsFont());
        } finally {
            g.dispose();
        }
    }
}
