package org.neurorig.network;

/** Where the nonlinearity sits in a rate unit's Euler update. */
public enum UpdateForm {
    /**
     * NeuroMOP's form: {@code x <- x + dt (-x/tau + Phi(J x + B u + I))}; the activity that the
     * recurrent and readout weights see is x itself.
     */
    PHI_OF_SUM,
    /**
     * Miconi (2017)'s form: {@code x <- x + (dt/tau)(-x + J r + B u + I)}, {@code r = Phi(x)}; the
     * activity that the recurrent and readout weights see is the rate r.
     */
    SUM_OF_PHI;

    /** Parses {@code phi-of-sum} or {@code sum-of-phi} (as written in a profile). */
    public static UpdateForm parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "phi-of-sum" -> PHI_OF_SUM;
            case "sum-of-phi" -> SUM_OF_PHI;
            default -> throw new IllegalArgumentException(
                    "unknown update form '" + text + "': expected phi-of-sum or sum-of-phi");
        };
    }
}
