package org.neurorig.network;

import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;

/**
 * N rate units with fixed random recurrent weights, input weights for sensors, injected currents and a
 * linear readout, stepped by forward Euler in one of the two {@link UpdateForm}s.
 *
 * <p>The arrays returned by {@link #input()}, {@link #current()}, the weight accessors and the state
 * accessors are the network's own storage, not copies, so a tick allocates nothing: a controller writes
 * the inputs and currents before a step, and a learning rule built on the weights updates them in place.
 * A rule's noise is not written into them: it is the rule's own array, passed to {@link #step(float[])}.
 * They belong to the thread that steps the network; other threads get copies through the telemetry.
 */
public final class RateNetwork {

    private final NetworkConfig config;
    private final Kernels kernels;
    private final int n;
    private final int inputs;
    private final int outputs;
    private final float leak;
    private final float gain;

    private final float[] recurrent;  // J, n x n
    private final float[] inputWeights; // B, n x inputs
    private final float[] readoutWeights; // W, outputs x n
    private final float[] state;      // x
    private final float[] rate;       // r = Phi(x) (sum-of-phi only; phi-of-sum reads x)
    private final float[] summed;     // J a + B u, scratch
    private final float[] input;      // u
    private final float[] current;    // I
    private final float[] drive;      // I + noise, scratch
    private final float[] readout;    // z = W a

    /** A network with weights drawn from {@code config.seed()}, stepped by the fastest native kernels. */
    public RateNetwork(NetworkConfig config) {
        this(config, Kernels.best());
    }

    public RateNetwork(NetworkConfig config, Kernels kernels) {
        this.config = config;
        this.kernels = kernels;
        this.n = config.n();
        this.inputs = config.inputs();
        this.outputs = config.outputs();
        double ratio = config.dt() / config.tau();
        this.leak = (float) (1.0 - ratio);
        this.gain = (float) (config.form() == UpdateForm.PHI_OF_SUM ? config.dt() : ratio);
        this.recurrent = new float[n * n];
        this.inputWeights = new float[n * inputs];
        this.readoutWeights = new float[outputs * n];
        this.state = new float[n];
        this.rate = new float[n];
        this.summed = new float[n];
        this.input = new float[inputs];
        this.current = new float[n];
        this.drive = new float[n];
        this.readout = new float[outputs];
        drawWeights(new SplittableRandom(config.seed()));
        resetState();
    }

    private void drawWeights(SplittableRandom random) {
        double std = config.g() / Math.sqrt(n);
        for (int i = 0; i < recurrent.length; i++) {
            recurrent[i] = (float) (std * random.nextGaussian());
        }
        for (int i = 0; i < inputWeights.length; i++) {
            inputWeights[i] = (float) (config.inputScale() * random.nextGaussian());
        }
    }

    /** One Euler step: the summed input from the current activity, sensors and injected currents. */
    public void step() {
        step(null);
    }

    /**
     * One Euler step with noise on the injected currents: the units see {@code I + unitNoise}. The noise
     * is a learning rule's perturbation (its own array, length N), read here and not kept; null for none.
     */
    public void step(float[] unitNoise) {
        float[] activity = activity();
        kernels.matVec(recurrent, n, n, activity, summed);
        if (inputs > 0) {
            kernels.matVecAdd(inputWeights, n, inputs, input, summed);
        }
        float[] c = current;
        if (unitNoise != null) {
            System.arraycopy(current, 0, drive, 0, n);
            kernels.axpy(1f, unitNoise, drive, n);
            c = drive;
        }
        if (config.form() == UpdateForm.PHI_OF_SUM) {
            kernels.leakPhiOfSum(state, summed, c, n, leak, gain, config.phi());
        } else {
            kernels.leakSumOfPhi(state, summed, c, rate, n, leak, gain, config.phi());
        }
        if (outputs > 0) {
            kernels.matVec(readoutWeights, outputs, n, activity, readout);
        }
    }

    /** Sets x = 0 (and r = Phi(0)), clears injected currents and the readout. */
    public void resetState() {
        java.util.Arrays.fill(state, 0f);
        java.util.Arrays.fill(current, 0f);
        java.util.Arrays.fill(readout, 0f);
        refreshRate();
    }

    /** Sets the state x to {@code x0} (length N). */
    public void setState(float[] x0) {
        if (x0.length != n) {
            throw new IllegalArgumentException("initial state has " + x0.length + " values; the network has N = " + n);
        }
        System.arraycopy(x0, 0, state, 0, n);
        refreshRate();
    }

    private void refreshRate() {
        Nonlinearity phi = config.phi();
        for (int i = 0; i < n; i++) {
            rate[i] = phi.apply(state[i]);
        }
    }

    /** Replaces J with {@code m}, which must be N x N (e.g. a matrix read by {@link NpyFile}). */
    public void setRecurrentWeights(WeightMatrix m) {
        m.requireShape(n, n, "the recurrent weights J of a network with N = " + n);
        System.arraycopy(m.data(), 0, recurrent, 0, recurrent.length);
    }

    /** Replaces W with {@code m}, which must be outputs x N. */
    public void setReadoutWeights(WeightMatrix m) {
        m.requireShape(outputs, n, "the readout weights W of a network with N = " + n + " and " + outputs + " outputs");
        System.arraycopy(m.data(), 0, readoutWeights, 0, readoutWeights.length);
    }

    public NetworkConfig config() {
        return config;
    }

    public Kernels kernels() {
        return kernels;
    }

    public int size() {
        return n;
    }

    /** Sensor inputs u (length {@code inputs}); write before {@link #step()}. */
    public float[] input() {
        return input;
    }

    /** Injected currents I (length N), e.g. a controller's action; they persist until overwritten. */
    public float[] current() {
        return current;
    }

    /** The unit states x. */
    public float[] state() {
        return state;
    }

    /**
     * The activity the recurrent and readout weights multiply, the presynaptic term of every learning
     * rule: x in the phi-of-sum form, r = Phi(x) in the sum-of-phi form.
     */
    public float[] activity() {
        return config.form() == UpdateForm.PHI_OF_SUM ? state : rate;
    }

    /** The readout z = W a after the last step (length {@code outputs}). */
    public float[] readout() {
        return readout;
    }

    /** J, row-major N x N: row i holds the weights onto unit i. */
    public float[] recurrentWeights() {
        return recurrent;
    }

    /** B, row-major N x inputs. */
    public float[] inputWeights() {
        return inputWeights;
    }

    /** W, row-major outputs x N. */
    public float[] readoutWeights() {
        return readoutWeights;
    }
}
