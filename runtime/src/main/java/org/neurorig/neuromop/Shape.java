package org.neurorig.neuromop;

import java.util.Locale;

/**
 * The paper's regions in the plane of the two readout neurons (x1, x2), with its two lengths L+ and L-.
 * A state outside the region is terminal. {@link #depth} is positive inside: for the square, circle and
 * diamond it is the distance to the boundary; for the others a number that grows inward.
 */
public enum Shape {
    /** |x1| &lt;= L- and |x2| &lt;= L-. */
    SQUARE {
        @Override
        public double depth(double x1, double x2, double lPlus, double lMinus) {
            return lMinus - Math.max(Math.abs(x1), Math.abs(x2));
        }
    },
    /** Inside the L+ square, and inside the L- band of one axis at least. */
    PLUS {
        @Override
        public double depth(double x1, double x2, double lPlus, double lMinus) {
            double outer = lPlus - Math.max(Math.abs(x1), Math.abs(x2));
            double band = lMinus - Math.min(Math.abs(x1), Math.abs(x2));
            return Math.min(outer, band);
        }
    },
    /** sqrt(x1^2 + x2^2) &lt;= L+. */
    CIRCLE {
        @Override
        public double depth(double x1, double x2, double lPlus, double lMinus) {
            return lPlus - Math.sqrt(x1 * x1 + x2 * x2);
        }
    },
    /** |x1| + |x2| &lt;= L+. */
    DIAMOND {
        @Override
        public double depth(double x1, double x2, double lPlus, double lMinus) {
            return (lPlus - Math.abs(x1) - Math.abs(x2)) / Math.sqrt(2);
        }
    },
    /** (x1/L+)^2 + (x2/L-)^2 &lt;= 1. */
    OVAL {
        @Override
        public double depth(double x1, double x2, double lPlus, double lMinus) {
            double u = x1 / lPlus;
            double v = x2 / lMinus;
            return lMinus * (1 - Math.sqrt(u * u + v * v));
        }
    },
    /** (x1^2 + x2^2 - L-)^3 - x1^2 x2^3 &lt;= 0, as the paper writes it. */
    HEART {
        @Override
        public double depth(double x1, double x2, double lPlus, double lMinus) {
            double r = x1 * x1 + x2 * x2 - lMinus;
            return -(r * r * r - x1 * x1 * x2 * x2 * x2);
        }
    };

    /** Positive inside the region, zero on its boundary, negative outside. */
    public abstract double depth(double x1, double x2, double lPlus, double lMinus);

    /** Lower-case name, as on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
