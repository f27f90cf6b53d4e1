package org.neurorig.kernel;

import java.util.Locale;

/**
 * The unit transfer functions a network can use, with their derivatives (for model-based gradients).
 *
 * <p>tanh and the logistic sigmoid are computed by {@link #tanh(float)}, a rational function of
 * additions, multiplications, one division and fused multiply-adds, all of which IEEE 754 defines
 * exactly. {@code Math.tanh} and the Vector API's {@code TANH} are only specified to within ulps, and
 * the Vector API's differs between interpreted and compiled code, so with them the same seed could
 * give a different trajectory depending on what the JIT had done. With these, the scalar and the SIMD
 * kernels compute the same bits, on every CPU.
 */
public enum Nonlinearity {
    TANH {
        @Override
        public float apply(float h) {
            return tanh(h);
        }

        @Override
        public float derivative(float h) {
            float t = tanh(h);
            return 1f - t * t;
        }
    },
    RELU {
        @Override
        public float apply(float h) {
            return h > 0f ? h : 0f;
        }

        @Override
        public float derivative(float h) {
            return h > 0f ? 1f : 0f;
        }
    },
    SIGMOID {
        @Override
        public float apply(float h) {
            return 0.5f * tanh(0.5f * h + 0f) + 0.5f; // sigma(h) = (1 + tanh(h/2)) / 2, exactly
        }

        @Override
        public float derivative(float h) {
            float s = apply(h);
            return s * (1f - s);
        }
    },
    IDENTITY {
        @Override
        public float apply(float h) {
            return h;
        }

        @Override
        public float derivative(float h) {
            return 1f;
        }
    };

    /*
     * tanh(x) ~ x P(x^2) / Q(x^2) for |x| <= 9, saturated beyond (tanh(9) rounds to 1 in float).
     * Coefficients: our own least-squares rational fit of relative error on [0, 9] (degree 4 over 4 in
     * x^2). Its error in float: at most 3.4e-7 from the exact tanh, absolute and relative (NonlinearityTest
     * checks it every 1e-5 over [-20, 20]).
     */
    static final float TANH_CLAMP = 9f;
    static final float P0 = 1.0f;
    static final float P1 = 0.13392432f;
    static final float P2 = 0.0035091336f;
    static final float P3 = 2.0831938e-05f;
    static final float P4 = 1.3663397e-08f;
    static final float Q1 = 0.4672575f;
    static final float Q2 = 0.025928518f;
    static final float Q3 = 3.3077848e-04f;
    static final float Q4 = 7.902931e-07f;

    /** The tanh every kernel uses; the vector kernels repeat these exact operations lane by lane. */
    public static float tanh(float h) {
        float x = Math.min(Math.max(h, -TANH_CLAMP), TANH_CLAMP);
        float s = x * x;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(P4, s, P3), s, P2), s, P1), s, P0);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Q4, s, Q3), s, Q2), s, Q1), s, 1f);
        // The fit ripples by up to 3.4e-7 around the exact curve; near saturation that would poke past 1.
        return Math.min(Math.max(x * p / q, -1f), 1f);
    }

    public abstract float apply(float h);

    public abstract float derivative(float h);

    /** Parses a name as written in a profile or on the command line ("tanh", "relu", ...). */
    public static Nonlinearity parse(String name) {
        for (Nonlinearity phi : values()) {
            if (phi.name().equalsIgnoreCase(name.trim())) {
                return phi;
            }
        }
        throw new IllegalArgumentException("unknown nonlinearity '" + name + "': expected one of "
                + String.join(", ", names()));
    }

    static String[] names() {
        Nonlinearity[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].name().toLowerCase(Locale.ROOT);
        }
        return names;
    }
}
