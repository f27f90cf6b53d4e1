package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.RateNetwork;

class MopAgentTest {

    private static final RecurrentParameters SMALL = new RecurrentParameters(12, 3, 1.5, 0.1, 1.0, 1.5,
            Nonlinearity.TANH, 21);

    private static float[] state(int n, long seed) {
        return MopTraining.randomInitialState(n, 0.5, seed);
    }

    private static double median(float[] successors, int n, int actions) {
        float[] first = new float[actions];
        for (int a = 0; a < actions; a++) {
            first[a] = successors[a * n];
        }
        java.util.Arrays.sort(first);
        return (first[actions / 2 - 1] + first[actions / 2]) / 2.0;
    }

    @Test
    void theBoltzmannPolicyIsExactEvenWhereTheExponentsWouldOverflowAndTerminalValuesAreZero() {
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        int n = SMALL.n();
        int actions = model.actionCount();
        float[] x = state(n, 4);
        float[] succ = new float[actions * n];
        model.successors(x, succ);
        TerminalSet terminal = new UnitAbove(median(succ, n, actions));
        // values around 1e4: exp(gamma V) overflows a double by far, log-sum-exp must not care; a large
        // bias also makes the network say "valuable" for terminal states, which must be overridden
        ValueNetwork value = new ValueNetwork(n, 6, 1e4, 1.0, 9, Kernels.scalar());
        double gamma = 0.9;
        MopAgent agent = new MopAgent(ControllerKind.MOP, model, terminal, null, Objective.actionEntropy(gamma), value,
                null, null, 0);
        agent.decide(x, new SplittableRandom(1));
        float[] p = agent.probabilities();
        int terminalCount = 0;
        double total = 0;
        double maxBracket = Double.NEGATIVE_INFINITY;
        double[] bracket = new double[actions];
        for (int a = 0; a < actions; a++) {
            float[] row = new float[n];
            System.arraycopy(agent.successors(), a * n, row, 0, n);
            boolean isTerminal = terminal.isTerminal(row, 0);
            assertEquals(isTerminal, agent.successorTerminal(a));
            terminalCount += isTerminal ? 1 : 0;
            bracket[a] = isTerminal ? 0 : gamma * value.value(row);
            maxBracket = Math.max(maxBracket, bracket[a]);
            assertTrue(Float.isFinite(p[a]), "p[" + a + "] = " + p[a]);
            total += p[a];
        }
        assertEquals(actions / 2, terminalCount, "the level splits the successors in two");
        assertEquals(1.0, total, 1e-5);
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            sum += Math.exp(bracket[a] - maxBracket);
        }
        double logZ = maxBracket + Math.log(sum);
        assertEquals(logZ, agent.target(), 1e-6 * Math.abs(logZ), "V_B = ln sum exp(gamma V(x'))");
        double entropy = 0;
        for (int a = 0; a < actions; a++) {
            double expected = Math.exp(bracket[a] - logZ);
            assertEquals(expected, p[a], 1e-5, "pi(a=" + a + ")");
            if (agent.successorTerminal(a)) {
                assertEquals(0.0, p[a], 1e-30, "a terminal successor has V = 0, far below the others");
            }
            entropy -= expected > 0 ? expected * Math.log(expected) : 0;
        }
        assertEquals(entropy, agent.entropy(), 1e-5);
    }

    @Test
    void sampledActionsFollowThePolicy() {
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        int n = SMALL.n();
        ValueNetwork value = new ValueNetwork(n, 6, 2.0, 0.5, 3, Kernels.scalar());
        float[][] p = value.parameters();
        for (int j = 0; j < p[2].length; j++) {
            p[2][j] *= 30; // spread the values so the policy is far from uniform
        }
        value.parametersChanged();
        MopAgent agent = new MopAgent(ControllerKind.MOP, model, new UnitAbove(10), null, Objective.actionEntropy(0.9), value,
                null, null, 0);
        float[] x = state(n, 6);
        SplittableRandom random = new SplittableRandom(2);
        int draws = 40_000;
        int[] counts = new int[model.actionCount()];
        for (int d = 0; d < draws; d++) {
            counts[agent.decide(x, random)]++;
        }
        float[] pi = agent.probabilities();
        for (int a = 0; a < counts.length; a++) {
            double sd = Math.sqrt(draws * pi[a] * (1 - pi[a]));
            assertEquals(draws * pi[a], counts[a], 5 * sd + 1, "action " + a + " (pi = " + pi[a] + ")");
        }
    }

    @Test
    void theRNetworkIsEpsilonGreedyOnSurvivalPlusDiscountedValue() {
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        int n = SMALL.n();
        int actions = model.actionCount();
        float[] x = state(n, 4);
        float[] succ = new float[actions * n];
        model.successors(x, succ);
        TerminalSet terminal = new UnitAbove(median(succ, n, actions));
        double gamma = 0.8;
        ValueNetwork value = new ValueNetwork(n, 6, 1 / (1 - gamma), 0.7, 5, Kernels.scalar());
        MopAgent agent = new MopAgent(ControllerKind.R, model, terminal, null, Objective.actionEntropy(gamma), value,
                null, null, 0);
        double eps = 0.25;
        agent.setEpsilon(eps);
        agent.decide(x, new SplittableRandom(1));
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        int best = -1;
        for (int a = 0; a < actions; a++) {
            float[] row = new float[n];
            System.arraycopy(succ, a * n, row, 0, n);
            double q = terminal.isTerminal(row, 0) ? 0 : 1 + gamma * value.value(row);
            mean += q / actions;
            if (q > max) {
                max = q;
                best = a;
            }
        }
        assertEquals((1 - eps) * max + eps * mean, agent.target(), 1e-5);
        SplittableRandom random = new SplittableRandom(7);
        int draws = 20_000;
        int greedy = 0;
        for (int d = 0; d < draws; d++) {
            greedy += agent.decide(x, random) == best ? 1 : 0;
        }
        double expected = draws * (1 - eps + eps / actions);
        assertEquals(expected, greedy, 5 * Math.sqrt(expected * (eps - eps / actions)));
        agent.setEpsilon(0);
        for (int d = 0; d < 50; d++) {
            assertEquals(best, agent.decide(x, random));
        }
    }

    @Test
    void theOraclePredictsWhatTheNetworkDoes() {
        for (Kernels k : Kernels.allNative()) {
            RecurrentModel model = new RecurrentModel(RecurrentParameters.neuroMop(5), k);
            RateNetwork net = model.network();
            int n = model.stateSize();
            float[] succ = new float[model.actionCount() * n];
            float[] x = state(n, 9);
            SplittableRandom r = new SplittableRandom(1);
            for (int step = 0; step < 20; step++) {
                model.successors(x, succ);
                int a = r.nextInt(model.actionCount());
                net.setState(x);
                model.applyAction(a);
                net.step();
                for (int i = 0; i < n; i++) {
                    assertEquals(net.state()[i], succ[a * n + i], 2e-6, k.name() + " step " + step + " unit " + i);
                }
                System.arraycopy(succ, a * n, x, 0, n);
            }
        }
    }

    @Test
    void theActionCurrentsAreRhoKa() {
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        float[] kMatrix = model.actionWeights();
        int m = SMALL.actionBits();
        for (float v : kMatrix) {
            assertTrue(v >= 0 && v < 1, "K ~ U(0, 1)");
        }
        int a = 0b101;
        model.applyAction(a);
        float[] current = model.network().current();
        for (int i = 0; i < SMALL.n(); i++) {
            double expected = SMALL.rho() * (kMatrix[i * m] - kMatrix[i * m + 1] + kMatrix[i * m + 2]);
            assertEquals(expected, current[i], 1e-5);
        }
    }

    @Test
    void theStateEntropyIsTheTraceOfTheJacobian() {
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        int n = SMALL.n();
        int actions = model.actionCount();
        float[] x = state(n, 2);
        model.successors(x, new float[actions * n]);
        float[] h = new float[actions];
        assertTrue(model.stateEntropy(h));
        float[] j = model.network().recurrentWeights();
        for (int a = 0; a < actions; a++) {
            model.applyAction(a);
            double trace = 0; // Tr(grad f) + N/tau: the constant is left out (see RecurrentModel#stateEntropy)
            for (int i = 0; i < n; i++) {
                double in = model.network().current()[i];
                for (int q = 0; q < n; q++) {
                    in += (double) j[i * n + q] * x[q];
                }
                double t = Math.tanh(in);
                trace += (1 - t * t) * j[i * n + i];
            }
            assertEquals(trace, h[a], 1e-4, "action " + a);
        }
    }

    @Test
    void badSettingsFailWithTheirName() {
        RecurrentModel model = new RecurrentModel(SMALL, Kernels.scalar());
        ValueNetwork value = new ValueNetwork(SMALL.n(), 4, 1, 0, 1, Kernels.scalar());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MopAgent(ControllerKind.MOP, model, new UnitAbove(1), null, Objective.actionEntropy(0.9).withMu(0.5),
                        value, null, null, 0));
        assertTrue(e.getMessage().contains("mu"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Objective(1.0, 1, 0, 0));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MopTraining(new MopAgent(ControllerKind.MOP, model, new UnitAbove(-5), null,
                        Objective.actionEntropy(0.9), value, null, null, 0), new float[SMALL.n()],
                        new TrainingParameters(1, 1, 10, 4, 1e-3, 1, 0), null, 0, 1));
        assertTrue(e.getMessage().contains("x0 is terminal"), e.getMessage());
    }
}
