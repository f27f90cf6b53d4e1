package org.neurorig.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A raster of values in [-1, 1] (rows over time), blue through white to red, with labelled axes and a
 * colour bar. Drawn with Java2D: a heat map of thousands of cells is a picture, not a chart of series.
 */
public final class Raster {

    private static final int LEFT = 70;
    private static final int RIGHT = 110;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Raster() {
    }

    /**
     * Draws {@code values[row][column]}.
     *
     * @param xFrom  the x value at the left edge of the first column (e.g. seconds)
     * @param xTo    the x value at the right edge of the last column
     * @param yTitle what a row is
     */
    public static BufferedImage draw(float[][] values, String title, String xTitle, double xFrom, double xTo, String yTitle,
            int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int plotW = width - LEFT - RIGHT;
            int plotH = height - TOP - BOTTOM;
            int rows = values.length;
            int cols = rows == 0 ? 0 : values[0].length;
            for (int r = 0; r < rows; r++) {
                int y0 = TOP + plotH - (r + 1) * plotH / rows;
                int y1 = TOP + plotH - r * plotH / rows;
                for (int c = 0; c < cols; c++) {
                    int x0 = LEFT + c * plotW / cols;
                    int x1 = LEFT + (c + 1) * plotW / cols;
                    g.setColor(colour(values[r][c]));
                    g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, TOP, plotW, plotH);
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 14);
            g.setFont(bold);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (width - fm.stringWidth(title)) / 2, TOP - 14);
            g.setFont(plain);
            fm = g.getFontMetrics();
            for (int i = 0; i <= 5; i++) { // x ticks
                double x = xFrom + i * (xTo - xFrom) / 5;
                int px = LEFT + i * plotW / 5;
                g.drawLine(px, TOP + plotH, px, TOP + plotH + 4);
                String label = String.format(Locale.ROOT, Math.abs(xTo - xFrom) < 10 ? "%.2f" : "%.1f", x);
                g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + 18);
            }
            g.drawString(xTitle, LEFT + (plotW - fm.stringWidth(xTitle)) / 2, TOP + plotH + 40);
            int yStep = Math.max(1, rows / 8);
            for (int r = 0; r < rows; r += yStep) { // y ticks at row centres
                int py = TOP + plotH - (2 * r + 1) * plotH / (2 * rows);
                g.drawLine(LEFT - 4, py, LEFT, py);
                String label = Integer.toString(r);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
            }
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yTitle, -(TOP + (plotH + fm.stringWidth(yTitle)) / 2), 20);
            g.setTransform(saved);
            int barX = LEFT + plotW + 30;
            for (int py = 0; py < plotH; py++) { // colour bar, +1 at the top
                g.setColor(colour((float) (1 - 2.0 * py / plotH)));
                g.drawLine(barX, TOP + py, barX + 18, TOP + py);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(barX, TOP, 18, plotH);
            g.drawString("+1", barX + 24, TOP + 10);
            g.drawString("0", barX + 24, TOP + plotH / 2 + 4);
            g.drawString("-1", barX + 24, TOP + plotH);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** -1 blue, 0 white, +1 red; NaN grey. */
    static Color colour(float v) {
        if (Float.isNaN(v)) {
            return Color.LIGHT_GRAY;
        }
        float t = Math.max(-1f, Math.min(1f, v));
        if (t >= 0) {
            return new Color(255, Math.round(255 * (1 - t * 0.85f)), Math.round(255 * (1 - t * 0.85f)));
        }
        return new Color(Math.round(255 * (1 + t * 0.85f)), Math.round(255 * (1 + t * 0.7f)), 255);
    }
}
