package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurorig.testing.SeedSweep.assertHoldsForAtLeast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.testing.SeedSweep;
import org.neurorig.testing.SeedSweep.Outcome;

/**
 * The paper's behaviours on reduced sizes that train in seconds (the full runs are {@code neurorig mop
 * ...}): N = 100 units with 2^6 = 64 actions instead of 256, shorter horizons, fewer epochs and networks.
 * Each claim is checked on {@link #SEEDS}; a seed draws the network (J and K), the value network's
 * initial weights, x0 and the policy's samples. A claim must hold for at least {@link #REQUIRED} of
 * them unless its test says why it asks less. The settings below were chosen on other networks (101
 * and up), not on the tested ones.
 */
class NeuroMopBehaviourTest {

    private static final long[] SEEDS = SeedSweep.seeds(1, 5);
    private static final int REQUIRED = 4;

    private static final int UNITS = 100;
    private static final int BITS = 6;
    private static final double GAMMA = 0.9;
    private static final TrainingParameters SMALL = new TrainingParameters(8, 6, 200, 16, 0.003, 5, 0);
    /** The (x1, x2) tasks' Euler step, and the energy tasks' (as in {@code neurorig mop}'s defaults). */
    private static final double PLANE_DT = 0.1;
    private static final double ENERGY_DT = 0.3;

    private static MopTraining recurrent(ControllerKind kind, TerminalSet terminal, Objective objective,
            EpsilonSchedule epsilon, ExtrinsicReward reward, float[] readouts, double rho, double dt,
            TrainingParameters training, long seed) {
        RecurrentParameters p = RecurrentParameters.neuroMop(seed).withSize(UNITS, BITS).withRho(rho);
        RecurrentModel model = new RecurrentModel(p.withDynamics(p.g(), dt, p.tau()), Kernels.best());
        double scale = kind == ControllerKind.MOP ? Math.log(model.actionCount()) / (1 - GAMMA) : 1 / (1 - GAMMA);
        ValueNetwork value = new ValueNetwork(UNITS, training.hidden(), scale, training.initialValue(), seed + 1,
                Kernels.best());
        MopAgent agent = new MopAgent(kind, model, terminal, reward, objective, value, null, null, 0);
        float[] x0 = MopTraining.randomInitialState(UNITS, 0.1, seed + 2);
        if (readouts != null) {
            x0[0] = readouts[0];
            x0[1] = readouts[1];
        }
        return new MopTraining(agent, x0, training, epsilon, 0, seed + 3);
    }

    private static List<EpochReport> train(MopTraining t) {
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 0; e < t.parameters().epochs(); e++) {
            reports.add(t.runEpoch());
        }
        return reports;
    }

    /** Runs {@code run} once per seed, so that several claims can be checked on the same trained networks. */
    private static <T> Map<Long, T> perSeed(LongFunction<T> run) {
        Map<Long, T> runs = new LinkedHashMap<>();
        for (long seed : SEEDS) {
            runs.put(seed, run.apply(seed));
        }
        return runs;
    }

    /**
     * Mean action entropy over the quarter of all decisions whose state had the largest terminal-set
     * margin and over the quarter with the smallest (pooled over the trajectories, as
     * {@link TrajectoryMetrics#effectiveDimensionalityFarNear} pools them).
     *
     * @return {far, near}
     */
    private static double[] entropyFarNear(List<Trajectory> trajectories) {
        List<float[]> decisions = new ArrayList<>();
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.lifetime(); s++) {
                decisions.add(new float[] {t.margin(s), t.entropy(s)});
            }
        }
        decisions.sort((a, b) -> Float.compare(a[0], b[0]));
        int quarter = decisions.size() / 4;
        double near = 0;
        double far = 0;
        for (int i = 0; i < quarter; i++) {
            near += decisions.get(i)[1];
            far += decisions.get(decisions.size() - 1 - i)[1];
        }
        return new double[] {far / quarter, near / quarter};
    }

    private record EnergyRun(List<Trajectory> mop, List<Trajectory> r) {
    }

    /**
     * ED_a far from the bound exceeds ED_a near it by only 1 to 3% here (the paper: about 8 against 7; the
     * full run: 7.68 against 7.57), so each network runs 20 test trajectories: with 6, the two came out in
     * the wrong order on 1 of 10 networks, with 20 on none of 20 (networks 101 to 110 and 201 to 210). The
     * action entropy's drop near the bound, the paper's other sign of it, is the larger effect (7 to 12%).
     */
    @Test
    void energyNeuroMopLearnsToLiveToTheHorizonWithRicherActionsThanTheRNetwork() {
        EnergyBound bound = new EnergyBound(UNITS, 0.11);
        Objective objective = Objective.actionEntropy(GAMMA);
        int tests = 20;
        Map<Long, EnergyRun> runs = perSeed(seed -> {
            MopTraining mop = recurrent(ControllerKind.MOP, bound, objective, null, null, null, 2.0, ENERGY_DT, SMALL,
                    seed);
            List<EpochReport> reports = train(mop);
            assertTrue(reports.get(0).lifetime() < SMALL.horizon(), "seed " + seed + ": the untrained controller "
                    + "should die: " + reports.get(0));
            MopTraining r = recurrent(ControllerKind.R, bound, objective, EpsilonSchedule.constant(0.1), null, null, 2.0,
                    ENERGY_DT, SMALL, seed);
            train(r);
            return new EnergyRun(List.of(mop.test(tests, -1)), List.of(r.test(tests, -1)));
        });
        assertHoldsForAtLeast(REQUIRED, SEEDS, "energy: NeuroMOP's test trajectories that reach T", seed -> Outcome.atLeast(
                (double) TrajectoryMetrics.survivors(runs.get(seed).mop()) / tests, 1.0, "share at T"));
        assertHoldsForAtLeast(REQUIRED, SEEDS, "energy: NeuroMOP's action entropy far from vs near the bound", seed -> {
            double[] h = entropyFarNear(runs.get(seed).mop());
            return Outcome.exceeds(h[0], h[1], 0, "H far vs near (nats)");
        });
        assertHoldsForAtLeast(REQUIRED, SEEDS, "energy: NeuroMOP's ED_a far from vs near the bound", seed -> {
            double[] ed = TrajectoryMetrics.effectiveDimensionalityFarNear(runs.get(seed).mop());
            return Outcome.exceeds(ed[0], ed[1], 0, "ED_a far vs near");
        });
        assertHoldsForAtLeast(REQUIRED, SEEDS, "energy: ED_a NeuroMOP vs R", seed -> Outcome.exceeds(
                TrajectoryMetrics.effectiveDimensionality(runs.get(seed).mop()),
                TrajectoryMetrics.effectiveDimensionality(runs.get(seed).r()), 1, "ED_a"));
        assertHoldsForAtLeast(REQUIRED, SEEDS, "energy: action entropy NeuroMOP vs R", seed -> Outcome.exceeds(
                TrajectoryMetrics.meanEntropy(runs.get(seed).mop()), TrajectoryMetrics.meanEntropy(runs.get(seed).r()), 0,
                "H (nats)"));
        assertHoldsForAtLeast(REQUIRED, SEEDS, "energy: <sigma> NeuroMOP vs R", seed -> Outcome.exceeds(
                TrajectoryMetrics.meanStd(runs.get(seed).mop()), TrajectoryMetrics.meanStd(runs.get(seed).r()), 0,
                "<sigma>"));
    }

    private record SquareRun(List<Trajectory> mop, List<Trajectory> r) {
    }

    /**
     * 15 Adam steps an epoch instead of 5: with 5, NeuroMOP's lifetime jumped from a few steps to T at an
     * epoch that varied from network to network between 4 and beyond 100 (networks 1 to 10: 4 had learned
     * to stay in the square after 15 epochs, 7 after 60); with 15, all of networks 101 to 110 had by epoch 8.
     * After 25 epochs the R network (eps 0.5 * 0.9^l, 0.04 by then) still leaves the square within about
     * 80 steps.
     */
    @Test
    void squareNeuroMopFillsAllFourQuadrantsAndOutlivesTheRNetwork() {
        ShapeRegion square = ShapeRegion.paper(Shape.SQUARE);
        Objective objective = Objective.actionEntropy(GAMMA);
        float[] centre = {0, 0};
        TrainingParameters training = SMALL.withEpochs(25).withHidden(32).withLearning(0.003, 15);
        int tests = 10;
        Map<Long, SquareRun> runs = perSeed(seed -> {
            MopTraining mop = recurrent(ControllerKind.MOP, square, objective, null, null, centre, 2.0, PLANE_DT, training,
                    seed);
            train(mop);
            MopTraining r = recurrent(ControllerKind.R, square, objective, new EpsilonSchedule(0.5, 0.9), null, centre,
                    2.0, PLANE_DT, training, seed);
            train(r);
            return new SquareRun(List.of(mop.test(tests, -1)), List.of(r.test(tests, -1)));
        });
        // uniform would be 0.25 each; ++ and -- hold more (with K >= 0 the actions tend to push x1 and x2 the same way)
        assertHoldsForAtLeast(REQUIRED, SEEDS, "square: NeuroMOP's least-visited quadrant", seed -> Outcome.atLeast(
                Arrays.stream(TrajectoryMetrics.quadrants(runs.get(seed).mop(), 0, 1)).min().orElseThrow(), 0.1,
                "share of the states"));
        assertHoldsForAtLeast(REQUIRED, SEEDS, "square: lifetime NeuroMOP vs R (eps 0.5 * 0.9^l)", seed -> Outcome.exceeds(
                TrajectoryMetrics.meanLifetime(runs.get(seed).mop()), TrajectoryMetrics.meanLifetime(runs.get(seed).r()), 0,
                "lifetime"));
    }

    /**
     * The paper: at mu = 0.5 the occupancy collapses into the rewarded inner square. It does not here, nor
     * in the full run (README: 0.083 of the states at mu 0.1, 0.129 at mu 0.5). A rise of more than 0.05
     * holds on about half the networks: over 40 of them (1 to 10, 101 to 110, 201 to 220) after 30 epochs
     * the rise ranged from -0.03 to 0.13 (median 0.05), positive on 38. A rise that small against its
     * spread between networks is not safe to claim for 4 of 5 (a sign flip on 1 network in 20 fails such
     * a claim about 1 run in 40), so the claim is its direction on the median network: 3 of 5.
     */
    @Test
    void rewardPullsTheOccupancyIntoTheRewardedSquare() {
        ShapeRegion outer = new ShapeRegion(Shape.SQUARE, 0.2, 0.2, 0, 1);
        ExtrinsicReward inner = ExtrinsicReward.innerSquare(0.1, 0.1, 0.1, 0, 1);
        TrainingParameters training = SMALL.withEpochs(30);
        assertHoldsForAtLeast(3, SEEDS, "reward: share of the states in the rewarded square, mu 0.5 vs 0.1", seed -> {
            double[] share = new double[2];
            double[] mus = {0.1, 0.5};
            for (int k = 0; k < 2; k++) {
                MopTraining t = recurrent(ControllerKind.MOP, outer, Objective.actionEntropy(GAMMA).withMu(mus[k]), null,
                        inner, new float[] {0, 0}, 2.0, PLANE_DT, training, seed);
                train(t);
                share[k] = TrajectoryMetrics.rewardedFraction(List.of(t.test(20, -1)), inner);
            }
            return Outcome.exceeds(share[1], share[0], 0, "share");
        });
    }

    private record CartPoleRun(double untrained, List<Trajectory> test) {
    }

    /**
     * The fit of the cart-pole's value does not settle (README): the last epoch's weights are a draw from a
     * swing, and after 150 epochs their test lifetime was below 0.6 T on 1 of networks 101 to 110.
     * Validation, as {@code neurorig mop cartpole} uses it, keeps the weights that lived longest: with it
     * all 10 lived 0.8 T or more.
     */
    @Test
    void cartPoleNeuroMopLearnsToBalance() {
        // the cart-pole's value is the hardest to fit (a thin band of balanced states): more epochs and steps
        TrainingParameters training = new TrainingParameters(150, 10, 200, 32, 0.01, 20, 0).withValidation(10, 10);
        Map<Long, CartPoleRun> runs = perSeed(seed -> {
            CartPoleSuccessors model = new CartPoleSuccessors(CartPoleParameters.neuroMop());
            ValueNetwork value = new ValueNetwork(4, training.hidden(), Math.log(2) / (1 - 0.98), 0, seed + 1,
                    Kernels.best());
            MopAgent agent = new MopAgent(ControllerKind.MOP, model, model.terminalSet(), null,
                    Objective.actionEntropy(0.98), value, null, model.inputScales(), 0);
            MopTraining t = new MopTraining(agent, new float[4], training, null, 0, seed + 3);
            List<EpochReport> reports = train(t);
            t.keepBest();
            return new CartPoleRun(reports.get(0).lifetime(), List.of(t.test(10, -1)));
        });
        assertHoldsForAtLeast(REQUIRED, SEEDS, "cart-pole: NeuroMOP's test lifetime (T = " + training.horizon() + ")",
                seed -> Outcome.atLeast(TrajectoryMetrics.meanLifetime(runs.get(seed).test()), 0.6 * training.horizon(),
                        "lifetime"));
        assertHoldsForAtLeast(REQUIRED, SEEDS, "cart-pole: lifetime trained / in the first epoch", seed -> Outcome.atLeast(
                TrajectoryMetrics.meanLifetime(runs.get(seed).test()) / runs.get(seed).untrained(), 3, "factor"));
        assertHoldsForAtLeast(REQUIRED, SEEDS, "cart-pole: it balances with a stochastic policy", seed -> Outcome.atLeast(
                TrajectoryMetrics.meanEntropy(runs.get(seed).test()), 0.3, "H (nats)"));
    }
}
