package org.neurorig.learning;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.neurorig.network.RateNetwork;

/**
 * Which three-factor rule a controller network learns with, and its parameters, as one validated
 * record: what a rig profile or a command line names, turned into a rule on a network by
 * {@link #build}. {@link #defaults} are the settings {@code neurorig compare} learns cart-pole balancing
 * with in the control loop (see the README's "Learning in software vs on the hardware").
 *
 * @param kind          the rule
 * @param learningRate  eta of {@code Delta w = eta M e}
 * @param noise         the perturbation's size: sigma of node or weight perturbation (REINFORCE ignores it)
 * @param timing        online (with its trace decay) or episodic; weight perturbation is always episodic
 * @param baselineDecay the fraction of the reward prediction kept per reward (per tick online, per
 *                      episode episodic), in [0, 1)
 * @param twoSided      weight perturbation only: antithetic pairs of trials (+psi, then -psi from the same start)
 * @param plastic       the weights that learn; REINFORCE on a rate network learns its readout only
 */
public record RuleSettings(Kind kind, float learningRate, float noise, Timing timing, float baselineDecay,
        boolean twoSided, Set<WeightGroup> plastic) {

    /** The rules a rate-network controller can learn with. */
    public enum Kind {
        /** {@link NodePerturbation}: Gaussian noise on the units' outputs (here: the readout). */
        NODE_PERTURBATION("np"),
        /** {@link WeightPerturbation}: every plastic weight perturbed for a whole episode. */
        WEIGHT_PERTURBATION("wp"),
        /** {@link ReinforceReadout}: Bernoulli actions of -1 or +1 (bang-bang), Williams' REINFORCE. */
        REINFORCE("reinforce");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The short name used in profiles and options: np, wp, reinforce. */
        public String key() {
            return key;
        }

        /** The kind named {@code name} (np, wp, reinforce), or a one-line refusal naming the choices. */
        public static Kind parse(String name) {
            String k = name.trim().toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.key.equals(k)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown learning rule '" + name + "': expected np, wp or reinforce");
        }
    }

    public RuleSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timing, "timing");
        plastic = Set.copyOf(plastic);
        new LearningControls(learningRate, noise); // validates both, with their messages
        if (!(baselineDecay >= 0f && baselineDecay < 1f)) {
            throw new IllegalArgumentException("baseline decay = " + baselineDecay
                    + " is out of range: expected 0 <= decay < 1 (the fraction of the reward prediction kept per reward)");
        }
        if (kind == Kind.WEIGHT_PERTURBATION && timing.online()) {
            throw new IllegalArgumentException("weight perturbation learns per episode: its timing must be episodic");
        }
        if (twoSided && kind != Kind.WEIGHT_PERTURBATION) {
            throw new IllegalArgumentException("two-sided (antithetic) trials are a weight-perturbation setting, not " + kind.key());
        }
        if (kind == Kind.REINFORCE && !plastic.equals(Set.of(WeightGroup.READOUT))) {
            throw new IllegalArgumentException("REINFORCE on a rate network learns its readout only: plastic must be readout");
        }
    }

    /**
     * The settings {@code neurorig compare} uses, for a network whose readout, times 10 N, is the force,
     * fed the sensors scaled to about [-1, 1], with {@link org.neurorig.episode.CartPoleBalancing}'s shaped
     * reward; not the result of a systematic search. What they reach: the results of {@code neurorig compare}
     * in the documentation.
     */
    public static RuleSettings defaults(Kind kind) {
        Set<WeightGroup> readout = EnumSet.of(WeightGroup.READOUT);
        return switch (kind) {
            case NODE_PERTURBATION -> new RuleSettings(kind, 1e-4f, 0.5f, Timing.online(0.9f), 0.99f, false, readout);
            case WEIGHT_PERTURBATION -> new RuleSettings(kind, 1e-4f, 0.05f, Timing.episodic(), 0.9f, true, readout);
            case REINFORCE -> new RuleSettings(kind, 1e-3f, 0f, Timing.online(0.9f), 0.99f, false, readout);
        };
    }

    public RuleSettings withLearningRate(float value) {
        return new RuleSettings(kind, value, noise, timing, baselineDecay, twoSided, plastic);
    }

    public RuleSettings withNoise(float value) {
        return new RuleSettings(kind, learningRate, value, timing, baselineDecay, twoSided, plastic);
    }

    public RuleSettings withTiming(Timing value) {
        return new RuleSettings(kind, learningRate, noise, value, baselineDecay, twoSided, plastic);
    }

    public RuleSettings withBaselineDecay(float value) {
        return new RuleSettings(kind, learningRate, noise, timing, value, twoSided, plastic);
    }

    public RuleSettings withTwoSided(boolean value) {
        return new RuleSettings(kind, learningRate, noise, timing, baselineDecay, value, plastic);
    }

    /**
     * The rule on {@code network}'s weights, with its own {@link LearningControls} set to this
     * learning rate and noise (learning on).
     *
     * @param seed seeds the rule's perturbations
     */
    public ThreeFactorRule build(RateNetwork network, long seed) {
        LearningControls controls = new LearningControls(learningRate, noise);
        RewardBaseline baseline = twoSided ? RewardBaseline.none() : RewardBaseline.running(baselineDecay);
        return switch (kind) {
            case NODE_PERTURBATION -> NodePerturbation.forNetwork(network, plastic, timing, baseline, controls, seed);
            case WEIGHT_PERTURBATION -> WeightPerturbation.forNetwork(network, plastic, twoSided,
                    WeightPerturbation.Distribution.GAUSSIAN, baseline, controls, seed);
            case REINFORCE -> new ReinforceReadout(network, timing, baseline, controls, seed);
        };
    }

    /** One line for reports, e.g. {@code np: eta 1e-04, sigma 0.5, online lambda 0.9, baseline 0.99, readout}. */
    public String describe() {
        StringBuilder s = new StringBuilder(kind.key()).append(": eta ").append(String.format(Locale.ROOT, "%.3g", learningRate));
        if (kind != Kind.REINFORCE) {
            s.append(", sigma ").append(String.format(Locale.ROOT, "%.3g", noise));
        }
        s.append(timing.online() ? String.format(Locale.ROOT, ", online lambda %.3g", timing.traceDecay()) : ", episodic");
        s.append(twoSided ? ", two-sided" : String.format(Locale.ROOT, ", baseline decay %.3g", baselineDecay));
        s.append(", ").append(plastic.stream().map(g -> g.name().toLowerCase(Locale.ROOT)).sorted().toList());
        return s.toString();
    }
}
