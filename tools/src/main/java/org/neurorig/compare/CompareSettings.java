package org.neurorig.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurorig.learning.RuleSettings;
import org.neurorig.learning.Timing;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.plant.nonideal.Effect;

/**
 * Every setting of a {@code compare} run, with the measured defaults. {@link #with} changes one by
 * its key (the {@code --set KEY=VALUE} option); settings.txt lists them all.
 *
 * @param design     the controller
 * @param software   learner S
 * @param rules      the rule of each in-loop learner (NP, WP, REINFORCE, S->H)
 * @param shaping    the reward's shaping weight ({@link CartPoleBalancing})
 * @param failure    the reward's penalty for a fall
 * @param schedule   training and measurement
 * @param severities the sweep's severities, 0 (none) to 1 (strong)
 * @param effects    the single effects run alone at strong
 * @param seeds      seeds per learner and hardware
 * @param baseSeed   the run's base seed
 * @param threads    runs trained at once
 */
record CompareSettings(ControllerDesign design, SoftwareTraining software, Map<Learner, RuleSettings> rules, double shaping,
        double failure, TrainingSchedule schedule, List<Double> severities, List<Effect> effects, int seeds, long baseSeed, int threads) {

    CompareSettings {
        rules = Map.copyOf(rules);
        severities = List.copyOf(severities);
        effects = List.copyOf(effects);
        new CartPoleBalancing(ControllerDesign.PLANT, shaping, failure); // validates both
        for (double s : severities) {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("--severities: " + s + " is out of range: expected 0 (none) to 1 (strong)");
            }
        }
        if (seeds < 1 || seeds > 100) {
            throw new IllegalArgumentException("--seeds: " + seeds + " is out of range: expected 1 to 100");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads: " + threads + " is out of range: expected 1 to 256");
        }
        if (severities.isEmpty() && effects.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give at least one severity or one effect");
        }
    }

    /** The defaults: what the README's table was measured with. */
    static CompareSettings defaults(int threads) {
        Map<Learner, RuleSettings> rules = new EnumMap<>(Learner.class);
        rules.put(Learner.NP, RuleSettings.defaults(RuleSettings.Kind.NODE_PERTURBATION));
        rules.put(Learner.WP, RuleSettings.defaults(RuleSettings.Kind.WEIGHT_PERTURBATION));
        rules.put(Learner.REINFORCE, RuleSettings.defaults(RuleSettings.Kind.REINFORCE));
        rules.put(Learner.S_TO_H, RuleSettings.defaults(RuleSettings.Kind.NODE_PERTURBATION));
        return new CompareSettings(new ControllerDesign(200, 0.9, 0.02, 0.3), new SoftwareTraining(60, 8, 200, 0.02, 10),
                rules, 0.5, 10, new TrainingSchedule(800, 200, 10, 3, 10, 500), List.of(0.0, 0.25, 0.5, 0.75, 1.0),
                List.of(Effect.values()), 5, 1, threads);
    }

    /** A run of seconds, for tests and a first look: small network, few episodes, the ends of the sweep. */
    static CompareSettings quick(int threads) {
        CompareSettings d = defaults(threads);
        return new CompareSettings(new ControllerDesign(50, 0.9, 0.02, 0.3), new SoftwareTraining(25, 4, 100, 0.02, 10),
                d.rules, d.shaping, d.failure, new TrainingSchedule(40, 20, 10, 2, 3, 500), List.of(0.0, 1.0),
                List.of(Effect.DELAY, Effect.FRICTION), 2, d.baseSeed, threads);
    }

    List<Condition> conditions() {
        List<Condition> list = new ArrayList<>();
        for (double s : severities) {
            list.add(Condition.severity(s));
        }
        for (Effect e : effects) {
            list.add(Condition.only(e));
        }
        return list;
    }

    CartPoleBalancing task() {
        return new CartPoleBalancing(ControllerDesign.PLANT, shaping, failure);
    }

    CompareSettings withSeeds(int value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, severities, effects, value, baseSeed, threads);
    }

    CompareSettings withBaseSeed(long value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, severities, effects, seeds, value, threads);
    }

    CompareSettings withEpisodes(int episodes, int fineTune) {
        TrainingSchedule p = schedule;
        return withSchedule(new TrainingSchedule(episodes, fineTune, p.checkEvery(), p.checkStarts(), p.testEpisodes(),
                p.maxTicks()));
    }

    CompareSettings withSchedule(TrainingSchedule value) {
        return new CompareSettings(design, software, rules, shaping, failure, value, severities, effects, seeds, baseSeed, threads);
    }

    CompareSettings withConditions(List<Double> newSeverities, List<Effect> newEffects) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, newSeverities, newEffects, seeds, baseSeed,
                threads);
    }

    /** Every key {@link #with} accepts. */
    static final List<String> KEYS = List.of("network.units", "network.g", "network.tau", "network.input_scale",
            "reward.shaping", "reward.failure", "np.eta", "np.sigma", "np.lambda", "np.baseline", "wp.eta", "wp.sigma",
            "wp.two_sided", "wp.baseline", "reinforce.eta", "reinforce.lambda", "reinforce.baseline", "finetune.eta",
            "finetune.sigma", "finetune.lambda", "finetune.baseline", "s.iterations", "s.batch", "s.horizon", "s.rate",
            "s.clip", "protocol.check_every", "protocol.check_starts", "protocol.test_episodes");

    /**
     * These settings with one value changed, by key (e.g. {@code np.eta}). An unknown key or a value that
     * does not parse is refused with a message naming the key.
     */
    CompareSettings with(String key, String text) {
        String option = "--set " + key + "=" + text + ": ";
        try {
            return apply(key, text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + "not a number");
        } catch (IllegalArgumentException e) {
            // a value the setting's own record refuses: its message, prefixed with what the user typed
            throw new IllegalArgumentException(e.getMessage().startsWith("--set ") ? e.getMessage() : option + e.getMessage(), e);
        }
    }

    private CompareSettings apply(String key, String v) {
        ControllerDesign d = design;
        SoftwareTraining s = software;
        TrainingSchedule p = schedule;
        switch (key) {
            case "network.units" -> d = new ControllerDesign(Integer.parseInt(v), d.g(), d.tau(), d.inputScale());
            case "network.g" -> d = new ControllerDesign(d.units(), Double.parseDouble(v), d.tau(), d.inputScale());
            case "network.tau" -> d = new ControllerDesign(d.units(), d.g(), Double.parseDouble(v), d.inputScale());
            case "network.input_scale" -> d = new ControllerDesign(d.units(), d.g(), d.tau(), Double.parseDouble(v));
            case "reward.shaping" -> {
                return new CompareSettings(d, s, rules, Double.parseDouble(v), failure, p, severities, effects, seeds, baseSeed, threads);
            }
            case "reward.failure" -> {
                return new CompareSettings(d, s, rules, shaping, Double.parseDouble(v), p, severities, effects, seeds, baseSeed, threads);
            }
            case "s.iterations" -> s = new SoftwareTraining(Integer.parseInt(v), s.batch(), s.horizon(), s.rate(), s.clip());
            case "s.batch" -> s = new SoftwareTraining(s.iterations(), Integer.parseInt(v), s.horizon(), s.rate(), s.clip());
            case "s.horizon" -> s = new SoftwareTraining(s.iterations(), s.batch(), Integer.parseInt(v), s.rate(), s.clip());
            case "s.rate" -> s = new SoftwareTraining(s.iterations(), s.batch(), s.horizon(), Double.parseDouble(v), s.clip());
            case "s.clip" -> s = new SoftwareTraining(s.iterations(), s.batch(), s.horizon(), s.rate(), Double.parseDouble(v));
            case "protocol.check_every" -> p = new TrainingSchedule(p.episodes(), p.fineTuneEpisodes(), Integer.parseInt(v),
                    p.checkStarts(), p.testEpisodes(), p.maxTicks());
            case "protocol.check_starts" -> p = new TrainingSchedule(p.episodes(), p.fineTuneEpisodes(), p.checkEvery(),
                    Integer.parseInt(v), p.testEpisodes(), p.maxTicks());
            case "protocol.test_episodes" -> p = new TrainingSchedule(p.episodes(), p.fineTuneEpisodes(), p.checkEvery(), p.checkStarts(),
                    Integer.parseInt(v), p.maxTicks());
            default -> {
                return withRule(key, v);
            }
        }
        return new CompareSettings(d, s, rules, shaping, failure, p, severities, effects, seeds, baseSeed, threads);
    }

    private CompareSettings withRule(String key, String v) {
        int dot = key.indexOf('.');
        Learner learner = dot < 0 ? null : switch (key.substring(0, dot)) {
            case "np" -> Learner.NP;
            case "wp" -> Learner.WP;
            case "reinforce" -> Learner.REINFORCE;
            case "finetune" -> Learner.S_TO_H;
            default -> null;
        };
        if (learner == null || !KEYS.contains(key)) {
            throw new IllegalArgumentException("--set " + key + "=" + v + ": unknown setting '" + key + "': expected one of "
                    + String.join(", ", KEYS));
        }
        RuleSettings r = rules.get(learner);
        r = switch (key.substring(dot + 1)) {
            case "eta" -> r.withLearningRate(Float.parseFloat(v));
            case "sigma" -> r.withNoise(Float.parseFloat(v));
            case "lambda" -> r.withTiming(Timing.online(Float.parseFloat(v)));
            case "baseline" -> r.withBaselineDecay(Float.parseFloat(v));
            case "two_sided" -> r.withTwoSided(parseBoolean(key, v));
            default -> throw new IllegalStateException(key);
        };
        Map<Learner, RuleSettings> changed = new EnumMap<>(rules);
        changed.put(learner, r);
        return new CompareSettings(design, software, changed, shaping, failure, schedule, severities, effects, seeds, baseSeed, threads);
    }

    private static boolean parseBoolean(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** Every setting, one per line, for settings.txt. */
    String describe() {
        StringBuilder s = new StringBuilder();
        s.append("controller: ").append(design.describe()).append('\n');
        s.append("reward per tick: 1 - ").append(fmt(shaping)).append(" min(1, (theta/theta_max)^2 + (x/x_max)^2) inside the limits, -")
                .append(fmt(failure)).append(" for the tick that leaves them\n");
        s.append(software.describe()).append('\n');
        for (Learner l : List.of(Learner.NP, Learner.WP, Learner.REINFORCE, Learner.S_TO_H)) {
            s.append(l.label()).append(": ").append(rules.get(l).describe()).append('\n');
        }
        s.append("protocol: ").append(schedule.describe()).append('\n');
        s.append("severities: ").append(severities).append("; single effects at strong: ")
                .append(effects.stream().map(Effect::presetName).toList()).append('\n');
        s.append(String.format(Locale.ROOT, "seeds: %d (base seed %d); threads: %d%n", seeds, baseSeed, threads));
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
