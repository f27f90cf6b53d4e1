package org.neurorig.compare;

import org.neurorig.device.Plant;
import org.neurorig.learning.RuleSettings;
import org.neurorig.learning.ThreeFactorRule;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.episode.AntitheticStarts;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.episode.Episodes;
import org.neurorig.control.LearningController;
import org.neurorig.loop.LockstepEpisodes;
import org.neurorig.episode.Task;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.episode.CartPoleBalancing;

/**
 * Trains one learner on one hardware the way {@code neurorig run} would: a {@link LearningController}
 * in a real {@link org.neurorig.loop.ControlLoop} (invoker mode, injected clock, lockstep with the
 * in-process plant), episode after episode, the task's reward every tick. Every few episodes, until it
 * meets the criterion, a copy of the controller is checked with learning off; at the end it is measured
 * on the model and on the hardware.
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
     * @param learner        the learner (NP, WP, REINFORCE or S->H)
     * @param rule           its rule
     * @param episodes       training episodes
     * @param initialReadout the readout it starts from (zeros, or S's)
     * @param condition      the hardware
     * @param seeds          the seed's reservoir, starts and noise
     */
    LearnerRun train(Learner learner, RuleSettings rule, int episodes, float[] initialReadout, Condition condition,
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
        int[] lengths = new int[episodes];
        int criterion = -1;
        int firstFull = -1;
        long checks = 0;
        Plant hardware = condition.hardware(seeds.derive(condition, learner, "hardware"));
        try (LockstepEpisodes loop = new LockstepEpisodes(hardware, recorder, task, schedule.maxTicks(), starts,
                ActuatorLimits.symmetric(ControllerDesign.COMMAND_SCALE))) {
            for (int e = 0; e < episodes; e++) {
                if (criterion < 0 && e % schedule.checkEvery() == 0
                        && meetsCriterion(test, reached, condition, seeds, learner, checks++)) {
                    criterion = e;
                }
                int length = loop.runEpisode().length();
                lengths[e] = length;
                if (firstFull < 0 && length >= schedule.maxTicks()) {
                    firstFull = e + 1;
                }
            }
        }
        if (criterion < 0 && episodes % schedule.checkEvery() == 0
                && meetsCriterion(test, reached, condition, seeds, learner, checks)) {
            criterion = episodes;
        }
        GreedyTest.Score onModel = test.run(reached, Condition.model(), seeds.testStarts());
        GreedyTest.Score onHardware = test.run(reached, condition.hardware(seeds.derive(condition, learner, "test")),
                seeds.testStarts());
        return new LearnerRun(learner, condition, seeds.index(), lengths, criterion, firstFull, onModel, onHardware,
                (System.nanoTime() - start) / 1e9);
    }

    private boolean meetsCriterion(GreedyTest test, float[] weights, Condition condition, SeedPlan seeds, Learner learner,
            long check) {
        Plant plant = condition.hardware(seeds.derive(condition, learner, "check " + check));
        return test.run(weights, plant, seeds.checkStarts()).balanced() >= 1.0;
    }

    /** S: trained on the model, measured on the model and on the hardware, never trained on the hardware. */
    LearnerRun deploy(float[] readout, Condition condition, SeedPlan seeds) {
        long start = System.nanoTime();
        GreedyTest test = new GreedyTest(design, seeds.networkSeed(), null, task, schedule.maxTicks());
        Plant check = condition.hardware(seeds.derive(condition, Learner.S, "check 0"));
        int criterion = test.run(readout, check, seeds.checkStarts()).balanced() >= 1.0 ? 0 : -1;
        GreedyTest.Score onModel = test.run(readout, Condition.model(), seeds.testStarts());
        GreedyTest.Score onHardware = test.run(readout, condition.hardware(seeds.derive(condition, Learner.S, "test")),
                seeds.testStarts());
        return new LearnerRun(Learner.S, condition, seeds.index(), new int[0], criterion, -1, onModel, onHardware,
                (System.nanoTime() - start) / 1e9);
    }
}
