package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurorig.testing.SeedSweep.assertHoldsForAtLeast;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.BernoulliNetwork;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.testing.SeedSweep;
import org.neurorig.testing.SeedSweep.Outcome;

/**
 * Each rule lowers the error of a small task it should solve: student-teacher regression for
 * feedforward weights, a short temporal task (a target time course of the readout, learned only
 * through the recurrent weights) for recurrent ones. Each claim is checked on {@link #SEEDS} (a seed
 * draws the task, the network and the rule's noise) and must hold for at least {@link #REQUIRED} of
 * them; each test states the factor by which the error must fall.
 */
class LearningTasksTest {

    private static final long[] SEEDS = SeedSweep.seeds(1, 5);
    private static final int REQUIRED = 4;

    // ---- student-teacher regression: y = W x, 10 inputs, 3 outputs ----

    private static final int N_IN = 10;
    private static final int M_OUT = 3;

    private static final class Regression {
        final float[] teacher = new float[M_OUT * N_IN];
        final float[] student = new float[M_OUT * N_IN];
        final float[] x = new float[N_IN];
        final float[] y = new float[M_OUT];
        final float[] yTeacher = new float[M_OUT];
        final SplittableRandom random;

        Regression(long seed) {
            random = new SplittableRandom(seed);
            for (int i = 0; i < teacher.length; i++) {
                teacher[i] = (float) (random.nextGaussian() / Math.sqrt(N_IN));
            }
        }

        void drawInput() {
            for (int j = 0; j < N_IN; j++) {
                x[j] = (float) random.nextGaussian();
            }
            Kernels.best().matVec(teacher, M_OUT, N_IN, x, yTeacher);
        }

        float error(float[] out) {
            float e = 0;
            for (int i = 0; i < M_OUT; i++) {
                float d = out[i] - yTeacher[i];
                e += d * d;
            }
            return e;
        }

        /** The expected error over inputs, |W - W*|_F^2 for unit-variance Gaussian inputs. */
        double generalizationError() {
            double e = 0;
            for (int i = 0; i < student.length; i++) {
                double d = student[i] - teacher[i];
                e += d * d;
            }
            return e;
        }
    }

    @Test
    void nodePerturbationLearnsAFeedforwardRegression() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "NP regression: generalization error", seed -> {
            Regression task = new Regression(seed);
            NodePerturbation np = new NodePerturbation(
                    List.of(PlasticLayer.linear("student W", task.student, M_OUT, N_IN, task.x, task.y)),
                    Timing.episodic(), RewardBaseline.none(), new LearningControls(0.005f, 0.1f), seed + 1000,
                    Kernels.best());
            double before = task.generalizationError();
            for (int trial = 0; trial < 3000; trial++) {
                task.drawInput();
                np.beginEpisode();
                np.beforeStep();
                Kernels.best().matVec(task.student, M_OUT, N_IN, task.x, task.y);
                np.afterStep(); // draws the output noise: np.action(y) is y with it added
                np.reward(task.error(task.y) - task.error(np.action(task.y))); // paired baseline: the unperturbed error
                np.endEpisode();
            }
            return Outcome.fallsBy(before, task.generalizationError(), 20);
        });
    }

    @Test
    void weightPerturbationLearnsAFeedforwardRegression() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "WP regression: generalization error", seed -> {
            Regression task = new Regression(seed);
            WeightPerturbation wp = new WeightPerturbation(
                    List.of(PlasticLayer.linear("student W", task.student, M_OUT, N_IN, task.x, task.y)), true,
                    WeightPerturbation.Distribution.GAUSSIAN, RewardBaseline.none(),
                    new LearningControls(0.001f, 0.01f), seed + 1000, Kernels.best());
            double before = task.generalizationError();
            for (int pair = 0; pair < 6000; pair++) {
                task.drawInput(); // both halves of the antithetic pair see the same input
                for (int half = 0; half < 2; half++) {
                    wp.beginEpisode();
                    Kernels.best().matVec(task.student, M_OUT, N_IN, task.x, task.y);
                    wp.reward(-task.error(task.y));
                    wp.endEpisode();
                }
            }
            return Outcome.fallsBy(before, task.generalizationError(), 20);
        });
    }

    /** REINFORCE on feedforward Bernoulli units: learn a teacher's binary outputs, y* = [U* u > 0]. */
    @Test
    void reinforceLearnsAFeedforwardClassification() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "REINFORCE classification: error rate", seed -> {
            int n = 4;
            int inputs = 8;
            BernoulliNetwork student = new BernoulliNetwork(n, inputs, 0.0, seed + 1000, Kernels.best());
            java.util.Arrays.fill(student.inputWeights(), 0f);
            SplittableRandom r = new SplittableRandom(seed);
            float[] teacher = new float[n * inputs];
            for (int i = 0; i < teacher.length; i++) {
                teacher[i] = (float) r.nextGaussian();
            }
            Reinforce rule = new Reinforce(student, EnumSet.of(WeightGroup.INPUT, WeightGroup.BIAS),
                    Timing.episodic(), RewardBaseline.running(0.9f), new LearningControls(0.1f, 0f), Kernels.best());
            float[] target = new float[n];
            double early = 0;
            double late = 0;
            int trials = 6000;
            for (int trial = 0; trial < trials; trial++) {
                for (int q = 0; q < inputs; q++) {
                    student.input()[q] = (float) r.nextGaussian();
                }
                Kernels.best().matVec(teacher, n, inputs, student.input(), target);
                student.resetUnits();
                rule.beginEpisode();
                rule.beforeStep();
                student.step();
                rule.afterStep();
                int wrong = 0;
                for (int i = 0; i < n; i++) {
                    wrong += (student.units()[i] == 1f) == (target[i] > 0) ? 0 : 1;
                }
                rule.reward(-wrong);
                rule.endEpisode();
                if (trial < 500) {
                    early += wrong;
                } else if (trial >= trials - 500) {
                    late += wrong;
                }
            }
            return Outcome.fallsBy(early / (500.0 * n), late / (500.0 * n), 3);
        });
    }

    /**
     * REINFORCE on a reservoir's readout (Bernoulli actions of -1 or +1): each episode a cue of random
     * sign is shown, and every tick the action earns 1 when it has the cue's sign. Deployed greedily
     * (learning off), the trained readout must act correctly in at least 95% of the ticks.
     */
    @Test
    void reinforceOnTheReadoutLearnsToActOnItsInput() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "REINFORCE readout: share of greedy actions correct", seed -> {
            RateNetwork net = new RateNetwork(NetworkConfig.of(20).withInputs(1).withOutputs(1).withG(0.8)
                    .withTiming(0.01, 0.03).withSeed(seed), Kernels.best());
            ReinforceReadout rule = new ReinforceReadout(net, Timing.episodic(), RewardBaseline.running(0.9f),
                    new LearningControls(0.05f, 0f), seed + 1000);
            SplittableRandom r = new SplittableRandom(seed + 2000);
            int steps = 10;
            for (int e = 0; e < 1500; e++) {
                float cue = r.nextBoolean() ? 1f : -1f;
                net.resetState();
                rule.beginEpisode();
                for (int t = 0; t < steps; t++) {
                    net.input()[0] = cue;
                    rule.beforeStep();
                    net.step(rule.unitNoise());
                    rule.afterStep();
                    rule.reward(rule.action(net.readout())[0] == cue ? 1f : 0f);
                }
                rule.endEpisode();
            }
            rule.controls().setEnabled(false);
            int correct = 0;
            int total = 0;
            for (int e = 0; e < 200; e++) {
                float cue = r.nextBoolean() ? 1f : -1f;
                net.resetState();
                for (int t = 0; t < steps; t++) {
                    net.input()[0] = cue;
                    rule.beforeStep();
                    net.step(rule.unitNoise());
                    rule.afterStep();
                    float action = rule.action(net.readout())[0];
                    assertTrue(Math.abs(action) == 1f, "the action is -1 or +1");
                    correct += action == cue ? 1 : 0;
                    total++;
                }
            }
            return Outcome.atLeast((double) correct / total, 0.95, "correct");
        });
    }

    // ---- temporal task: a readout time course, learned through the recurrent weights only ----

    private static final int STEPS = 20;

    /** A 16-unit tanh network (J from {@code seed}) with a random fixed readout. */
    private static RateNetwork temporalNetwork(long seed) {
        NetworkConfig c = NetworkConfig.of(16).withInputs(1).withOutputs(1).withG(1.0).withTiming(0.01, 0.03)
                .withPhi(Nonlinearity.TANH).withSeed(seed);
        RateNetwork net = new RateNetwork(c, Kernels.best());
        SplittableRandom r = new SplittableRandom(seed + 1000);
        for (int i = 0; i < 16; i++) {
            net.readoutWeights()[i] = (float) (r.nextGaussian() / Math.sqrt(16));
        }
        return net;
    }

    private static float temporalTarget(int t) {
        return (float) (0.4 * Math.sin(2 * Math.PI * t / STEPS));
    }

    /** One episode; the rule (or none) sees a reward of minus the squared error at every tick. */
    private static double temporalEpisode(RateNetwork net, ThreeFactorRule rule) {
        net.resetState();
        if (rule != null) {
            rule.beginEpisode();
        }
        double error = 0;
        for (int t = 0; t < STEPS; t++) {
            net.input()[0] = t < 3 ? 1f : 0f; // a brief cue, then the network is on its own
            float[] z = net.readout();
            if (rule != null) {
                rule.beforeStep();
                net.step(rule.unitNoise());
                rule.afterStep();
                z = rule.action(z);
            } else {
                net.step();
            }
            float d = z[0] - temporalTarget(t);
            error += d * d;
            if (rule != null) {
                rule.reward(-d * d);
            }
        }
        if (rule != null) {
            rule.endEpisode();
        }
        return error / STEPS;
    }

    private static Outcome temporalTaskOutcome(ThreeFactorRule rule, RateNetwork net, int episodes, double factor) {
        double before = temporalEpisode(net, null);
        for (int e = 0; e < episodes; e++) {
            temporalEpisode(net, rule);
        }
        return Outcome.fallsBy(before, temporalEpisode(net, null), factor);
    }

    @Test
    void nodePerturbationLearnsATemporalTaskThroughRecurrentWeights() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "NP temporal task: mean squared error", seed -> {
            RateNetwork net = temporalNetwork(seed);
            NodePerturbation np = NodePerturbation.forNetwork(net, EnumSet.of(WeightGroup.RECURRENT),
                    Timing.episodic(), RewardBaseline.running(0.9f), new LearningControls(5e-4f, 0.1f), seed + 2000);
            return temporalTaskOutcome(np, net, 3000, 5);
        });
    }

    /**
     * Miconi's rule at this small scale: kicks of amplitude 2 to 5% of the units per tick. Its cubic
     * eligibility is not an unbiased gradient estimate, and larger kicks or rates (A = 4, or eta = 0.2)
     * made this task's error climb back after a first fall in a sweep. Even at these values it does not
     * learn on every network: over networks 1 to 10 the error fell by 4 or more on 8, and on network 1,
     * which starts close to the target, it rose. The claim is therefore 3 of 5.
     */
    @Test
    void miconiLearnsATemporalTaskThroughRecurrentWeights() {
        assertHoldsForAtLeast(3, SEEDS, "Miconi temporal task: mean squared error", seed -> {
            RateNetwork net = temporalNetwork(seed);
            MiconiPerturbation rule = new MiconiPerturbation(net, EnumSet.of(WeightGroup.RECURRENT),
                    Timing.episodic(), RewardBaseline.running(0.75f), new LearningControls(0.05f, 2f),
                    new MiconiPerturbation.Settings(0.05, 0.05f, 1e-2f), seed + 2000);
            return temporalTaskOutcome(rule, net, 4000, 4);
        });
    }

    /**
     * Two-sided weight perturbation perturbs all 256 recurrent weights at once, so its update's variance
     * grows with that dimension and its largest stable rate shrinks with it (Werfel, Xie and Seung
     * 2005). At eta = 0.02 single updates threw the network into regions it never left (the error rose
     * for 7 of 8 noise seeds on one network); at 0.002 it fell on each of 8 networks.
     */
    @Test
    void weightPerturbationLearnsATemporalTaskThroughRecurrentWeights() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "WP temporal task: mean squared error", seed -> {
            RateNetwork net = temporalNetwork(seed);
            WeightPerturbation wp = WeightPerturbation.forNetwork(net, EnumSet.of(WeightGroup.RECURRENT), true,
                    WeightPerturbation.Distribution.GAUSSIAN, RewardBaseline.none(),
                    new LearningControls(0.002f, 0.01f), seed + 2000);
            return temporalTaskOutcome(wp, net, 4000, 5);
        });
    }

    /** REINFORCE, Williams' recurrent episodic form: unit 0 must fire on alternate ticks after one cue. */
    @Test
    void reinforceLearnsATemporalPatternThroughRecurrentWeights() {
        assertHoldsForAtLeast(REQUIRED, SEEDS, "REINFORCE temporal pattern: error rate", seed -> {
            int n = 6;
            int steps = 6;
            BernoulliNetwork net = new BernoulliNetwork(n, 1, 0.5, seed, Kernels.best());
            Reinforce rule = new Reinforce(net, EnumSet.of(WeightGroup.RECURRENT, WeightGroup.BIAS),
                    Timing.episodic(), RewardBaseline.running(0.9f), new LearningControls(0.05f, 0f), Kernels.best());
            double early = 0;
            double late = 0;
            int episodes = 4000;
            for (int e = 0; e < episodes; e++) {
                net.resetUnits();
                rule.beginEpisode();
                int wrong = 0;
                for (int t = 0; t < steps; t++) {
                    net.input()[0] = t == 0 ? 1f : 0f;
                    rule.beforeStep();
                    net.step();
                    rule.afterStep();
                    boolean want = t % 2 == 0;
                    wrong += (net.units()[0] == 1f) == want ? 0 : 1;
                }
                rule.reward(-wrong);
                rule.endEpisode();
                if (e < 300) {
                    early += wrong;
                } else if (e >= episodes - 300) {
                    late += wrong;
                }
            }
            return Outcome.fallsBy(early / (300.0 * steps), late / (300.0 * steps), 3);
        });
    }
}
