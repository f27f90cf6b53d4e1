package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.control.Controller;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.NetworkController;
import org.neurorig.control.Tick;
import org.neurorig.learning.ModelBasedGradient;
import org.neurorig.learning.NetworkModel;
import org.neurorig.learning.StageCost;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.EpisodeRunner;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.DifferentiableCartPole;

/**
 * The objective is one for every learner: a model rollout's loss is minus the return the control loop
 * pays for the same controller from the same start, tick for tick, and the cost's gradient is its
 * derivative.
 *
 * <p>The ticks line up without an offset: the loop's first tick of an episode reads the start and pays
 * nothing (no command led to it), and each later read pays for the state the previous command led to,
 * the one that ends the episode included; the model's tick k costs the state after command k. Both
 * count L commands and L rewarded states, L the horizon or the tick of the fall.
 */
class ObjectiveTest {

    private static final CompareSettings SETTINGS = CompareSettings.defaults(1);
    private static final Objective OBJECTIVE = SETTINGS.objective();
    private static final int HORIZON = 200;
    private static final double[] START = {0.03, -0.02, 0.04, -0.01};

    /** A quick S (N = 50): a readout that balances the model for the whole horizon. */
    private static RateNetwork trained() {
        CompareSettings quick = CompareSettings.quick(1);
        RateNetwork network = quick.design().network(7);
        quick.software().train(network, quick.objective(), 8);
        return network;
    }

    private static ModelBasedGradient modelOf(RateNetwork network) {
        return new ModelBasedGradient(new NetworkModel(network, HORIZON), new DifferentiableCartPole(ControllerDesign.PLANT),
                ControllerDesign.SENSOR_SCALE, ControllerDesign.COMMAND_SCALE, OBJECTIVE.cost(), true);
    }

    private static EpisodeRunner.Episode loop(Controller controller) {
        try (EpisodeRunner loop = new EpisodeRunner(Condition.model(), new EpisodeRecorder(controller), OBJECTIVE.task(),
                HORIZON, state -> System.arraycopy(START, 0, state, 0, state.length),
                ActuatorLimits.symmetric(ControllerDesign.COMMAND_SCALE))) {
            return loop.runEpisode();
        }
    }

    /**
     * The model's own arithmetic in the loop: the double-precision network model ticked by the control
     * loop, so that only the loop's bookkeeping (which tick pays for which state) can differ.
     */
    private static final class ModelController implements Controller {
        private final NetworkModel model;
        private final double[] input = new double[CartPole.STATE_SIZE];

        ModelController(RateNetwork network) {
            // one tick more than an episode: the loop ticks the next episode's first state before it returns
            this.model = new NetworkModel(network, HORIZON + 1);
            model.reset();
        }

        @Override
        public int sensorCount() {
            return CartPole.STATE_SIZE;
        }

        @Override
        public int commandCount() {
            return 1;
        }

        @Override
        public void update(Tick tick, double[] sensors, double[] commands) {
            for (int i = 0; i < input.length; i++) {
                input[i] = ControllerDesign.SENSOR_SCALE[i] * sensors[i];
            }
            commands[0] = ControllerDesign.COMMAND_SCALE * model.forwardStep(input)[0];
        }

        @Override
        public void endEpisode(Tick tick) {
            model.reset();
        }
    }

    @Test
    void aModelRolloutsLossIsMinusTheLoopsReturnForTheSameController() {
        RateNetwork balancing = trained();
        RateNetwork falling = SETTINGS.design().network(3); // readout zero: no force, the pole falls
        for (RateNetwork network : new RateNetwork[] {balancing, falling}) {
            ModelBasedGradient model = modelOf(network);
            double loss = model.rollout(START);
            EpisodeRunner.Episode episode = loop(new ModelController(network));
            assertEquals(model.ticks(), episode.length(), "ticks of the model's rollout and of the loop's episode");
            // the same arithmetic in the same order: equal to rounding
            assertEquals(-loss, episode.episodeReturn(), 1e-12 * Math.abs(loss), "loss " + loss + " vs return");
        }
        ModelBasedGradient full = modelOf(balancing);
        full.rollout(START);
        assertEquals(HORIZON, full.ticks(), "the trained readout balances for the whole horizon");
        ModelBasedGradient fall = modelOf(falling);
        double fallLoss = fall.rollout(START);
        assertTrue(fall.ticks() < HORIZON && loop(new ModelController(falling)).terminal(), "the zero readout falls");
        assertTrue(fallLoss > OBJECTIVE.task().failure() - fall.ticks(), "the fall's penalty is in the loss: " + fallLoss);
    }

    /**
     * GreedyTest's controller computes the readout in float, so its trajectory is the model's to float
     * precision only. The return is mostly the 1 of every tick in the limits; the float error enters
     * through the shaped term (about 0.1 of a return of 200 here), at about 1e-7 of it, some 1e-10 of the
     * return: 1e-9 leaves room for that and none for a tick paid twice or missed (1/200 of the return) or
     * a shaping term off by 1e-5 of itself.
     */
    @Test
    void theFloatControllerInTheLoopPaysWhatTheModelCosts() {
        for (RateNetwork network : new RateNetwork[] {trained(), SETTINGS.design().network(3)}) {
            ModelBasedGradient model = modelOf(network);
            double loss = model.rollout(START);
            network.resetState();
            EpisodeRunner.Episode episode = loop(new NetworkController(network, ControllerDesign.SCALING));
            assertEquals(model.ticks(), episode.length(), "ticks of the model's rollout and of the loop's episode");
            assertEquals(-loss, episode.episodeReturn(), 1e-9 * Math.abs(loss), "loss " + loss + " vs return");
        }
    }

    /**
     * Central differences in double precision with step 1e-7: exact for the quadratic, so the gradient
     * must match to rounding, inside the limits, where the quadratic term is capped at 1, and outside.
     */
    @Test
    void theCostsGradientIsItsDerivative() {
        StageCost cost = OBJECTIVE.cost();
        CartPoleParameters p = ControllerDesign.PLANT;
        SplittableRandom random = new SplittableRandom(11);
        double[] gs = new double[4];
        double[] ga = new double[1];
        double[] g2 = new double[4];
        double[] a2 = new double[1];
        double[] action = {3.0};
        int inside = 0;
        int capped = 0;
        int outside = 0;
        for (int trial = 0; trial < 300; trial++) {
            double[] s = {random.nextDouble(-1.2, 1.2) * p.xThreshold(), random.nextDouble(-2, 2),
                random.nextDouble(-1.2, 1.2) * p.thetaThreshold(), random.nextDouble(-2, 2)};
            double c = cost.evaluate(s, action, gs, ga);
            assertEquals(-OBJECTIVE.task().reward(s, action), c, 0.0, "minus the task's reward");
            assertEquals(0.0, ga[0], "the reward does not depend on the command");
            double xn = s[CartPole.X] / p.xThreshold();
            double tn = s[CartPole.THETA] / p.thetaThreshold();
            boolean in = Math.abs(xn) <= 1 && Math.abs(tn) <= 1;
            double q = xn * xn + tn * tn;
            if (in && Math.abs(q - 1) < 1e-6 || Math.abs(Math.abs(xn) - 1) < 1e-6 || Math.abs(Math.abs(tn) - 1) < 1e-6) {
                continue; // a difference across the kink or the limit is not a derivative
            }
            inside += in && q < 1 ? 1 : 0;
            capped += in && q >= 1 ? 1 : 0;
            outside += in ? 0 : 1;
            for (int i = 0; i < 4; i++) {
                double keep = s[i];
                double h = 1e-7 * Math.max(1, Math.abs(keep));
                s[i] = keep + h;
                double plus = cost.evaluate(s, action, g2, a2);
                s[i] = keep - h;
                double minus = cost.evaluate(s, action, g2, a2);
                s[i] = keep;
                double fd = (plus - minus) / (2 * h);
                assertEquals(fd, gs[i], 1e-6 * Math.max(1, Math.abs(fd)), "trial " + trial + " state " + i);
            }
            if (!in) {
                assertEquals(SETTINGS.failure(), c, 0.0, "outside the limits: the fall's penalty");
            }
        }
        assertTrue(inside > 50 && capped > 5 && outside > 50, "every region tried: " + inside + " inside, " + capped
                + " capped, " + outside + " outside");
    }
}
