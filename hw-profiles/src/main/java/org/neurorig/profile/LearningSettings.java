package org.neurorig.profile;

import java.util.Locale;
import java.util.Set;
import org.neurorig.learning.MiconiPerturbation;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightGroup;
import org.neurorig.learning.WeightPerturbation;

/**
 * How the controller network learns while it controls: the profile's {@code [learning]} table, with the
 * parameters of the rule in use (from {@code [learning.RULE]}, where a key written in {@code [learning]}
 * itself wins).
 *
 * @param rule          the learning rule, or {@link Rule#NONE} for a network that only runs
 * @param eta           the learning rate (weight per reward x score)
 * @param noise         the perturbation's size: sigma (np, wp), the kick amplitude A (miconi); 0 for reinforce
 * @param plastic       which weights learn
 * @param timing        episodic, or online with its trace decay and update block K
 * @param baselineDecay the fraction of the reward prediction kept per reward (per episode with a per-step baseline)
 * @param perStepBaseline an online rule's baseline predicts each tick's reward from the same tick of earlier
 *                      episodes ({@code baseline = "per-step"}) instead of from every reward as it comes
 * @param twoSided      weight perturbation: antithetic pairs of trials (+psi, -psi)
 * @param distribution  weight perturbation: Gaussian psi or +-sigma
 * @param miconi        Miconi's constants (probability, running-average keep, clip); null for other rules
 * @param seed          seeds the rule's noise
 */
public record LearningSettings(Rule rule, float eta, float noise, Set<WeightGroup> plastic, Timing timing,
        float baselineDecay, boolean perStepBaseline, boolean twoSided, WeightPerturbation.Distribution distribution,
        MiconiPerturbation.Settings miconi, long seed) {

    /** The rules a profile can name. */
    public enum Rule {
        /** Node perturbation (Gaussian noise into the units and onto the readout): {@code NodePerturbation}. */
        NP,
        /** Weight perturbation, one trial per episode: {@code WeightPerturbation}. */
        WP,
        /** REINFORCE on the readout with Bernoulli actions (bang-bang force): {@code ReinforceReadout}. */
        REINFORCE,
        /** Miconi's sparse-kick node perturbation on the units' weights: {@code MiconiPerturbation}. */
        MICONI,
        /** No learning: the network runs on its weights. */
        NONE;

        /** The name a profile writes, e.g. {@code np}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LearningSettings {
        plastic = Set.copyOf(plastic);
    }

    /** A network that does not learn. */
    public static LearningSettings none() {
        return new LearningSettings(Rule.NONE, 0f, 0f, Set.of(), Timing.episodic(), 0f, false, false,
                WeightPerturbation.Distribution.GAUSSIAN, null, 1);
    }

    /** One line for listings, e.g. {@code np eta 0.01 noise 0.05 readout episodic}. */
    public String summary() {
        if (rule == Rule.NONE) {
            return "no learning";
        }
        StringBuilder b = new StringBuilder(rule.key()).append(" eta ").append(decimal(eta));
        if (rule != Rule.REINFORCE) {
            b.append(" noise ").append(decimal(noise));
        }
        b.append(' ').append(String.join("+", plastic.stream().sorted().map(g -> g.name().toLowerCase(Locale.ROOT)).toList()));
        b.append(timing.online() ? " online" + (timing.updateEvery() > 1 ? " every " + timing.updateEvery() : "")
                + (timing.spreadUpdates() ? " spread" : "") : " episodic");
        if (perStepBaseline) {
            b.append(" per-step baseline");
        }
        return b.toString();
    }

    /** A float as written in a profile: 0.0002, not 1.9999999494757503E-4. */
    private static String decimal(float f) {
        return new java.math.BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
    }
}
