package org.neurorig.plant.nonideal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The hardware non-idealities of a simulated rig, in one validated record. Every effect is off at
 * zero, so {@link #none()} (all zeros but the pulley's travel) is the ideal plant. Actuator effects
 * are fractions of the full-scale command, so they mean the same on a cart-pole pushed with 10 N or
 * 40 N. A rig profile sets values by key ({@link #with}); a sweep uses {@link #severity} (every effect
 * scaled together, none at 0 to strong at 1) or {@link #only} (one effect at a time).
 *
 * @param delayTicks       actuator delay, ticks
 * @param holdTicks        the actuator takes a new command every this many ticks (0 or 1: every tick)
 * @param pwmBits          PWM resolution, bits (0: exact)
 * @param deadband         half-width of the motor's dead zone, fraction of full scale
 * @param saturation       fraction of full scale the motor cannot reach
 * @param gainError        relative motor gain error
 * @param coulombFriction  Coulomb friction on the cart, N
 * @param viscousFriction  viscous friction on the cart, N s/m
 * @param pivotFriction    viscous friction at the pole's pivot, N m s/rad
 * @param noiseX           sensor noise on x, m
 * @param noiseXDot        sensor noise on x_dot, m/s
 * @param noiseTheta       sensor noise on theta, rad
 * @param noiseThetaDot    sensor noise on theta_dot, rad/s
 * @param cartEncoderCpr   cart encoder counts per revolution (0: exact position and velocity)
 * @param poleEncoderCpr   pole encoder counts per revolution (0: exact angle and angular velocity)
 * @param cartTravelPerRev cart travel per revolution of its encoder's shaft (pulley circumference), m
 * @param massCartError    relative error of the cart's mass
 * @param massPoleError    relative error of the pole's mass
 * @param lengthError      relative error of the pole's half-length
 * @param jitter           standard deviation of each tick's wake-up latency, s
 * @param thetaOffset      constant offset added to the pole-angle sensor, rad
 * @param forceBias        constant force added to the motor's, N
 */
public record NonIdealities(int delayTicks, int holdTicks, int pwmBits, double deadband, double saturation,
        double gainError, double coulombFriction, double viscousFriction, double pivotFriction, double noiseX,
        double noiseXDot, double noiseTheta, double noiseThetaDot, int cartEncoderCpr, int poleEncoderCpr,
        double cartTravelPerRev, double massCartError, double massPoleError, double lengthError, double jitter,
        double thetaOffset, double forceBias) {

    /** One settable value: its key in a rig profile, unit, range, and value at a given severity. */
    public record Parameter(String key, Effect effect, String unit, String meaning, double min, double max,
            boolean integer, DoubleUnaryOperator atSeverity) {

        /** The allowed range as a message fragment, e.g. "an integer from 0 to 100". */
        public String range() {
            String lo = integer ? Long.toString((long) min) : trim(min);
            String hi = Double.isInfinite(max) ? null : (integer ? Long.toString((long) max) : trim(max));
            if (integer) {
                return hi == null ? "an integer >= " + lo : "an integer from " + lo + " to " + hi;
            }
            if (key.endsWith("_error")) {
                return "a number above " + lo + (hi == null ? "" : " and at most " + hi);
            }
            if (max == 1 && (key.equals("deadband") || key.equals("saturation"))) {
                return "a fraction from 0 to below 1";
            }
            return hi == null ? "a finite number >= " + lo : "a number from " + lo + " to " + hi;
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** The pulley of a typical belt-driven cart: a GT2 belt on a 20-tooth pulley moves 40 mm per turn. */
    public static final double DEFAULT_CART_TRAVEL_PER_REV = 0.04;

    /** Every parameter, in the record's order. Its values at severity 1 are the "strong" preset. */
    public static final List<Parameter> PARAMETERS = List.of(
            new Parameter("delay_ticks", Effect.DELAY, "ticks", "the motor receives the command written this many ticks earlier",
                    0, 100, true, s -> Math.rint(2 * s)),
            new Parameter("hold_ticks", Effect.HOLD, "ticks", "the motor takes a new command every this many ticks (0 or 1: every tick)",
                    0, 100, true, s -> s == 0 ? 0 : 1 + Math.rint(s)),
            new Parameter("pwm_bits", Effect.PWM, "bits", "duty-cycle resolution: 2^bits - 1 steps of full scale either way (0: exact)",
                    0, 24, true, s -> s == 0 ? 0 : Math.rint(6 + 6 * (1 - s))),
            new Parameter("deadband", Effect.DEADBAND, "fraction of full scale", "commands within +-deadband give no force; beyond, the force starts from zero",
                    0, 1, false, s -> 0.1 * s),
            new Parameter("saturation", Effect.SATURATION, "fraction of full scale", "the motor delivers at most (1 - saturation) of full scale",
                    0, 1, false, s -> 0.3 * s),
            new Parameter("gain_error", Effect.GAIN, "relative", "the motor's force is (1 + gain_error) times the commanded force",
                    -1, 10, false, s -> -0.25 * s),
            new Parameter("coulomb_friction", Effect.FRICTION, "N", "a constant force against the cart's motion; holds it at rest against smaller pushes",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.5 * s),
            new Parameter("viscous_friction", Effect.FRICTION, "N s/m", "a force against the cart's motion, proportional to its speed",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.5 * s),
            new Parameter("pivot_friction", Effect.FRICTION, "N m s/rad", "a torque against the pole's swing, proportional to its angular speed",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.001 * s),
            new Parameter("noise_x", Effect.NOISE, "m", "standard deviation of Gaussian noise on the x sensor",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.005 * s),
            new Parameter("noise_x_dot", Effect.NOISE, "m/s", "standard deviation of Gaussian noise on the x_dot sensor",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.05 * s),
            new Parameter("noise_theta", Effect.NOISE, "rad", "standard deviation of Gaussian noise on the theta sensor",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.005 * s),
            new Parameter("noise_theta_dot", Effect.NOISE, "rad/s", "standard deviation of Gaussian noise on the theta_dot sensor",
                    0, Double.POSITIVE_INFINITY, false, s -> 0.05 * s),
            new Parameter("cart_encoder_cpr", Effect.ENCODER, "counts/rev", "x rounded to whole counts, x_dot from counts per tick (0: exact)",
                    0, 1 << 24, true, s -> s == 0 ? 0 : Math.min(1 << 24, Math.rint(200 / s))),
            new Parameter("pole_encoder_cpr", Effect.ENCODER, "counts/rev", "theta rounded to whole counts, theta_dot from counts per tick (0: exact)",
                    0, 1 << 24, true, s -> s == 0 ? 0 : Math.min(1 << 24, Math.rint(512 / s))),
            new Parameter("cart_travel_per_rev", Effect.ENCODER, "m", "cart travel per turn of the cart encoder's shaft (the pulley's circumference)",
                    0, Double.POSITIVE_INFINITY, false, s -> DEFAULT_CART_TRAVEL_PER_REV),
            new Parameter("mass_cart_error", Effect.MISMATCH, "relative", "the rig's cart mass is (1 + error) times the model's",
                    -1, 10, false, s -> 0.3 * s),
            new Parameter("mass_pole_error", Effect.MISMATCH, "relative", "the rig's pole mass is (1 + error) times the model's",
                    -1, 10, false, s -> 0.5 * s),
            new Parameter("length_error", Effect.MISMATCH, "relative", "the rig's pole half-length is (1 + error) times the model's",
                    -1, 10, false, s -> 0.2 * s),
            new Parameter("jitter", Effect.JITTER, "s", "standard deviation of each tick's wake-up latency (late only, capped at half a tick)",
                    0, 1, false, s -> 0.002 * s),
            new Parameter("theta_offset", Effect.OFFSET, "rad", "a constant added to the pole-angle sensor (its zero is off)",
                    -0.5, 0.5, false, s -> 0.035 * s),
            new Parameter("force_bias", Effect.BIAS, "N", "a constant force added to the motor's (a tilted track, an H-bridge offset)",
                    -100, 100, false, s -> 0.5 * s));

    /** Named severities of {@link #preset}. */
    private static final List<String> LEVELS = List.of("none", "mild", "moderate", "strong");

    public NonIdealities {
        double[] v = {delayTicks, holdTicks, pwmBits, deadband, saturation, gainError, coulombFriction,
            viscousFriction, pivotFriction, noiseX, noiseXDot, noiseTheta, noiseThetaDot, cartEncoderCpr,
            poleEncoderCpr, cartTravelPerRev, massCartError, massPoleError, lengthError, jitter, thetaOffset, forceBias};
        for (int i = 0; i < v.length; i++) {
            check(PARAMETERS.get(i), v[i]);
        }
        if (cartEncoderCpr > 0 && !(cartTravelPerRev > 0)) {
            throw new IllegalArgumentException("nonideal.cart_travel_per_rev = " + cartTravelPerRev
                    + " must be > 0 when cart_encoder_cpr is set (it is " + cartEncoderCpr + ")");
        }
    }

    private static void check(Parameter p, double value) {
        boolean exclusiveMin = p.key().endsWith("_error");
        boolean exclusiveMax = p.max() == 1 && (p.key().equals("deadband") || p.key().equals("saturation"));
        boolean ok = Double.isFinite(value)
                && (exclusiveMin ? value > p.min() : value >= p.min())
                && (exclusiveMax ? value < p.max() : value <= p.max())
                && (!p.integer() || value == Math.rint(value));
        if (!ok) {
            throw new IllegalArgumentException("nonideal." + p.key() + " = " + format(value)
                    + " is out of range: expected " + p.range() + " (" + p.unit() + ")");
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The ideal rig: every effect off. */
    public static NonIdealities none() {
        return severity(0);
    }

    /**
     * Every effect together at {@code severity}, from 0 (none) to 1 (strong): continuous values scale
     * linearly, the delay and hold round to whole ticks, and quantization steps grow in proportion.
     */
    public static NonIdealities severity(double severity) {
        checkSeverity(severity);
        double[] v = new double[PARAMETERS.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = PARAMETERS.get(i).atSeverity().applyAsDouble(severity) + 0.0; // -0.0 becomes 0.0
        }
        return of(v);
    }

    /** One effect at {@code severity} (0 to 1), everything else off. */
    public static NonIdealities only(Effect effect, double severity) {
        checkSeverity(severity);
        double[] v = new double[PARAMETERS.size()];
        for (int i = 0; i < v.length; i++) {
            Parameter p = PARAMETERS.get(i);
            v[i] = p.atSeverity().applyAsDouble(p.effect() == effect ? severity : 0) + 0.0;
        }
        return of(v);
    }

    private static void checkSeverity(double severity) {
        if (!(severity >= 0 && severity <= 1)) {
            throw new IllegalArgumentException("severity = " + severity + " is out of range: expected 0 (none) to 1 (strong)");
        }
    }

    /**
     * A named preset: {@code none}, {@code mild}, {@code moderate} or {@code strong} (every effect at
     * severity 0, 1/3, 2/3 or 1), or an effect's name (e.g. {@code friction}: that effect alone, strong).
     */
    public static NonIdealities preset(String name) {
        int level = LEVELS.indexOf(name);
        if (level >= 0) {
            return severity(level / 3.0);
        }
        for (Effect e : Effect.values()) {
            if (e.presetName().equals(name)) {
                return only(e, 1);
            }
        }
        throw new IllegalArgumentException("no non-ideality preset named '" + name + "': expected one of "
                + String.join(", ", presetNames()));
    }

    /** Every name {@link #preset} accepts. */
    public static List<String> presetNames() {
        List<String> names = new ArrayList<>(LEVELS);
        for (Effect e : Effect.values()) {
            names.add(e.presetName());
        }
        return names;
    }

    /**
     * This configuration with one value changed, by its key in a rig profile (e.g. {@code delay_ticks}).
     * An unknown key or a value out of range is refused with a message naming the key and the range.
     */
    public NonIdealities with(String key, double value) {
        double[] v = values();
        for (int i = 0; i < v.length; i++) {
            if (PARAMETERS.get(i).key().equals(key)) {
                v[i] = value;
                return of(v);
            }
        }
        List<String> keys = PARAMETERS.stream().map(Parameter::key).toList();
        throw new IllegalArgumentException("unknown non-ideality 'nonideal." + key + "': expected one of " + String.join(", ", keys));
    }

    /** The values in the order of {@link #PARAMETERS}. */
    public double[] values() {
        return new double[] {delayTicks, holdTicks, pwmBits, deadband, saturation, gainError, coulombFriction,
            viscousFriction, pivotFriction, noiseX, noiseXDot, noiseTheta, noiseThetaDot, cartEncoderCpr,
            poleEncoderCpr, cartTravelPerRev, massCartError, massPoleError, lengthError, jitter, thetaOffset, forceBias};
    }

    private static NonIdealities of(double[] v) {
        for (int i = 0; i < v.length; i++) {
            check(PARAMETERS.get(i), v[i]); // before the int casts below can hide a fraction or an overflow
        }
        return new NonIdealities((int) v[0], (int) v[1], (int) v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], (int) v[13], (int) v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21]);
    }

    /** Whether an effect is on (any of its values differs from off). */
    public boolean has(Effect effect) {
        return switch (effect) {
            case DELAY -> delayTicks > 0;
            case HOLD -> holdTicks > 1;
            case PWM -> pwmBits > 0;
            case DEADBAND -> deadband > 0;
            case SATURATION -> saturation > 0;
            case GAIN -> gainError != 0;
            case FRICTION -> coulombFriction > 0 || viscousFriction > 0 || pivotFriction > 0;
            case NOISE -> noiseX > 0 || noiseXDot > 0 || noiseTheta > 0 || noiseThetaDot > 0;
            case ENCODER -> cartEncoderCpr > 0 || poleEncoderCpr > 0;
            case MISMATCH -> massCartError != 0 || massPoleError != 0 || lengthError != 0;
            case JITTER -> jitter > 0;
            case OFFSET -> thetaOffset != 0;
            case BIAS -> forceBias != 0;
        };
    }

    /** Whether every effect is off: the plant built from this is the ideal plant itself. */
    public boolean isIdeal() {
        for (Effect e : Effect.values()) {
            if (has(e)) {
                return false;
            }
        }
        return true;
    }

    /** The effects that are on, e.g. {@code "delay_ticks=2 pwm_bits=6"}; {@code "none"} when ideal. */
    public String describe() {
        double[] v = values();
        double[] off = none().values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            Parameter p = PARAMETERS.get(i);
            boolean travelInUse = p.key().equals("cart_travel_per_rev") && cartEncoderCpr > 0;
            if (v[i] != off[i] || travelInUse) {
                b.append(b.isEmpty() ? "" : " ").append(p.key()).append('=').append(format(v[i]));
            }
        }
        return b.isEmpty() ? "none" : b.toString();
    }

    @Override
    public String toString() {
        return "NonIdealities[" + describe() + "]";
    }

    /** The values as a key=value table, for a command's listing. */
    public String table() {
        double[] v = values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(String.format(Locale.ROOT, "  %-20s %s%n", PARAMETERS.get(i).key(), format(v[i])));
        }
        return b.toString();
    }
}
