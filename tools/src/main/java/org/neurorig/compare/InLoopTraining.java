package org.neurorig.compare;

import java.util.ArrayList;
import java.util.List;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.LearningController;
import org.neurorig.device.Plant;
import org.neurorig.episode.AntitheticStarts;
import org.neurorig.episode.CartPoleBalancing;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.RuleSettings;
import org.neurorig.learning.ThreeFactorRule;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;

/**
 * Trains one learner on one hardware the way {@code neurorig run} would: a {@link LearningController}
 * in a real {@link org.neurorig.loop.ControlLoop} (invoker mode, injected clock, lockstep with the
 * plant), episode after episode, the task's reward every tick, the rule's noise and rate annealed over
 * the budget. Every few episodes a copy of the controller is checked with learning off on fixed starts;
 * the best so far is kept, and the kept one is what is judged at the end, on the model and on the
 * hardware: a learner is credited with the best controller it found and could tell it had found, not
 * with wherever its last perturbation left it.
 */
final class InLoopTraining {

    private final ControllerDesign design;
    private final TrainingSchedule schedule;
    private final Task task;

    InLoopTraining(ControllerDesign design, TrainingSchedule schedule, Task task) {
        this.design = design;
        this.schedule = schedule;
        this.task = task;
    }

    /**
     * @param learner        the learner (any that learns in the loop)
     * @param rule           its rule
     * @param annealing      how its noise and rate fall over the budget
     * @param episodes       training episodes
     * @param initialReadout the readout it starts from (zeros, or S's)
     * @param condition      the hardware
     * @param seeds          the seed's reservoir, starts and noise
     */
    LearnerRun train(Learner learner, RuleSettings rule, Annealing annealing, int episodes, float[] initialReadout, Condition condition,
            SeedPlan seeds) {
        long start = System.nanoTime();
        RateNetwork network = design.network(seeds.networkSeed());
        System.arraycopy(initialReadout, 0, network.readoutWeights(), 0, initialReadout.length);
        ThreeFactorRule learning = rule.build(network, seeds.derive(condition, learner, "rule"));
        LearningController controller = new LearningController(network, learning, ControllerDesign.SCALING);
        // the weights as the last episode left them: copied at its end, before the next one perturbs them (WP)
        float[] reached = initialReadout.clone();
        EpisodeRecorder recorder = new EpisodeRecorder(controller,
                r -> System.arraycopy(network.readoutWeights(), 0, reached, 0, reached.length));
        Episodes.InitialStates fresh = CartPoleBalancing.starts(ControllerDesign.PLANT, seeds.derive(condition, learner, "starts"));
        Episodes.InitialStates starts = learning instanceof WeightPerturbation wp
                ? new AntitheticStarts(fresh, wp, CartPole.STATE_SIZE) : fresh;
        GreedyTest test = new GreedyTest(design, seeds.networkSeed(), rule, task, schedule.maxTicks());
        Validation validation = new Validation(test, condition, seeds, learner, initialReadout);
        int[] lengths = new int[episodes];
        int firstFull = -1;
        LearningControls controls = learning.controls();
        float noise = controls.noise();
        float rate = controls.learningRate();
        Plant hardware = condition.hardware(seeds.derive(condition, learner, "hardware"));
        try (EpisodeRunner loop = new EpisodeRunner(hardware, recorder, task, schedule.maxTicks(), starts, condition.pace(),
                condition.limits())) {
            for (int e = 0; e < episodes; e++) {
                if (e % schedule.checkEvery() == 0) {
                    validation.check(reached, e);
                }
                controls.setNoise((float) (noise * annealing.noise(e, episodes)));
                controls.setLearningRate((float) (rate * annealing.rate(e, episodes)));
                int length = loop.runEpisode().length();
                lengths[e] = length;
                if (firstFull < 0 && length >= schedule.maxTicks()) {
                    firstFull = e + 1;
                }
            }
        }
        validation.check(reached, episodes);
        float[] kept = validation.best();
        GreedyTest.Score onModel = test.onModel(kept, seeds.testStarts());
        GreedyTest.Score onHardware = test.on(condition, seeds.derive(condition, learner, "test"), kept, seeds.testStarts());
        return new LearnerRun(learner, condition, seeds.index(), lengths, validation.criterion, firstFull, validation.bestAt,
                validation.progress(), onModel, onHardware, (System.nanoTime() - start) / 1e9);
    }

    /**
     * S (on either model): trained on a model, measured on the model and on the hardware, never trained
     * on the hardware. Its progress is each snapshot of its training checked on the hardware.
     */
    LearnerRun deploy(Learner learner, SoftwareTraining.Result trained, Condition condition, SeedPlan seeds) {
        long start = System.nanoTime();
        GreedyTest test = new GreedyTest(design, seeds.networkSeed(), null, task, schedule.maxTicks());
        float[] readout = trained.readout();
        int criterion = test.on(condition, seeds.derive(condition, learner, "check 0"), readout, seeds.checkStarts()).balanced() >= 1.0
                ? 0 : -1;
        double[] used = new double[trained.snapshots().size()];
        double[] steps = new double[used.length];
        for (int i = 0; i < used.length; i++) {
            SoftwareTraining.Snapshot s = trained.snapshots().get(i);
            used[i] = s.rollouts();
            steps[i] = test.on(condition, seeds.derive(condition, learner, "check " + (i + 1)), s.readout(), seeds.checkStarts()).steps();
        }
        GreedyTest.Score onModel = test.onModel(readout, seeds.testStarts());
        GreedyTest.Score onHardware = test.on(condition, seeds.derive(condition, learner, "test"), readout, seeds.testStarts());
        return new LearnerRun(learner, condition, seeds.index(), new int[0], criterion, -1, trained.iterations(),
                new LearnerRun.Progress(used, steps), onModel, onHardware, (System.nanoTime() - start) / 1e9);
    }

    /** The checks with learning off: the criterion, the best controller so far, the progress curve. */
    private final class Validation {
        private final GreedyTest test;
        private final Condition condition;
        private final SeedPlan seeds;
        private final Learner learner;
        private final float[] best;
        private double bestScore = Double.NEGATIVE_INFINITY;
        private double bestSteps;
        private int bestAt;
        private int criterion = -1;
        private long checks;
        private final List<double[]> points = new ArrayList<>();

        Validation(GreedyTest test, Condition condition, SeedPlan seeds, Learner learner, float[] initial) {
            this.test = test;
            this.condition = condition;
            this.seeds = seeds;
            this.learner = learner;
            this.best = initial.clone();
        }

        /** Checks the weights {@code weights} reached after {@code episode} training episodes. */
        void check(float[] weights, int episode) {
            GreedyTest.Score score = test.on(condition, seeds.derive(condition, learner, "check " + checks++), weights, seeds.checkStarts());
            if (criterion < 0 && score.balanced() >= 1.0) {
                criterion = episode;
            }
            // the objective itself decides: the mean return over the check starts
            if (score.meanReturn() > bestScore) {
                bestScore = score.meanReturn();
                bestSteps = score.steps();
                bestAt = episode;
                System.arraycopy(weights, 0, best, 0, best.length);
            }
            points.add(new double[] {episode, bestSteps});
        }

        float[] best() {
            return best;
        }

        LearnerRun.Progress progress() {
            double[] used = new double[points.size()];
            double[] steps = new double[points.size()];
            for (int i = 0; i < used.length; i++) {
                used[i] = points.get(i)[0];
                steps[i] = points.get(i)[1];
            }
            return new LearnerRun.Progress(used, steps);
        }
    }
}
