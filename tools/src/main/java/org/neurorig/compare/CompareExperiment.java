package org.neurorig.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.DifferentiableCartPole;
import org.neurorig.plant.DifferentiablePlant;
import org.neurorig.run.ProgressLine;

/**
 * Runs every learner on every hardware for every seed, on a pool of threads (each run is independent,
 * so two cores run two at a time): first S on the nominal model for each seed, then, as each S is
 * ready, its seed's runs on the hardware; S on the true model trains once per seed and hardware.
 */
final class CompareExperiment {

    private final CompareSettings settings;
    private final ProgressLine progress;
    private long startNanos;

    /** @param progress gets a line for each run done, in a log too */
    CompareExperiment(CompareSettings settings, ProgressLine progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** The learners run on a hardware: S on the true model only where a model can know the effect. */
    List<Learner> learners(Condition c) {
        return settings.learners().stream().filter(l -> l != Learner.S_TRUE || c.modelled()).toList();
    }

    CompareResults run() {
        startNanos = System.nanoTime();
        List<Condition> conditions = settings.conditions();
        int total = 0;
        for (Condition c : conditions) {
            total += learners(c).size() * settings.seeds();
        }
        int runs = total;
        AtomicInteger done = new AtomicInteger();
        InLoopTraining training = new InLoopTraining(settings.design(), settings.schedule(), settings.task());
        GradientAgreement agreement = new GradientAgreement(settings.design(), settings.objective(), GradientAgreement.Settings.defaults());
        List<CompletableFuture<CompareResults.Agreement>> agreements = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "compare");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<LearnerRun>> results = new ArrayList<>();
            for (int seed = 0; seed < settings.seeds(); seed++) {
                SeedPlan plan = SeedPlan.of(seed, settings.baseSeed(), settings.schedule());
                CompletableFuture<SoftwareTraining.Result> software = CompletableFuture.supplyAsync(
                        () -> trainSoftware(plan, new DifferentiableCartPole(ControllerDesign.PLANT), "the nominal model"), pool);
                float[] zeros = new float[settings.design().units()];
                if (settings.hardware() == null && settings.learners().contains(Learner.S)) {
                    // the model's sample is the same for every hardware of the seed: drawn once
                    CompletableFuture<GradientAgreement.ModelSample> model = software.thenApplyAsync(
                            s -> agreement.model(s.halfway(), plan), pool);
                    for (Condition c : conditions) {
                        agreements.add(model.thenApplyAsync(m -> {
                            CompareResults.Agreement a = new CompareResults.Agreement(c, plan.index(), agreement.measure(m, c, plan));
                            announce(String.format(Locale.ROOT, "seed %d %s: gradient cosine, S's model against the hardware: %s",
                                    plan.index(), c.name(), a.result()));
                            return a;
                        }, pool));
                    }
                }
                for (Condition c : conditions) {
                    for (Learner learner : learners(c)) {
                        CompletableFuture<LearnerRun> run = switch (learner) {
                            case S -> software.thenApplyAsync(s -> attempts(c, learner, plan, () -> training.deploy(learner, s, c, plan)), pool);
                            case S_TRUE -> c.ideal() ? software.thenApplyAsync(s -> training.deploy(learner, s, c, plan), pool)
                                    : CompletableFuture.supplyAsync(() -> training.deploy(learner,
                                            trainSoftware(plan, c.trueModel(), "the true model of " + c.name()), c, plan), pool);
                            case S_TO_H -> software.thenApplyAsync(s -> attempts(c, learner, plan,
                                    () -> train(training, learner, s.readout(), c, plan)), pool);
                            default -> CompletableFuture.supplyAsync(() -> attempts(c, learner, plan,
                                    () -> train(training, learner, zeros, c, plan)), pool);
                        };
                        results.add(run.thenApply(r -> {
                            if (r != null) {
                                announce(describe(r, done.incrementAndGet(), runs));
                            }
                            return r;
                        }));
                    }
                }
            }
            List<LearnerRun> all = new ArrayList<>();
            for (CompletableFuture<LearnerRun> f : results) {
                LearnerRun r = f.join();
                if (r != null) {
                    all.add(r);
                }
            }
            List<CompareResults.Agreement> cosines = new ArrayList<>();
            for (CompletableFuture<CompareResults.Agreement> f : agreements) {
                cosines.add(f.join());
            }
            progress.finish();
            return new CompareResults(settings, all, cosines, List.copyOf(lost), seconds());
        } catch (CompletionException e) {
            progress.finish();
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("compare failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Attempts at a run on a profile's device, which can fault (an emulator starved of CPU, a link lost). */
    private static final int ATTEMPTS = 3;

    private final List<CompareResults.Lost> lost = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * A run on the sweep's simulated hardware, which does not fault; or on a profile's device, run again
     * from the start (same seeds) when the device faulted, once it is quiet again, up to {@value #ATTEMPTS}
     * times. A run that faults every time is recorded as lost (null) and the others go on: hours of
     * training on a device are not thrown away for one seed.
     */
    private LearnerRun attempts(Condition c, Learner learner, SeedPlan plan, java.util.function.Supplier<LearnerRun> run) {
        for (int attempt = 1; ; attempt++) {
            try {
                return run.get();
            } catch (IllegalStateException e) {
                if (c.profile() == null) {
                    throw e;
                }
                String where = String.format(Locale.ROOT, "seed %d %s %s", plan.index(), c.name(), learner.label());
                if (attempt == ATTEMPTS) {
                    lost.add(new CompareResults.Lost(c, learner, plan.index(), e.getMessage() + " (" + ATTEMPTS + " attempts)"));
                    announce(where + ": " + e.getMessage() + "; lost after " + ATTEMPTS + " attempts, the run goes on without it");
                    c.profile().recover(QUIET_SECONDS);
                    return null;
                }
                announce(String.format(Locale.ROOT, "%s: %s; run again from the start (attempt %d of %d)", where, e.getMessage(), attempt + 1,
                        ATTEMPTS));
                if (!c.profile().recover(QUIET_SECONDS)) {
                    throw new IllegalStateException(c.name() + " is not answering without a fault " + (int) QUIET_SECONDS
                            + " s after: " + e.getMessage() + "; check the device (for the emulator: is the machine overloaded?) and run again", e);
                }
            }
        }
    }

    private static final double QUIET_SECONDS = 30;

    private LearnerRun train(InLoopTraining training, Learner learner, float[] from, Condition c, SeedPlan plan) {
        CompareSettings.InLoopRule rule = settings.rules().get(learner);
        return training.train(learner, rule.rule(), rule.annealing(), settings.episodes(learner), from, c, plan);
    }

    private SoftwareTraining.Result trainSoftware(SeedPlan plan, DifferentiablePlant model, String modelName) {
        long start = System.nanoTime();
        RateNetwork network = settings.design().network(plan.networkSeed());
        SoftwareTraining.Result result = settings.software().train(network, model, settings.objective().cost(), plan.softwareSeed());
        double[] losses = result.losses();
        announce(String.format(Locale.ROOT, "seed %d: S trained on %s, cost %.3f -> %.3f in %d steps (%.1f s)", plan.index(), modelName,
                losses[0], losses[losses.length - 1], losses.length, (System.nanoTime() - start) / 1e9));
        return result;
    }

    /** A progress line stamped with the time since the start, e.g. {@code [1:05] 3/28 seed 0 ...}. */
    private void announce(String text) {
        long s = (long) seconds();
        progress.event(String.format(Locale.ROOT, "[%d:%02d] %s", s / 60, s % 60, text));
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String describe(LearnerRun r, int done, int total) {
        String criterion = !r.learner().inLoop()
                ? (r.reached() ? "balances the hardware as deployed" : "does not balance every check start on the hardware")
                : r.reached() ? "criterion after " + r.criterion() + " episodes" : "criterion not met in " + r.lengths().length + " episodes";
        return String.format(Locale.ROOT, "%d/%d seed %d %s %s: %s; hardware %.0f steps, RMS angle %.2f deg (%.1f s)", done, total,
                r.seed(), r.condition().name(), r.learner().label(), criterion, r.hardware().steps(), r.hardware().rmsAngleDeg(),
                r.seconds());
    }
}
