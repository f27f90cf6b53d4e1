package org.neurorig.neuromop;

import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.RateNetwork;

/**
 * The recurrent network as NeuroMOP's environment: a {@link RateNetwork} in the phi-of-sum form, and the
 * oracle that computes all 2^M successors of a state in a few batched kernel calls.
 *
 * <p>Per state: {@code u = J x} once (one mat-vec); every row a of a (2^M x N) block gets
 * {@code Phi(u + I_a)} with the action currents {@code I_a = rho K a} precomputed at construction, and
 * {@code x'_a = (1 - dt/tau) x + dt Phi(u + I_a)}, both in one elementwise pass over the block
 * ({@link Kernels#phiOfSumRows}). The rows of Phi(u + I_a) stay available for the state-entropy term.
 */
public final class RecurrentModel implements SuccessorModel {

    private final RecurrentParameters p;
    private final Kernels kernels;
    private final RateNetwork network;
    private final int n;
    private final int actions;
    private final float leak;
    private final float dt;
    private final float[] k;            // N x M input weights of the actions, U(0, 1)
    private final float[] currents;     // 2^M x N: rho K a for every action
    private final float[] diagonal;     // J_ii, for the state entropy
    private final float[] drive;        // J x, twice over (Kernels.phiOfSumRows reads across row ends)
    private final float[] leaked;       // (1 - dt/tau) x, twice over
    private final float[] rates;        // 2^M x N: Phi(J x + I_a)

    public RecurrentModel(RecurrentParameters parameters) {
        this(parameters, Kernels.best());
    }

    public RecurrentModel(RecurrentParameters parameters, Kernels kernels) {
        this.p = parameters;
        this.kernels = kernels;
        this.n = parameters.n();
        this.actions = BinaryActions.count(parameters.actionBits());
        this.network = new RateNetwork(parameters.networkConfig(), kernels);
        this.leak = (float) (1.0 - parameters.dt() / parameters.tau());
        this.dt = (float) parameters.dt();
        int m = parameters.actionBits();
        this.k = new float[n * m];
        SplittableRandom random = new SplittableRandom(parameters.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) random.nextDouble();
        }
        this.currents = new float[actions * n];
        for (int a = 0; a < actions; a++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int c = 0; c < m; c++) {
                    sum += k[i * m + c] * BinaryActions.component(a, c);
                }
                currents[a * n + i] = (float) (parameters.rho() * sum);
            }
        }
        float[] j = network.recurrentWeights();
        this.diagonal = new float[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = j[i * n + i];
        }
        this.drive = new float[2 * n];
        this.leaked = new float[2 * n];
        this.rates = new float[actions * n];
    }

    /** The network itself (its J is the oracle's): step it with {@link #applyAction} to run it as a plant. */
    public RateNetwork network() {
        return network;
    }

    /** Writes action a's currents rho K a into the network's injected current (for {@link RateNetwork#step()}). */
    public void applyAction(int action) {
        System.arraycopy(currents, action * n, network.current(), 0, n);
    }

    @Override
    public int stateSize() {
        return n;
    }

    @Override
    public int actionCount() {
        return actions;
    }

    @Override
    public int actionDimensions() {
        return p.actionBits();
    }

    @Override
    public float actionComponent(int action, int component) {
        return BinaryActions.component(action, component);
    }

    @Override
    public void successors(float[] state, float[] successors) {
        kernels.matVec(network.recurrentWeights(), n, n, state, drive);
        System.arraycopy(drive, 0, drive, n, n);
        for (int i = 0; i < n; i++) {
            float v = leak * state[i];
            leaked[i] = v;
            leaked[n + i] = v;
        }
        kernels.phiOfSumRows(drive, leaked, currents, actions, n, dt, p.phi(), rates, successors);
    }

    /**
     * The paper's appendix D: H(S | x, a) ~ Tr(grad f) = -N/tau + sum_i Phi'(h_i) J_ii with
     * h = J x + I(a); Phi' is read off the rates of the last {@link #successors} call (1 - r^2 for tanh,
     * 1 where r &gt; 0 for ReLU). We return the sum without the constant -N/tau: it is the same for every
     * state and action, so it does not change the policy among living successors, but with V = 0 at
     * terminal states a reward of -N/tau per step (-100 beta) would make dying the better deal.
     */
    @Override
    public boolean stateEntropy(float[] out) {
        float base = 0f;
        boolean tanh = p.phi() == Nonlinearity.TANH;
        for (int a = 0; a < actions; a++) {
            float sum = base;
            int o = a * n;
            for (int i = 0; i < n; i++) {
                float r = rates[o + i];
                float slope = tanh ? 1f - r * r : (r > 0f ? 1f : 0f);
                sum = Math.fma(slope, diagonal[i], sum);
            }
            out[a] = sum;
        }
        return true;
    }

    /** Input weights K of the actions, N x M row-major (a copy). */
    public float[] actionWeights() {
        return k.clone();
    }
}
