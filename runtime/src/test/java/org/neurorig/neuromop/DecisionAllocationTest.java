package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurorig.kernel.Kernels;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.testing.AllocationMeter;

/**
 * A control step allocates nothing: successors, terminal checks, the batched value network, the policy
 * and the sample, for 300 decisions of an N = 100 network with 64 actions (M = 6; the scalar kernels make
 * M = 8 slow to test) with NeuroMOP,
 * with the state-entropy and reward terms and a context (the gathering input path), and with the R
 * network; and 5,000 decisions of the cart-pole controller (scalar kernels).
 *
 * <p>Every run repeats the same trajectory (same x0, same seed), so every decision of it is measured in
 * each run: a decision that allocated would make every run allocate. The interpreter and C1 box vectors,
 * and a deoptimization or recompilation now and then materializes a few objects (seen: 72 and 120 bytes
 * in one run out of several, never per decision), so the runs repeat until one allocates nothing, at most
 * fifteen times; one clean run of the whole trajectory is the proof.
 */
@Tag("simd")
class DecisionAllocationTest {

    private static final int MIN_RUNS = 15;
    private static final java.time.Duration WARM_UP_BUDGET = java.time.Duration.ofSeconds(20);
    private static final int DECISIONS = 300;
    private static final int CART_POLE_DECISIONS = 5_000;

    static Stream<Kernels> kernels() {
        boolean widthRun = System.getProperty("neurorig.test.vectorBits") != null;
        return Kernels.allNative().stream().filter(k -> !(widthRun && k == Kernels.scalar()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void decisionsAllocateNothing(Kernels k) {
        RecurrentModel model = new RecurrentModel(RecurrentParameters.neuroMop(3).withSize(100, 6), k);
        int n = model.stateSize();
        double gamma = 0.9;
        ValueNetwork plain = new ValueNetwork(n, 32, Math.log(64) / (1 - gamma), 1, 1, k);
        MopAgent mop = new MopAgent(ControllerKind.MOP, model, new EnergyBound(n, 0.11), null,
                Objective.actionEntropy(gamma), plain, null, null, 0);
        check(mop, n, DECISIONS, k.name() + " NeuroMOP");

        ValueNetwork withContext = new ValueNetwork(2 + 6, 32, 10, 1, 1, k);
        MopAgent everything = new MopAgent(ControllerKind.MOP, model, ShapeRegion.paper(Shape.CIRCLE),
                ExtrinsicReward.innerSquare(0.1, 0.1, 0.1, 0, 1), new Objective(gamma, 1, 0.8, 0.5), withContext,
                new int[] {0, 1}, new float[] {1, 1}, 6);
        everything.setContext(3);
        check(everything, n, DECISIONS, k.name() + " NeuroMOP with beta, mu and a context");

        ValueNetwork r = new ValueNetwork(n, 32, 1 / (1 - gamma), 1, 1, k);
        MopAgent rNet = new MopAgent(ControllerKind.R, model, new EnergyBound(n, 0.11), null,
                Objective.actionEntropy(gamma), r, null, null, 0);
        rNet.setEpsilon(0.3);
        check(rNet, n, DECISIONS, k.name() + " R network");
    }

    /**
     * The cart-pole agent runs its tiny value network (2 successors, 4 inputs) on the scalar kernels, as the
     * cartpole experiment does, so this does not depend on the vector width and runs once.
     */
    @Test
    void cartPoleDecisionsAllocateNothing() {
        Assumptions.assumeTrue(System.getProperty("neurorig.test.vectorBits") == null,
                "scalar kernels only: the default run covers it");
        CartPoleSuccessors cartPole = new CartPoleSuccessors(CartPoleParameters.neuroMop());
        ValueNetwork cpValue = new ValueNetwork(4, 64, Math.log(2) / (1 - 0.98), 1, 1, Kernels.scalar());
        MopAgent cp = new MopAgent(ControllerKind.MOP, cartPole, cartPole.terminalSet(), null,
                Objective.actionEntropy(0.98), cpValue, null, cartPole.inputScales(), 0);
        check(cp, 4, CART_POLE_DECISIONS, "cart-pole");
    }

    private static void check(MopAgent agent, int n, int decisions, String what) {
        float[] x = MopTraining.randomInitialState(n, 0.05, 1);
        float[] state = new float[n];
        SplittableRandom[] random = new SplittableRandom[1];
        // Every run follows the same trajectory (same x0, same seed): a branch first taken in the measured
        // run would deoptimize compiled code, and deoptimization materializes the vectors C2 had kept in
        // registers, which is the JIT's allocation, not the decision's.
        Runnable run = () -> {
            System.arraycopy(x, 0, state, 0, n);
            for (int t = 0; t < decisions; t++) {
                int a = agent.decide(state, random[0]);
                if (agent.successorTerminal(a)) {
                    System.arraycopy(x, 0, state, 0, n); // a new episode, as training does
                } else {
                    System.arraycopy(agent.successors(), a * n, state, 0, n);
                }
            }
        };
        // Until C2 has compiled the vector path, the Vector API boxes its vectors: how many runs that takes
        // depends on how busy the compiler threads are (a fresh CI clone once needed more than 15), so the
        // warm-up goes on for at least MIN_RUNS runs and at most WARM_UP_BUDGET; the check is the same.
        long bytes = -1;
        int runs = 0;
        long deadline = System.nanoTime() + WARM_UP_BUDGET.toNanos();
        while (bytes != 0 && (runs < MIN_RUNS || System.nanoTime() < deadline)) {
            random[0] = new SplittableRandom(1);
            bytes = AllocationMeter.bytesAllocatedBy(run);
            runs++;
        }
        assertEquals(0, bytes, what + ": bytes allocated over " + decisions + " decisions, in the last of " + runs
                + " identical runs");
    }
}
