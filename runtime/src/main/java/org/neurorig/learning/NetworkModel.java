package org.neurorig.learning;

import org.neurorig.kernel.Nonlinearity;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.UpdateForm;

/**
 * A differentiable replica of a {@link RateNetwork}, in double precision: the same equations, with a
 * recorded trajectory and the hand-derived adjoint for backpropagation through time.
 *
 * <p>Forward (one tick, input u_k, no injected current):
 * <pre>
 *   sum-of-phi:  x_{k+1} = l x_k + g (J r_k + B u_k),   r_{k+1} = phi(x_{k+1}),  z_{k+1} = W r_{k+1}
 *   phi-of-sum:  h_k = J x_k + B u_k,  x_{k+1} = l x_k + g phi(h_k),            z_{k+1} = W x_{k+1}
 * </pre>
 * with {@code l = 1 - dt/tau} and {@code g = dt/tau} (sum-of-phi) or {@code dt} (phi-of-sum), as
 * {@link RateNetwork#step()} computes them. Backward, given the adjoint of each readout {@code dL/dz}:
 * <pre>
 *   sum-of-phi:  aR_{k+1} += W^T aZ;  gW += aZ r_{k+1}^T;  aX_{k+1} += phi'(x_{k+1}) aR_{k+1}
 *                gJ += g aX_{k+1} r_k^T;  gB += g aX_{k+1} u_k^T
 *                aR_k = g J^T aX_{k+1};  aX_k = l aX_{k+1};  aU_k = g B^T aX_{k+1}
 *   phi-of-sum:  aX_{k+1} += W^T aZ;  gW += aZ x_{k+1}^T;  aH = g phi'(h_k) aX_{k+1}
 *                gJ += aH x_k^T;  gB += aH u_k^T;  aX_k = l aX_{k+1} + J^T aH;  aU_k = B^T aH
 * </pre>
 * The transfer function's derivative is the exact one of the mathematical function (tanh, ReLU), in
 * double; the float network's tanh differs from it by at most 3.4e-7.
 *
 * <p>Not for the control tick: this is "learning in software", run on a model before deployment.
 * Nothing allocates after construction, though.
 */
public final class NetworkModel {

    private final int n;
    private final int inputs;
    private final int outputs;
    private final int horizon;
    private final boolean sumOfPhi;
    private final Nonlinearity phi;
    private final double leak;
    private final double gain;

    final double[] j;
    final double[] b;
    final double[] w;
    final double[] gradJ;
    final double[] gradB;
    final double[] gradW;

    private final double[][] x;    // x_0 .. x_T
    private final double[][] act;  // activity a_0 .. a_T (r in sum-of-phi, x in phi-of-sum)
    private final double[][] h;    // phi-of-sum: h_0 .. h_{T-1}
    private final double[][] u;    // u_0 .. u_{T-1}
    private final double[][] z;    // z_1 .. z_T stored at index k for z_{k+1}
    private final double[] adjX;
    private final double[] adjR;
    private final double[] adjH;
    private final double[] scratch;
    private int steps;

    /**
     * A model of {@code network}'s equations and current weights, able to record {@code horizon} ticks.
     */
    public NetworkModel(RateNetwork network, int horizon) {
        NetworkConfig c = network.config();
        if (horizon < 1) {
            throw new IllegalArgumentException("model horizon = " + horizon + " is out of range: expected at least 1 tick");
        }
        if (c.phi() != Nonlinearity.TANH && c.phi() != Nonlinearity.RELU && c.phi() != Nonlinearity.IDENTITY) {
            throw new IllegalArgumentException("the model supports tanh, relu and identity units, not " + c.phi());
        }
        this.n = c.n();
        this.inputs = c.inputs();
        this.outputs = c.outputs();
        this.horizon = horizon;
        this.sumOfPhi = c.form() == UpdateForm.SUM_OF_PHI;
        this.phi = c.phi();
        double ratio = c.dt() / c.tau();
        this.leak = (float) (1.0 - ratio); // the float network's constants, to the bit
        this.gain = (float) (sumOfPhi ? ratio : c.dt());
        this.j = new double[n * n];
        this.b = new double[n * inputs];
        this.w = new double[outputs * n];
        this.gradJ = new double[n * n];
        this.gradB = new double[n * inputs];
        this.gradW = new double[outputs * n];
        this.x = new double[horizon + 1][n];
        this.act = new double[horizon + 1][n];
        this.h = new double[horizon][n];
        this.u = new double[horizon][inputs];
        this.z = new double[horizon][outputs];
        this.adjX = new double[n];
        this.adjR = new double[n];
        this.adjH = new double[n];
        this.scratch = new double[Math.max(n, inputs)];
        copyWeightsFrom(network);
    }

    /** Reads the network's current weights into the model. */
    public void copyWeightsFrom(RateNetwork network) {
        copy(network.recurrentWeights(), j);
        copy(network.inputWeights(), b);
        copy(network.readoutWeights(), w);
    }

    /** Writes the model's weights into the network (rounded to float). */
    public void copyWeightsTo(RateNetwork network) {
        copy(j, network.recurrentWeights());
        copy(b, network.inputWeights());
        copy(w, network.readoutWeights());
    }

    private static void copy(float[] from, double[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = from[i];
        }
    }

    private static void copy(double[] from, float[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = (float) from[i];
        }
    }

    public int size() {
        return n;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public int horizon() {
        return horizon;
    }

    /** The weights, row-major: J (N x N), B (N x inputs), W (outputs x N). Live arrays. */
    public double[] recurrentWeights() {
        return j;
    }

    public double[] inputWeights() {
        return b;
    }

    public double[] readoutWeights() {
        return w;
    }

    /** dL/dJ, dL/dB, dL/dW accumulated by {@link #backwardStep}. */
    public double[] recurrentGradient() {
        return gradJ;
    }

    public double[] inputGradient() {
        return gradB;
    }

    public double[] readoutGradient() {
        return gradW;
    }

    /** Starts a trajectory from x = 0 (as {@link RateNetwork#resetState()}). */
    public void reset() {
        java.util.Arrays.fill(x[0], 0);
        for (int i = 0; i < n; i++) {
            act[0][i] = sumOfPhi ? phi(0) : 0;
        }
        steps = 0;
    }

    /** One tick with input {@code input}; returns the readout z (a live row of the recorded trajectory). */
    public double[] forwardStep(double[] input) {
        int k = steps++;
        System.arraycopy(input, 0, u[k], 0, inputs);
        double[] a = act[k];
        double[] xk = x[k];
        double[] xn = x[k + 1];
        double[] an = act[k + 1];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int jj = 0; jj < n; jj++) {
                s += j[row + jj] * a[jj];
            }
            int brow = i * inputs;
            for (int q = 0; q < inputs; q++) {
                s += b[brow + q] * input[q];
            }
            if (sumOfPhi) {
                xn[i] = leak * xk[i] + gain * s;
                an[i] = phi(xn[i]);
            } else {
                h[k][i] = s;
                xn[i] = leak * xk[i] + gain * phi(s);
                an[i] = xn[i];
            }
        }
        double[] zk = z[k];
        for (int o = 0; o < outputs; o++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += w[o * n + i] * an[i];
            }
            zk[o] = s;
        }
        return zk;
    }

    /** The number of ticks recorded since {@link #reset()}. */
    public int steps() {
        return steps;
    }

    /** The recorded readout of tick {@code k} (z_{k+1}). */
    public double[] readout(int k) {
        return z[k];
    }

    /** The unit state x after tick {@code k}. */
    public double[] state(int k) {
        return x[k + 1];
    }

    /** Clears the gradients and the adjoint state; call before the first {@link #backwardStep}. */
    public void beginBackward() {
        java.util.Arrays.fill(gradJ, 0);
        java.util.Arrays.fill(gradB, 0);
        java.util.Arrays.fill(gradW, 0);
        java.util.Arrays.fill(adjX, 0);
        java.util.Arrays.fill(adjR, 0);
    }

    /**
     * Backpropagates through tick {@code k}, from the last recorded tick down to 0: {@code readoutAdjoint}
     * is dL/dz_{k+1} (the loss's direct dependence on that readout); the adjoint of the input u_k is
     * written to {@code inputAdjoint} (may be null when not needed). Gradients accumulate.
     */
    public void backwardStep(int k, double[] readoutAdjoint, double[] inputAdjoint) {
        double[] an = act[k + 1];
        double[] a = act[k];
        double[] uk = u[k];
        // readout: z = W a_{k+1}
        double[] adjAct = sumOfPhi ? adjR : adjX;
        for (int o = 0; o < outputs; o++) {
            double g = readoutAdjoint[o];
            if (g == 0) {
                continue;
            }
            int row = o * n;
            for (int i = 0; i < n; i++) {
                gradW[row + i] += g * an[i];
                adjAct[i] += w[row + i] * g;
            }
        }
        // the unit update: adjH is the adjoint of the summed input J a_k + B u_k
        if (sumOfPhi) {
            double[] xn = x[k + 1];
            for (int i = 0; i < n; i++) {
                adjX[i] += derivative(xn[i]) * adjR[i];
                adjH[i] = gain * adjX[i];
            }
        } else {
            double[] hk = h[k];
            for (int i = 0; i < n; i++) {
                adjH[i] = gain * derivative(hk[i]) * adjX[i];
            }
        }
        for (int i = 0; i < n; i++) {
            double g = adjH[i];
            int row = i * n;
            for (int jj = 0; jj < n; jj++) {
                gradJ[row + jj] += g * a[jj];
            }
            int brow = i * inputs;
            for (int q = 0; q < inputs; q++) {
                gradB[brow + q] += g * uk[q];
            }
        }
        // adjoints at tick k: J^T adjH flows to a_k, B^T adjH to u_k, the leak to x_k
        java.util.Arrays.fill(scratch, 0, n, 0);
        for (int i = 0; i < n; i++) {
            double g = adjH[i];
            int row = i * n;
            for (int jj = 0; jj < n; jj++) {
                scratch[jj] += j[row + jj] * g;
            }
        }
        for (int i = 0; i < n; i++) {
            if (sumOfPhi) {
                adjX[i] = leak * adjX[i];
                adjR[i] = scratch[i];
            } else {
                adjX[i] = leak * adjX[i] + scratch[i];
            }
        }
        if (inputAdjoint != null) {
            for (int q = 0; q < inputs; q++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += b[i * inputs + q] * adjH[i];
                }
                inputAdjoint[q] = s;
            }
        }
    }

    private double phi(double v) {
        return switch (phi) {
            case TANH -> Math.tanh(v);
            case RELU -> v > 0 ? v : 0;
            default -> v;
        };
    }

    private double derivative(double v) {
        return switch (phi) {
            case TANH -> {
                double t = Math.tanh(v);
                yield 1 - t * t;
            }
            case RELU -> v > 0 ? 1 : 0;
            default -> 1;
        };
    }
}
