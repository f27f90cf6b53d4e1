package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.testing.SeedSweep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.UpdateForm;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.DifferentiableCartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.device.Plant;
import org.neurorig.plant.DifferentiablePlant;
import org.neurorig.plant.nonideal.ModelledCartPole;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * The model-based gradient against finite differences, part by part (network, plant) and as a whole
 * closed loop, and the proof that it learns: a controller trained on the nominal model balances.
 *
 * <p>Finite differences are central, in double precision, with step h = 1e-6: the truncation error is
 * O(h^2) relative, and rounding the loss L costs about eps |L| / h = 2e-10 |L| absolute. Each
 * component must agree within 1e-6 relative plus 1e-8 (1 + |L|) absolute, which leaves room for
 * rounding and none for a wrong adjoint (whose errors are of the gradient's own size).
 */
class ModelBasedGradientTest {

    private static final double H = 1e-6;

    private static RateNetwork network(int n, int inputs, int outputs, UpdateForm form, long seed) {
        NetworkConfig c = NetworkConfig.of(n).withInputs(inputs).withOutputs(outputs).withForm(form)
                .withPhi(Nonlinearity.TANH).withG(1.2).withTiming(0.01, 0.03).withInputScale(0.8).withSeed(seed);
        RateNetwork net = new RateNetwork(c, Kernels.scalar());
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (int i = 0; i < net.readoutWeights().length; i++) {
            net.readoutWeights()[i] = (float) (r.nextGaussian() / Math.sqrt(n));
        }
        return net;
    }

    @ParameterizedTest
    @EnumSource(UpdateForm.class)
    void theModelComputesWhatTheNetworkComputes(UpdateForm form) {
        RateNetwork net = network(40, 3, 2, form, 5);
        NetworkModel model = new NetworkModel(net, 200);
        model.reset();
        net.resetState();
        double[] u = new double[3];
        double worst = 0;
        double largest = 0;
        for (int t = 0; t < 200; t++) {
            for (int q = 0; q < 3; q++) {
                u[q] = Math.sin(0.1 * t + q);
                net.input()[q] = (float) u[q];
            }
            net.step();
            double[] z = model.forwardStep(u);
            for (int o = 0; o < 2; o++) {
                worst = Math.max(worst, Math.abs(z[o] - net.readout()[o]));
                largest = Math.max(largest, Math.abs(z[o]));
            }
        }
        // float rounding and the float tanh's 3.4e-7 error, accumulated over 200 ticks of a g = 1.2 network
        assertTrue(worst < 1e-4 * largest, form + ": model and network readouts differ by " + worst + " (largest readout " + largest + ")");
        assertTrue(largest > 0.01, "largest readout " + largest + ": the readout must be non-trivial for the comparison to mean anything");
    }

    /** Open loop: L = sum_k 1/2 |z_k - target_k|^2 for a fixed input sequence. */
    private static double openLoopLoss(NetworkModel m, double[][] inputs, double[][] targets, boolean backward) {
        m.reset();
        double loss = 0;
        for (double[] u : inputs) {
            m.forwardStep(u);
        }
        for (int k = 0; k < inputs.length; k++) {
            for (int o = 0; o < m.outputs(); o++) {
                double d = m.readout(k)[o] - targets[k][o];
                loss += 0.5 * d * d;
            }
        }
        if (backward) {
            m.beginBackward();
            double[] adj = new double[m.outputs()];
            for (int k = inputs.length - 1; k >= 0; k--) {
                for (int o = 0; o < m.outputs(); o++) {
                    adj[o] = m.readout(k)[o] - targets[k][o];
                }
                m.backwardStep(k, adj, null);
            }
        }
        return loss;
    }

    @ParameterizedTest
    @EnumSource(UpdateForm.class)
    void networkAdjointEqualsFiniteDifferences(UpdateForm form) {
        int t = 15;
        RateNetwork net = network(6, 3, 2, form, 11);
        NetworkModel m = new NetworkModel(net, t);
        SplittableRandom r = new SplittableRandom(3);
        double[][] inputs = new double[t][3];
        double[][] targets = new double[t][2];
        for (int k = 0; k < t; k++) {
            for (int q = 0; q < 3; q++) {
                inputs[k][q] = r.nextGaussian();
            }
            targets[k][0] = Math.sin(k * 0.4);
            targets[k][1] = 0.3;
        }
        double loss = openLoopLoss(m, inputs, targets, true);
        double[][] analytic = {m.recurrentGradient().clone(), m.inputGradient().clone(), m.readoutGradient().clone()};
        double[][] weights = {m.recurrentWeights(), m.inputWeights(), m.readoutWeights()};
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < weights[g].length; i++) {
                double keep = weights[g][i];
                weights[g][i] = keep + H;
                double plus = openLoopLoss(m, inputs, targets, false);
                weights[g][i] = keep - H;
                double minus = openLoopLoss(m, inputs, targets, false);
                weights[g][i] = keep;
                double fd = (plus - minus) / (2 * H);
                assertEquals(fd, analytic[g][i], 1e-6 * Math.abs(fd) + 1e-8 * (1 + loss),
                        form + " group " + g + " weight " + i);
            }
        }
    }

    @Test
    void differentiableCartPoleStepsAsTheCartPoleItModels() {
        CartPoleParameters p = CartPoleParameters.gym();
        CartPole pole = new CartPole(p);
        DifferentiableCartPole model = new DifferentiableCartPole(p);
        SplittableRandom r = new SplittableRandom(8);
        double[] s = new double[4];
        double[] next = new double[4];
        double[] viaPole = new double[4];
        for (int trial = 0; trial < 200; trial++) {
            for (int i = 0; i < 4; i++) {
                s[i] = r.nextDouble(-0.5, 0.5);
            }
            double force = r.nextDouble(-15, 15); // past the limit too
            pole.setState(s);
            pole.step(Math.max(-10, Math.min(10, force)));
            pole.state(viaPole);
            model.step(s, new double[] {force}, next);
            org.junit.jupiter.api.Assertions.assertArrayEquals(viaPole, next, 0.0, "trial " + trial);
        }
    }

    @Test
    void cartPoleVectorJacobianProductEqualsFiniteDifferences() {
        DifferentiableCartPole model = new DifferentiableCartPole(CartPoleParameters.gym());
        SplittableRandom r = new SplittableRandom(9);
        double[] s = new double[4];
        double[] a = new double[1];
        double[] g = new double[4];
        double[] gs = new double[4];
        double[] ga = new double[1];
        double[] plus = new double[4];
        double[] minus = new double[4];
        for (int trial = 0; trial < 50; trial++) {
            for (int i = 0; i < 4; i++) {
                s[i] = r.nextDouble(-1, 1);
                g[i] = r.nextGaussian();
            }
            a[0] = trial % 10 == 0 ? 14 : r.nextDouble(-9, 9); // every tenth saturated: no gradient to the force
            model.vectorJacobianProduct(s, a, g, gs, ga);
            for (int i = 0; i < 5; i++) {
                double[] v = i < 4 ? s : a;
                int idx = i < 4 ? i : 0;
                double keep = v[idx];
                v[idx] = keep + H;
                model.step(s, a, plus);
                v[idx] = keep - H;
                model.step(s, a, minus);
                v[idx] = keep;
                double fd = 0;
                for (int q = 0; q < 4; q++) {
                    fd += g[q] * (plus[q] - minus[q]) / (2 * H);
                }
                double analytic = i < 4 ? gs[i] : ga[0];
                assertEquals(fd, analytic, 1e-6 * Math.max(1, Math.abs(fd)), "trial " + trial + " input " + i);
            }
            if (a[0] == 14) {
                assertEquals(0.0, Math.abs(ga[0]), "a saturated force passes no gradient");
            }
        }
    }

    private static final double[] SENSOR_GAIN = {1 / 2.4, 1 / 2.0, 1 / 0.21, 1 / 2.0};

    @ParameterizedTest
    @EnumSource(UpdateForm.class)
    void closedLoopGradientEqualsFiniteDifferences(UpdateForm form) {
        RateNetwork net = network(6, 4, 1, form, 21);
        NetworkModel m = new NetworkModel(net, 40);
        CartPoleParameters p = CartPoleParameters.gym();
        ModelBasedGradient mbg = new ModelBasedGradient(m, new DifferentiableCartPole(p), SENSOR_GAIN, 3.0,
                StageCost.cartPoleBalance(p.xThreshold(), p.thetaThreshold(), p.forceMag()), false);
        double[][] starts = {{0.02, -0.03, 0.04, 0.01}, {-0.04, 0.02, -0.03, 0.05}};
        double loss = mbg.lossAndGradient(starts);
        assertEquals(40, mbg.ticks());
        double[][] analytic = {mbg.recurrentGradient().clone(), mbg.inputGradient().clone(), mbg.readoutGradient().clone()};
        double[][] weights = {m.recurrentWeights(), m.inputWeights(), m.readoutWeights()};
        double largest = 0;
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < weights[g].length; i++) {
                double keep = weights[g][i];
                weights[g][i] = keep + H;
                double plus = mbg.lossAndGradient(starts);
                weights[g][i] = keep - H;
                double minus = mbg.lossAndGradient(starts);
                weights[g][i] = keep;
                double fd = (plus - minus) / (2 * H);
                largest = Math.max(largest, Math.abs(fd));
                assertEquals(fd, analytic[g][i], 1e-6 * Math.abs(fd) + 1e-8 * (1 + loss), form + " group " + g + " weight " + i);
            }
        }
        assertTrue(largest > 1e-3, "the gradient must be non-trivial");
    }

    /**
     * The closed loop through a model with an augmented state and a sensor offset: the network reads
     * four sensors of an eight-variable state (a delay line of two ticks, a held command and its phase),
     * the cost is taken on the offset angle, and the loss's gradient still equals finite differences.
     * (No deadband: this network's first commands are a few hundredths of a newton, inside any dead
     * zone, where no gradient passes; the deadband's derivative is checked in ModelledCartPoleTest.)
     */
    @ParameterizedTest
    @EnumSource(UpdateForm.class)
    void closedLoopGradientThroughTheModelledRigEqualsFiniteDifferences(UpdateForm form) {
        RateNetwork net = network(6, 4, 1, form, 21);
        NetworkModel m = new NetworkModel(net, 40);
        CartPoleParameters p = CartPoleParameters.gym();
        NonIdealities rig = NonIdealities.none().with("delay_ticks", 2).with("hold_ticks", 2).with("gain_error", -0.25)
                .with("saturation", 0.3).with("viscous_friction", 0.5).with("pivot_friction", 0.001).with("mass_cart_error", 0.3).with("length_error", 0.2).with("theta_offset", 0.035).with("force_bias", 0.5);
        ModelledCartPole plant = new ModelledCartPole(p, rig);
        assertEquals(8, plant.stateSize());
        ModelBasedGradient mbg = new ModelBasedGradient(m, plant, SENSOR_GAIN, 3.0,
                StageCost.cartPoleBalance(p.xThreshold(), p.thetaThreshold(), p.forceMag()), false);
        double[][] starts = {{0.02, -0.03, 0.04, 0.01}, {-0.04, 0.02, -0.03, 0.05}};
        double loss = mbg.lossAndGradient(starts);
        assertEquals(40, mbg.ticks());
        assertEquals(mbg.plantState(-1)[CartPole.THETA] + 0.035, mbg.sensors(-1)[CartPole.THETA], 0.0, "the sensors are offset");
        double[][] analytic = {mbg.recurrentGradient().clone(), mbg.inputGradient().clone(), mbg.readoutGradient().clone()};
        double[][] weights = {m.recurrentWeights(), m.inputWeights(), m.readoutWeights()};
        double largest = 0;
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < weights[g].length; i++) {
                double keep = weights[g][i];
                weights[g][i] = keep + H;
                double plus = mbg.lossAndGradient(starts);
                weights[g][i] = keep - H;
                double minus = mbg.lossAndGradient(starts);
                weights[g][i] = keep;
                double fd = (plus - minus) / (2 * H);
                largest = Math.max(largest, Math.abs(fd));
                assertEquals(fd, analytic[g][i], 1e-6 * Math.abs(fd) + 1e-8 * (1 + loss), form + " group " + g + " weight " + i);
            }
        }
        assertTrue(largest > 1e-3, "the gradient must be non-trivial");
    }

    /**
     * Learning in software works on the model it was trained on: a reservoir of 50 units whose readout
     * is trained by BPTT on the nominal cart-pole balances the ideal plant for Gymnasium's 500 steps, on
     * 5 seeds (reservoir, training starts, test starts); each must balance at least 9 of 10 test episodes.
     */
    @Test
    void aControllerTrainedOnTheNominalModelBalancesTheIdealPlant() {
        CartPoleParameters p = CartPoleParameters.gym();
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(1, 5), "S on the ideal plant: test episodes at 500 steps", seed -> {
            NetworkConfig c = NetworkConfig.of(50).withInputs(4).withOutputs(1).withG(0.8).withTiming(0.02, 0.05)
                    .withInputScale(1.0).withSeed(seed);
            RateNetwork net = new RateNetwork(c);
            NetworkModel m = new NetworkModel(net, 200);
            ModelBasedGradient mbg = new ModelBasedGradient(m, new DifferentiableCartPole(p), SENSOR_GAIN, 10.0,
                    StageCost.cartPoleBalance(p.xThreshold(), p.thetaThreshold(), p.forceMag()), true);
            ModelBasedTrainer trainer = new ModelBasedTrainer(mbg, EnumSet.of(WeightGroup.READOUT), 0.02, 10);
            SplittableRandom r = new SplittableRandom(seed + 1000);
            double[][] batch = new double[8][4];
            double first = 0;
            double last = 0;
            for (int it = 0; it < 150; it++) {
                for (double[] s : batch) {
                    for (int i = 0; i < 4; i++) {
                        s[i] = r.nextDouble(-0.1, 0.1); // wider than Gymnasium's reset, so the controller must correct
                    }
                }
                last = trainer.iterate(batch);
                if (it == 0) {
                    first = last;
                }
            }
            trainer.deployTo(net);
            int balanced = 0;
            SplittableRandom episodes = new SplittableRandom(seed + 2000);
            for (int e = 0; e < 10; e++) {
                balanced += run(net, p, episodes) >= 500 ? 1 : 0;
            }
            SeedSweep.Outcome kept = SeedSweep.Outcome.atLeast(balanced, 9, String.format("loss %.3f -> %.3f; balanced", first, last));
            return new SeedSweep.Outcome(kept.holds() && last < first / 3, balanced, "episodes balanced", kept.description()
                    + (last < first / 3 ? "" : " (the loss must fall by 3)"));
        });
    }

    /**
     * Knowing the delay is what S lacks on a delayed rig: with 3 ticks (60 ms) between command and
     * motor, a readout trained on the delay-aware model balances the delayed rig for longer than one
     * trained on the nominal model, by more than 100 steps on average, from the same reservoir and the
     * same training starts, on at least 4 of 5 seeds. Each is tested on 10 episodes of at most 500 steps
     * on NonIdealCartPole.
     */
    @Test
    void onADelayedRigTheDelayAwareModelTrainsTheBetterController() {
        CartPoleParameters p = CartPoleParameters.gym();
        NonIdealities delayed = NonIdealities.none().with("delay_ticks", 3);
        SeedSweep.assertHoldsForAtLeast(4, SeedSweep.seeds(1, 5), "mean steps on the 3-tick delayed rig, delay-aware model vs nominal",
                seed -> {
                    double aware = stepsOnRig(trainedOn(new ModelledCartPole(p, delayed), seed), p, delayed, seed);
                    double nominal = stepsOnRig(trainedOn(new DifferentiableCartPole(p), seed), p, delayed, seed);
                    return SeedSweep.Outcome.exceeds(aware, nominal, 100, "mean steps");
                });
    }

    /** A 50-unit reservoir whose readout ModelBasedTrainer trained on {@code model}. */
    private static RateNetwork trainedOn(DifferentiablePlant model, long seed) {
        CartPoleParameters p = CartPoleParameters.gym();
        NetworkConfig c = NetworkConfig.of(50).withInputs(4).withOutputs(1).withG(0.8).withTiming(0.02, 0.05)
                .withInputScale(1.0).withSeed(seed);
        RateNetwork net = new RateNetwork(c);
        ModelBasedGradient mbg = new ModelBasedGradient(new NetworkModel(net, 200), model, SENSOR_GAIN, 10.0,
                StageCost.cartPoleBalance(p.xThreshold(), p.thetaThreshold(), p.forceMag()), true);
        ModelBasedTrainer trainer = new ModelBasedTrainer(mbg, EnumSet.of(WeightGroup.READOUT), 0.02, 10);
        SplittableRandom r = new SplittableRandom(seed + 1000);
        double[][] batch = new double[8][4];
        for (int it = 0; it < 60; it++) {
            for (double[] s : batch) {
                for (int i = 0; i < 4; i++) {
                    s[i] = r.nextDouble(-0.1, 0.1);
                }
            }
            trainer.iterate(batch);
        }
        trainer.deployTo(net);
        return net;
    }

    /** The mean steps (of at most 500) the float network balances the rig with {@code effects}, over 10 episodes. */
    private static double stepsOnRig(RateNetwork net, CartPoleParameters p, NonIdealities effects, long seed) {
        Plant rig = NonIdealCartPole.create(p, CartPolePlant.ForceMode.CONTINUOUS, effects, seed);
        rig.activate();
        SplittableRandom random = new SplittableRandom(seed + 2000);
        double[] s = new double[4];
        double[] command = new double[1];
        int total = 0;
        for (int e = 0; e < 10; e++) {
            CartPole.drawInitialState(p, random, s);
            rig.reset(s);
            net.resetState();
            for (int t = 0; t < 500 && !rig.terminated(); t++) {
                rig.read(t, s);
                for (int i = 0; i < 4; i++) {
                    net.input()[i] = (float) (SENSOR_GAIN[i] * s[i]);
                }
                net.step();
                command[0] = 10.0 * net.readout()[0];
                rig.write(t, command);
                total++;
            }
        }
        return total / 10.0;
    }

    /** Runs the float network against the ideal plant; returns the steps survived (at most 500). */
    static int run(RateNetwork net, CartPoleParameters p, SplittableRandom random) {
        CartPolePlant plant = new CartPolePlant(p, CartPolePlant.ForceMode.CONTINUOUS);
        plant.activate();
        double[] s = new double[4];
        CartPole.drawInitialState(p, random, s);
        plant.reset(s);
        net.resetState();
        double[] command = new double[1];
        for (int t = 0; t < 500; t++) {
            plant.read(t, s);
            for (int i = 0; i < 4; i++) {
                net.input()[i] = (float) (SENSOR_GAIN[i] * s[i]);
            }
            net.step();
            command[0] = 10.0 * net.readout()[0];
            plant.write(t, command);
            if (plant.terminated()) {
                return t + 1;
            }
        }
        return 500;
    }
}
