package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.plant.CartPoleParameters;

/**
 * The paper's behaviours on reduced sizes that train in seconds (the full runs are {@code neurorig mop
 * ...}): N = 100 units with 2^6 = 64 actions instead of 256, shorter horizons, fewer epochs and networks.
 * Every number asserted here is measured from a fixed seed; each assertion can fail.
 */
class NeuroMopBehaviourTest {

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

    @Test
    void energyNeuroMopLearnsToLiveToTheHorizonWithRicherActionsThanTheRNetwork() {
        EnergyBound bound = new EnergyBound(UNITS, 0.11);
        Objective objective = Objective.actionEntropy(GAMMA);
        MopTraining mop = recurrent(ControllerKind.MOP, bound, objective, null, null, null, 2.0, ENERGY_DT, SMALL, 11);
        List<EpochReport> reports = train(mop);
        List<Trajectory> test = List.of(mop.test(6, -1));
        assertTrue(reports.get(0).lifetime() < SMALL.horizon(), "the untrained controller dies: " + reports.get(0));
        assertEquals(test.size(), TrajectoryMetrics.survivors(test), "trained NeuroMOP reaches T in every test trajectory");
        double[] ed = TrajectoryMetrics.effectiveDimensionalityFarNear(test);
        assertTrue(ed[0] > ed[1], "ED_a far " + ed[0] + " > near " + ed[1]);

        MopTraining r = recurrent(ControllerKind.R, bound, objective, EpsilonSchedule.constant(0.1), null, null, 2.0,
                ENERGY_DT, SMALL, 11);
        train(r);
        List<Trajectory> rTest = List.of(r.test(6, -1));
        double edMop = TrajectoryMetrics.effectiveDimensionality(test);
        double edR = TrajectoryMetrics.effectiveDimensionality(rTest);
        assertTrue(edMop > edR + 1, "ED_a NeuroMOP " + edMop + " vs R " + edR);
        assertTrue(TrajectoryMetrics.meanEntropy(test) > TrajectoryMetrics.meanEntropy(rTest));
        double sigmaMop = TrajectoryMetrics.meanStd(test);
        double sigmaR = TrajectoryMetrics.meanStd(rTest);
        assertTrue(sigmaMop > sigmaR, "<sigma> NeuroMOP " + sigmaMop + " vs R " + sigmaR);
    }

    @Test
    void squareNeuroMopFillsAllFourQuadrantsAndOutlivesTheRNetwork() {
        ShapeRegion square = ShapeRegion.paper(Shape.SQUARE);
        Objective objective = Objective.actionEntropy(GAMMA);
        float[] centre = {0, 0};
        TrainingParameters training = SMALL.withEpochs(15).withHidden(32);
        MopTraining mop = recurrent(ControllerKind.MOP, square, objective, null, null, centre, 2.0, PLANE_DT, training, 21);
        train(mop);
        List<Trajectory> test = List.of(mop.test(6, -1));
        double[] q = TrajectoryMetrics.quadrants(test, 0, 1);
        for (int i = 0; i < 4; i++) {
            assertTrue(q[i] > 0.1, "NeuroMOP's share of quadrant " + i + ": " + q[i] + ", lifetime "
                    + TrajectoryMetrics.meanLifetime(test));
        }
        MopTraining r = recurrent(ControllerKind.R, square, objective, new EpsilonSchedule(0.5, 0.9), null, centre, 2.0,
                PLANE_DT, training, 21);
        train(r);
        List<Trajectory> rTest = List.of(r.test(6, -1));
        assertTrue(TrajectoryMetrics.meanLifetime(test) >= TrajectoryMetrics.meanLifetime(rTest),
                "lifetime NeuroMOP " + TrajectoryMetrics.meanLifetime(test) + " vs R " + TrajectoryMetrics.meanLifetime(rTest));
    }

    @Test
    void rewardPullsTheOccupancyIntoTheRewardedSquare() {
        ShapeRegion outer = new ShapeRegion(Shape.SQUARE, 0.2, 0.2, 0, 1);
        ExtrinsicReward inner = ExtrinsicReward.innerSquare(0.1, 0.1, 0.1, 0, 1);
        double[] fraction = new double[2];
        double[] mus = {0.1, 0.5};
        for (int k = 0; k < 2; k++) {
            MopTraining t = recurrent(ControllerKind.MOP, outer, Objective.actionEntropy(GAMMA).withMu(mus[k]), null,
                    inner, new float[] {0, 0}, 2.0, PLANE_DT, SMALL, 31);
            train(t);
            fraction[k] = TrajectoryMetrics.rewardedFraction(List.of(t.test(6, -1)), inner);
        }
        assertTrue(fraction[1] > fraction[0] + 0.05, "inner-square occupancy mu=0.1 " + fraction[0] + ", mu=0.5 "
                + fraction[1]);
    }

    @Test
    void cartPoleNeuroMopLearnsToBalance() {
        // the cart-pole's value is the hardest to fit (a thin band of balanced states): more epochs and steps
        TrainingParameters training = new TrainingParameters(150, 10, 200, 32, 0.01, 20, 0);
        CartPoleModel model = new CartPoleModel(CartPoleParameters.neuroMop());
        ValueNetwork value = new ValueNetwork(4, training.hidden(), Math.log(2) / (1 - 0.98), 0, 5, Kernels.best());
        MopAgent agent = new MopAgent(ControllerKind.MOP, model, model.terminalSet(), null, Objective.actionEntropy(0.98),
                value, null, model.inputScales(), 0);
        MopTraining t = new MopTraining(agent, new float[4], training, null, 0, 7);
        List<EpochReport> reports = train(t);
        List<Trajectory> test = List.of(t.test(5, -1));
        double before = reports.get(0).lifetime();
        double after = TrajectoryMetrics.meanLifetime(test);
        assertTrue(after >= 3 * before && after >= 0.6 * training.horizon(),
                "cart-pole lifetime before training " + before + ", after " + after + " (T = " + training.horizon() + ")");
        assertTrue(TrajectoryMetrics.meanEntropy(test) > 0.3, "it balances with a stochastic policy: H = "
                + TrajectoryMetrics.meanEntropy(test));
    }
}
