package org.neurorig.compare;

import org.neurorig.device.Plant;
import org.neurorig.learning.RuleSettings;
import org.neurorig.learning.ThreeFactorRule;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.control.Controller;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.ForwardingController;
import org.neurorig.control.LearningController;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.control.NetworkController;
import org.neurorig.episode.Task;
import org.neurorig.control.Tick;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;

/**
 * A learner's controller measured with learning off (no perturbation; REINFORCE takes its likelier
 * action), through the control loop, from fixed initial states: how long it balances and how still it
 * holds the pole. Runs on its own copy of the network, so the learner's loop is not disturbed.
 */
final class GreedyTest {

    /**
     * @param steps        mean episode length over the starts (500: balanced every time)
     * @param balanced     fraction of the starts balanced for the whole episode
     * @param rmsAngleDeg  root mean square of the pole's true angle over every tick run, degrees
     * @param meanReturn   mean return over the starts: the objective every learner is after
     */
    record Score(double steps, double balanced, double rmsAngleDeg, double meanReturn) {
    }

    private final RateNetwork network;
    private final Controller controller;
    private final Task task;
    private final int maxTicks;

    /**
     * @param design the controller's design
     * @param seed   the reservoir's seed (the learner's)
     * @param rule   the learner's rule (REINFORCE acts greedily through it), or null for a plain readout
     */
    GreedyTest(ControllerDesign design, long seed, RuleSettings rule, Task task, int maxTicks) {
        this.network = design.network(seed);
        if (rule != null && rule.kind() == RuleSettings.Kind.REINFORCE) {
            ThreeFactorRule greedy = rule.build(network, 0);
            greedy.controls().setEnabled(false);
            this.controller = new LearningController(network, greedy, ControllerDesign.SCALING);
        } else {
            this.controller = new NetworkController(network, ControllerDesign.SCALING);
        }
        this.task = task;
        this.maxTicks = maxTicks;
    }

    /** Measures the readout {@code weights} on the nominal model from each of {@code starts}. */
    Score onModel(float[] weights, double[][] starts) {
        return run(weights, Condition.model(), new ActuatorLimits[] {ActuatorLimits.symmetric(ControllerDesign.COMMAND_SCALE)}, EpisodeRunner.Pace.LOCKSTEP,
                starts);
    }

    /** Measures the readout {@code weights} on the hardware {@code condition} (seeded {@code seed}) from each of {@code starts}. */
    Score on(Condition condition, long seed, float[] weights, double[][] starts) {
        return run(weights, condition.hardware(seed), condition.limits(), condition.pace(), starts);
    }

    private Score run(float[] weights, Plant plant, ActuatorLimits[] limits, EpisodeRunner.Pace pace, double[][] starts) {
        System.arraycopy(weights, 0, network.readoutWeights(), 0, weights.length);
        network.resetState();
        AngleMeter meter = new AngleMeter(controller, plant, starts.length);
        int[] next = {0};
        double total = 0;
        double returns = 0;
        int balanced = 0;
        try (EpisodeRunner loop = new EpisodeRunner(plant, new EpisodeRecorder(meter), task, maxTicks,
                state -> System.arraycopy(starts[next[0]++ % starts.length], 0, state, 0, state.length), pace, limits)) {
            for (int i = 0; i < starts.length; i++) {
                EpisodeRunner.Episode episode = loop.runEpisode();
                int length = episode.length();
                total += length;
                returns += episode.episodeReturn();
                balanced += length >= maxTicks ? 1 : 0;
            }
        }
        return new Score(total / starts.length, (double) balanced / starts.length, meter.rmsDegrees(), returns / starts.length);
    }

    /** Passes everything through and sums the square of the plant's true pole angle at every commanded tick. */
    private static final class AngleMeter extends ForwardingController {
        private final Plant plant;
        private final double[] state = new double[CartPole.STATE_SIZE];
        private double sumSquares;
        private long ticks;
        private final int episodes;
        private int ended;

        /** Measures {@code episodes} episodes; the one the loop begins after the last is not counted. */
        AngleMeter(Controller controller, Plant plant, int episodes) {
            super(controller);
            this.plant = plant;
            this.episodes = episodes;
        }

        @Override
        public void update(Tick tick, double[] sensors, double[] commands) {
            controller.update(tick, sensors, commands);
            if (ended < episodes) {
                plant.trueState(state);
                sumSquares += state[CartPole.THETA] * state[CartPole.THETA];
                ticks++;
            }
        }

        @Override
        public void endEpisode(Tick tick) {
            controller.endEpisode(tick);
            ended++;
        }

        double rmsDegrees() {
            return ticks == 0 ? Double.NaN : Math.toDegrees(Math.sqrt(sumSquares / ticks));
        }
    }
}
