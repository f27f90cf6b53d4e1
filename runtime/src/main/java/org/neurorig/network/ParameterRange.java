package org.neurorig.network;

/** Range checks that name the parameter and the range it must lie in. */
final class ParameterRange {

    private ParameterRange() {
    }

    static void count(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected an integer in ["
                    + min + ", " + max + "]");
        }
    }

    static void positive(String name, double value, String unit) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected a finite number > 0"
                    + (unit.isEmpty() ? "" : " (" + unit + ")"));
        }
    }

    static void nonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: expected a finite number >= 0");
        }
    }
}
