package org.neurorig.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.learning.RuleSettings;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightGroup;

/**
 * Every setting of a {@code compare} run, with the measured defaults. {@link #with} changes one by
 * its key (the {@code --set KEY=VALUE} option); settings.txt lists them all.
 *
 * @param design    the controller
 * @param software  learner S (and S on the true model)
 * @param rules     the rule of each in-loop learner, and how it anneals
 * @param shaping   the reward's shaping weight ({@link CartPoleBalancing})
 * @param failure   the reward's penalty for a fall
 * @param schedule  training and measurement
 * @param axes      the hardware sweep: each axis with its values
 * @param learners  the learners run
 * @param seeds     seeds per learner and hardware
 * @param baseSeed  the run's base seed
 * @param threads   runs trained at once
 * @param hardware  a rig profile's hardware instead of the sweep's, or null
 */
record CompareSettings(ControllerDesign design, SoftwareTraining software, Map<Learner, InLoopRule> rules, double shaping,
        double failure, TrainingSchedule schedule, List<Axis> axes, List<Learner> learners, int seeds, long baseSeed, int threads,
        ProfileHardware hardware) {

    /** An in-loop learner's rule and its annealing. */
    record InLoopRule(RuleSettings rule, Annealing annealing) {

        String describe() {
            return rule.describe() + "; " + annealing.describe();
        }
    }

    CompareSettings {
        rules = Map.copyOf(rules);
        axes = List.copyOf(axes);
        learners = List.copyOf(learners);
        new CartPoleBalancing(ControllerDesign.PLANT, shaping, failure); // validates both
        if (seeds < 1 || seeds > 100) {
            throw new IllegalArgumentException("--seeds: " + seeds + " is out of range: expected 1 to 100");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads: " + threads + " is out of range: expected 1 to 256");
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give at least one axis, e.g. --axis delay");
        }
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give at least one learner, e.g. --learners s,np");
        }
    }

    private static final List<Learner> DEFAULT_LEARNERS = List.of(Learner.S, Learner.S_TRUE, Learner.NP, Learner.WP, Learner.REINFORCE,
            Learner.S_TO_H);

    /** The default run: the delay axis, the learners but bang-bang REINFORCE, 5 seeds. */
    static CompareSettings defaults(int threads) {
        Map<Learner, InLoopRule> rules = new EnumMap<>(Learner.class);
        EnumSet<WeightGroup> readout = EnumSet.of(WeightGroup.READOUT);
        Annealing anneal = new Annealing(0.2, 0.2);
        rules.put(Learner.NP, new InLoopRule(RuleSettings.defaults(RuleSettings.Kind.NODE_PERTURBATION), anneal));
        rules.put(Learner.WP, new InLoopRule(RuleSettings.defaults(RuleSettings.Kind.WEIGHT_PERTURBATION), anneal));
        rules.put(Learner.REINFORCE, new InLoopRule(new RuleSettings(RuleSettings.Kind.NODE_PERTURBATION, 2e-6f, 0.5f, Timing.episodic(),
                0.9f, false, readout), anneal));
        rules.put(Learner.BERNOULLI, new InLoopRule(RuleSettings.defaults(RuleSettings.Kind.REINFORCE), new Annealing(1, 0.2)));
        rules.put(Learner.S_TO_H, new InLoopRule(RuleSettings.defaults(RuleSettings.Kind.NODE_PERTURBATION).withNoise(0.2f), anneal));
        Axis delay = Axis.named("delay").withValues(List.of(0.0, 2.0, 4.0));
        return new CompareSettings(new ControllerDesign(200, 0.9, 0.02, 0.3), new SoftwareTraining(60, 8, 200, 0.02, 10),
                rules, 0.5, 10, new TrainingSchedule(800, 200, 10, 3, 10, 500), List.of(delay), DEFAULT_LEARNERS, 5, 1, threads, null);
    }

    /** Every axis over its whole range, longer episodes, bigger budgets. */
    static CompareSettings full(int threads) {
        CompareSettings d = defaults(threads);
        return new CompareSettings(d.design, d.software, d.rules, d.shaping, d.failure, new TrainingSchedule(2000, 500, 20, 3, 10, 1000),
                Axis.ALL, d.learners, d.seeds, d.baseSeed, threads, null);
    }

    /**
     * These settings cut to a device that steps at the speed of a serial link (the emulated Uno: a few
     * hundred steps a second): S, NP and S->H, 150 and 50 episodes, a check every 25.
     */
    CompareSettings onDevice() {
        return new CompareSettings(design, software, rules, shaping, failure, new TrainingSchedule(150, 50, 25, schedule.checkStarts(),
                schedule.testEpisodes(), schedule.maxTicks()), axes, List.of(Learner.S, Learner.NP, Learner.S_TO_H), seeds, baseSeed, threads,
                hardware);
    }

    /** A run of seconds, for tests and a first look: small network, few episodes, two points of one axis. */
    static CompareSettings quick(int threads) {
        CompareSettings d = defaults(threads);
        return new CompareSettings(new ControllerDesign(50, 0.9, 0.02, 0.3), new SoftwareTraining(25, 4, 100, 0.02, 10),
                d.rules, d.shaping, d.failure, new TrainingSchedule(40, 20, 10, 2, 3, 500),
                List.of(Axis.named("delay").withValues(List.of(0.0, 4.0))), d.learners, 2, d.baseSeed, threads, null);
    }

    /**
     * These settings on a rig profile's hardware instead of the sweep: one hardware, run after run on one
     * thread (the runs share its one device).
     */
    CompareSettings withHardware(ProfileHardware value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, List.of(Axis.profile(value.name())), learners, seeds,
                baseSeed, 1, value);
    }

    /** The hardwares: every value of every axis, axis by axis, each hardware once (the ideal one is on every axis). */
    List<Condition> conditions() {
        if (hardware != null) {
            return List.of(Condition.of(hardware));
        }
        List<Condition> list = new ArrayList<>();
        for (Axis a : axes) {
            for (double v : a.values()) {
                Condition c = Condition.on(a, v);
                if (!list.contains(c)) {
                    list.add(c);
                }
            }
        }
        return list;
    }

    CartPoleBalancing task() {
        return new CartPoleBalancing(ControllerDesign.PLANT, shaping, failure);
    }

    /** The one objective of every learner: the task's reward, and minus it as S's model cost. */
    Objective objective() {
        return new Objective(task());
    }

    /** The training episodes of an in-loop learner. */
    int episodes(Learner learner) {
        return learner.startsFromS() ? schedule.fineTuneEpisodes() : schedule.episodes();
    }

    CompareSettings withSeeds(int value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, axes, learners, value, baseSeed, threads, hardware);
    }

    CompareSettings withBaseSeed(long value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, axes, learners, seeds, value, threads, hardware);
    }

    CompareSettings withSchedule(TrainingSchedule value) {
        return new CompareSettings(design, software, rules, shaping, failure, value, axes, learners, seeds, baseSeed, threads, hardware);
    }

    CompareSettings withAxes(List<Axis> value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, value, learners, seeds, baseSeed, threads, hardware);
    }

    CompareSettings withLearners(List<Learner> value) {
        return new CompareSettings(design, software, rules, shaping, failure, schedule, axes, value, seeds, baseSeed, threads, hardware);
    }

    private static final List<String> RULE_KEYS = List.of("eta", "sigma", "lambda", "baseline", "two_sided", "noise_end", "rate_end");

    /** Every key {@link #with} accepts. */
    static final List<String> KEYS = keys();

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("network.units", "network.g", "network.tau", "network.input_scale", "reward.shaping",
                "reward.failure"));
        for (Learner l : Learner.values()) {
            if (l.inLoop()) {
                for (String k : RULE_KEYS) {
                    boolean online = l == Learner.NP || l == Learner.BERNOULLI || l == Learner.S_TO_H;
                    if ((!k.equals("two_sided") || l == Learner.WP) && (!k.equals("lambda") || online)) {
                        keys.add(l.key() + "." + k);
                    }
                }
            }
        }
        keys.addAll(List.of("s.iterations", "s.batch", "s.horizon", "s.rate", "s.clip", "protocol.check_every", "protocol.check_starts",
                "protocol.test_episodes"));
        return List.copyOf(keys);
    }

    /**
     * These settings with one value changed, by key (e.g. {@code np.eta}). An unknown key or a value that
     * does not parse is refused with a message naming the key.
     */
    CompareSettings with(String key, String text) {
        String option = "--set " + key + "=" + text + ": ";
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("--set " + key + "=" + text + ": unknown setting '" + key + "': expected one of "
                    + String.join(", ", KEYS));
        }
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
                return new CompareSettings(d, s, rules, Double.parseDouble(v), failure, p, axes, learners, seeds, baseSeed, threads, hardware);
            }
            case "reward.failure" -> {
                return new CompareSettings(d, s, rules, shaping, Double.parseDouble(v), p, axes, learners, seeds, baseSeed, threads, hardware);
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
        return new CompareSettings(d, s, rules, shaping, failure, p, axes, learners, seeds, baseSeed, threads, hardware);
    }

    private CompareSettings withRule(String key, String v) {
        int dot = key.indexOf('.');
        Learner learner = Learner.parse(key.substring(0, dot)).getFirst();
        InLoopRule r = rules.get(learner);
        RuleSettings rule = r.rule();
        Annealing a = r.annealing();
        switch (key.substring(dot + 1)) {
            case "eta" -> rule = rule.withLearningRate(Float.parseFloat(v));
            case "sigma" -> rule = rule.withNoise(Float.parseFloat(v));
            case "lambda" -> rule = rule.withTiming(Timing.online(Float.parseFloat(v)));
            case "baseline" -> rule = rule.withBaselineDecay(Float.parseFloat(v));
            case "two_sided" -> rule = rule.withTwoSided(parseBoolean(v));
            case "noise_end" -> a = new Annealing(Double.parseDouble(v), a.rateEnd());
            case "rate_end" -> a = new Annealing(a.noiseEnd(), Double.parseDouble(v));
            default -> throw new IllegalStateException(key);
        }
        Map<Learner, InLoopRule> changed = new EnumMap<>(rules);
        changed.put(learner, new InLoopRule(rule, a));
        return new CompareSettings(design, software, changed, shaping, failure, schedule, axes, learners, seeds, baseSeed, threads, hardware);
    }

    private static boolean parseBoolean(String v) {
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
                .append(fmt(failure)).append(" for the tick that leaves them; S's cost per tick is minus this reward\n");
        s.append(software.describe()).append('\n');
        for (Learner l : learners) {
            if (l.inLoop()) {
                s.append(l.label()).append(": ").append(rules.get(l).describe()).append('\n');
            }
        }
        s.append("protocol: ").append(schedule.describe()).append('\n');
        for (Axis a : axes) {
            s.append("axis ").append(a.name()).append(" (").append(a.label()).append(", ").append(a.unit()).append("): ")
                    .append(a.values().stream().map(Axis::format).toList()).append('\n');
        }
        if (hardware != null) {
            s.append("hardware: ").append(hardware.describe()).append('\n');
        }
        s.append("learners: ").append(learners.stream().map(Learner::label).toList()).append('\n');
        s.append(String.format(Locale.ROOT, "seeds: %d (base seed %d); threads: %d%n", seeds, baseSeed, threads));
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
