package org.neurorig.profile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurorig.learning.MiconiPerturbation;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightGroup;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.profile.LearningSettings.Rule;

/**
 * The {@code [learning]} table: {@code rule} names the rule in use and {@code [learning.np]},
 * {@code [learning.wp]}, {@code [learning.reinforce]}, {@code [learning.miconi]} hold each rule's
 * parameters, so a profile can carry settings for every rule and switching rules is one override
 * ({@code --set learning.rule=wp}). A rule's key written in {@code [learning]} itself sets the rule in
 * use and wins over its table ({@code --set learning.eta=0.01}). Every table is validated, the unused
 * ones too; a key of another rule is named as such.
 */
final class LearningReader {

    private static final Map<String, Rule> RULES = ProfileSection.choices(Map.entry("np", Rule.NP),
            Map.entry("wp", Rule.WP), Map.entry("reinforce", Rule.REINFORCE), Map.entry("miconi", Rule.MICONI),
            Map.entry("none", Rule.NONE));
    private static final List<Rule> LEARNING_RULES = List.of(Rule.NP, Rule.WP, Rule.REINFORCE, Rule.MICONI);
    // Defaults (declared before KEYS, whose reading uses them) for a rule whose table leaves them out; the shipped profiles write theirs.
    private static final Map<Rule, Double> DEFAULT_ETA = Map.of(Rule.NP, 0.01, Rule.WP, 0.01, Rule.REINFORCE, 0.01,
            Rule.MICONI, 0.1);
    private static final Map<Rule, Double> DEFAULT_NOISE = Map.of(Rule.NP, 0.1, Rule.WP, 0.05, Rule.REINFORCE, 0.0,
            Rule.MICONI, 0.5);

    /** The keys each rule takes, learned by reading an empty table (so they are written only once, below). */
    private static final Map<Rule, List<String>> KEYS = new EnumMap<>(Rule.class);

    static {
        for (Rule r : LEARNING_RULES) {
            ProfileSection probe = ProfileSection.probe();
            rule(r, new Keys(null, probe), 0.02, 0);
            KEYS.put(r, probe.knownKeys());
        }
    }

    private LearningReader() {
    }

    /**
     * @param dt the loop's period in seconds (an online trace's time constant becomes a decay per tick)
     */
    static LearningSettings read(ProfileSection s, double dt) {
        if (!s.present()) {
            return LearningSettings.none();
        }
        Rule rule = s.choice("rule", RULES, null);
        long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        LearningSettings chosen = noLearning(seed);
        for (Rule r : LEARNING_RULES) {
            ProfileSection own = s.section(r.key(), false);
            if (r == rule) {
                chosen = rule(r, new Keys(s, own), dt, seed);
            } else if (own.present()) {
                rule(r, new Keys(null, own), dt, seed); // checked, not used
            }
            misplaced(own, r, true);
        }
        misplaced(s, rule == null ? Rule.NONE : rule, false);
        return chosen;
    }

    private static LearningSettings noLearning(long seed) {
        LearningSettings n = LearningSettings.none();
        return new LearningSettings(n.rule(), n.eta(), n.noise(), n.plastic(), n.timing(), n.baselineDecay(),
                n.perStepBaseline(), n.twoSided(), n.distribution(), n.miconi(), seed);
    }

    /** Where a rule's key is read from: {@code [learning]} for the rule in use when written there, else its own table. */
    private record Keys(ProfileSection flat, ProfileSection own) {
        ProfileSection at(String key) {
            boolean inOwnTable = own.has(key); // known there even when [learning] overrides it
            return flat != null && flat.has(key) ? flat : own;
        }
    }

    /** Keys left unread in {@code table} that belong to another rule: say whose they are. */
    private static void misplaced(ProfileSection table, Rule inUse, boolean ruleTable) {
        for (String key : table.unreadKeys()) {
            List<String> owners = new ArrayList<>();
            for (Rule r : LEARNING_RULES) {
                if (r != inUse && KEYS.get(r).contains(key)) {
                    owners.add(r.key());
                }
            }
            if (owners.isEmpty()) {
                continue; // an unknown key: reported with a suggestion once the whole profile is read
            }
            table.has(key);
            String whose = "is a parameter of " + (owners.size() == 1 ? "rule " : "rules ") + String.join(", ", owners);
            table.problem(key, ruleTable
                    ? whose + ", not of " + inUse.key() + ": move it to [learning." + owners.getFirst() + "]"
                    : whose + ", and the rule in use is " + inUse.key() + ": put it in [learning." + owners.getFirst()
                    + "], or set learning.rule = \"" + owners.getFirst() + "\"");
        }
    }

    private static LearningSettings rule(Rule r, Keys k, double dt, long seed) {
        float eta = (float) k.at("eta").number("eta", 0, 100, DEFAULT_ETA.get(r));
        float noise = r == Rule.REINFORCE ? 0f : (float) k.at("noise").number("noise", 0, 1000, DEFAULT_NOISE.get(r));
        Set<WeightGroup> plastic = r == Rule.REINFORCE ? EnumSet.of(WeightGroup.READOUT) : plastic(k, r);
        Timing timing = r == Rule.WP ? Timing.episodic() : timing(k, r, dt);
        double decayWritten = k.at("baseline_decay").number("baseline_decay", 0, 1, 0.9);
        float baselineDecay = (float) decayWritten;
        if (baselineDecay >= 1f) { // the rule keeps it as a float, where 0.99999999 is 1
            k.at("baseline_decay").problem("baseline_decay", ProfileSection.format(decayWritten) + roundsToOne(decayWritten)
                    + " would never update the reward prediction: expected 0 <= decay < 1 (the fraction of the prediction"
                    + " kept per reward)");
            baselineDecay = 0.9f;
        }
        boolean perStep = false;
        if (r != Rule.WP) { // weight perturbation has one return per trial: nothing to predict per tick
            ProfileSection baselineAt = k.at("baseline");
            perStep = baselineAt.choice("baseline", ProfileSection.choices(Map.entry("running", false),
                    Map.entry("per-step", true)), false);
            if (perStep && !timing.online()) {
                baselineAt.problem("baseline", "\"per-step\" predicts each tick's reward of an online rule, and "
                        + episodic(k.at("timing")) + ": an episodic rule has one return per episode (use \"running\")");
                perStep = false;
            }
        }
        boolean twoSided = false;
        WeightPerturbation.Distribution distribution = WeightPerturbation.Distribution.GAUSSIAN;
        MiconiPerturbation.Settings miconi = null;
        if (r == Rule.WP) {
            twoSided = k.at("two_sided").bool("two_sided", true);
            distribution = k.at("distribution").choice("distribution", ProfileSection.choices(
                    Map.entry("gaussian", WeightPerturbation.Distribution.GAUSSIAN),
                    Map.entry("binary", WeightPerturbation.Distribution.BINARY)), WeightPerturbation.Distribution.GAUSSIAN);
        } else if (r == Rule.MICONI) {
            double probability = k.at("probability").number("probability", 1e-9, 1, 0.02);
            double keep = k.at("average_keep").number("average_keep", 0, 1, 0.05);
            if ((float) keep >= 1f) { // kept as a float, where 0.99999999 is 1
                k.at("average_keep").problem("average_keep", ProfileSection.format(keep) + roundsToOne(keep)
                        + " would freeze the running average: expected 0 <= k < 1");
                keep = 0.05;
            }
            double clip = k.at("clip").number("clip", 1e-9, 100, 3e-4);
            miconi = new MiconiPerturbation.Settings(probability, (float) keep, (float) clip);
        }
        return new LearningSettings(r, eta, noise, plastic, timing, baselineDecay, perStep, twoSided, distribution, miconi, seed);
    }

    /** Says so when a value below 1 is 1 as the float a rule keeps it in. */
    private static String roundsToOne(double value) {
        return value < 1 ? " (1 as a single-precision float)" : "";
    }

    /** Where the timing was made episodic, for a message about a key that needs it online. */
    private static String episodic(ProfileSection timingAt) {
        return timingAt.has("timing") ? timingAt.keyName("timing") + " = \"episodic\" (" + timingAt.originOf("timing") + ")"
                : "timing is episodic (the default)";
    }

    private static Set<WeightGroup> plastic(Keys k, Rule r) {
        Map<String, WeightGroup> allowed = r == Rule.MICONI
                ? ProfileSection.choices(Map.entry("recurrent", WeightGroup.RECURRENT), Map.entry("input", WeightGroup.INPUT))
                : ProfileSection.choices(Map.entry("readout", WeightGroup.READOUT),
                        Map.entry("recurrent", WeightGroup.RECURRENT), Map.entry("input", WeightGroup.INPUT));
        List<WeightGroup> fallback = r == Rule.MICONI ? List.of(WeightGroup.RECURRENT) : List.of(WeightGroup.READOUT);
        List<WeightGroup> groups = k.at("plastic").choiceList("plastic", allowed, fallback);
        return groups.isEmpty() ? EnumSet.copyOf(fallback) : EnumSet.copyOf(groups);
    }

    private static Timing timing(Keys k, Rule r, double dt) {
        ProfileSection timingAt = k.at("timing");
        boolean online = timingAt.choice("timing", ProfileSection.choices(Map.entry("episodic", false),
                Map.entry("online", true)), false);
        ProfileSection decayAt = k.at("trace_decay");
        boolean hasDecay = decayAt.has("trace_decay");
        double decay = decayAt.number("trace_decay", 0, 1, 0.9);
        ProfileSection tauAt = k.at("trace_tau");
        boolean hasTau = tauAt.has("trace_tau");
        double tau = tauAt.number("trace_tau", 1e-4, 1e4, 0.2);
        if (hasDecay && hasTau) {
            decayAt.problem("trace_decay", "is set together with " + tauAt.keyName("trace_tau") + " ("
                    + tauAt.originOf("trace_tau") + "): give one of them (trace_decay = exp(-dt / trace_tau), dt the loop's period)");
        }
        if (!online && (hasDecay || hasTau)) {
            String key = hasTau ? "trace_tau" : "trace_decay";
            ProfileSection at = hasTau ? tauAt : decayAt;
            if (timingAt.has("timing")) { // said where the choice of timing was written, naming the trace key's place
                timingAt.problem("timing", "\"episodic\", but " + at.keyName(key) + " (" + at.originOf(key)
                        + ") applies to online timing (an episodic eligibility sums over the whole episode):"
                        + " set timing = \"online\" or remove " + key);
            } else {
                at.problem(key, "applies to online timing, and timing is episodic here (the eligibility sums over the"
                        + " whole episode): set timing = \"online\" or remove " + key);
            }
        }
        int every = 1;
        boolean spread = false;
        if (r != Rule.MICONI) { // a clipped rule cannot defer its updates: each is clipped on its own
            ProfileSection everyAt = k.at("update_every");
            every = (int) everyAt.integer("update_every", 1, Timing.MAX_UPDATE_EVERY, 1L);
            if (!online && every > 1) {
                everyAt.problem("update_every", "applies to online timing, and " + episodic(timingAt)
                        + ": an episodic rule updates once, at the episode's end");
                every = 1;
            }
            ProfileSection spreadAt = k.at("spread_updates");
            spread = spreadAt.bool("spread_updates", false);
            if (!online && spread) {
                spreadAt.problem("spread_updates", "applies to online timing, and " + episodic(timingAt)
                        + ": an episodic rule updates once, at the episode's end");
                spread = false;
            }
        }
        if (!online) {
            return Timing.episodic();
        }
        Timing t = (hasTau && tau > 0 ? Timing.online(tau, dt) : Timing.online((float) decay)).updatingEvery(every);
        return spread ? t.spread() : t;
    }
}
