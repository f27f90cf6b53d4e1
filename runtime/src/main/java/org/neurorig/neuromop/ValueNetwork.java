package org.neurorig.neuromop;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.neurorig.kernel.Kernels;
import org.neurorig.kernel.Nonlinearity;

/**
 * The value network V(x; w): one hidden layer of tanh units and a linear output,
 * {@code V = scale (w2 . tanh(W1 x + b1) + b2)}. It evaluates a whole batch of inputs (one per row) with
 * one {@link Kernels#matMul} for the hidden layer, one elementwise pass and one mat-vec for the output,
 * and trains with Adam on a weighted squared error.
 *
 * <p>{@code scale} is fixed: the value of always having every action open, ln(#actions)/(1 - gamma) for
 * NeuroMOP, so the trained weights stay of order one whatever gamma is (our choice; the paper does not
 * say how it scales the output).
 *
 * <p>Not thread-safe; {@link #evaluate} allocates nothing.
 */
public final class ValueNetwork {

    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final Kernels kernels;
    private final int inputs;
    private final int hidden;
    private final float scale;
    private final float[] w1t;      // inputs x hidden: W1 transposed, the layout matMul wants
    private final float[] b1;
    private final float[] w2;
    private final float[] b2 = new float[1];
    private float[] b1Tiled;        // b1 repeated for every row of the largest batch seen
    private float[] hiddenOut;      // batch x hidden
    private int capacity;
    private final float[] outputOne = new float[1];

    // training
    private final float[][] parameters;
    private final float[][] gradients;
    private final double[][] firstMoment;
    private final double[][] secondMoment;
    private int adamSteps;
    private float[] inputsTransposed = new float[0];
    private float[] delta = new float[0];
    private float[] outputGradient = new float[0];
    private float[] values = new float[0];

    /**
     * @param inputs       input size
     * @param hidden       hidden units
     * @param scale        the output scale (see the class comment)
     * @param initialValue the value every state starts with, in units of {@code scale} (1: the largest)
     * @param seed         seed of the initial weights
     */
    public ValueNetwork(int inputs, int hidden, double scale, double initialValue, long seed, Kernels kernels) {
        if (inputs < 1 || hidden < 1) {
            throw new IllegalArgumentException("value network: " + inputs + " inputs and " + hidden
                    + " hidden units; expected at least one of each");
        }
        this.kernels = kernels;
        this.inputs = inputs;
        this.hidden = hidden;
        this.scale = (float) scale;
        this.w1t = new float[inputs * hidden];
        this.b1 = new float[hidden];
        this.w2 = new float[hidden];
        SplittableRandom random = new SplittableRandom(seed);
        double inStd = 1 / Math.sqrt(inputs);
        for (int i = 0; i < w1t.length; i++) {
            w1t[i] = (float) (inStd * random.nextGaussian());
        }
        double outStd = 0.1 / Math.sqrt(hidden); // small: every state starts near initialValue
        for (int i = 0; i < hidden; i++) {
            w2[i] = (float) (outStd * random.nextGaussian());
        }
        b2[0] = (float) initialValue;
        this.parameters = new float[][] {w1t, b1, w2, b2};
        this.gradients = new float[parameters.length][];
        this.firstMoment = new double[parameters.length][];
        this.secondMoment = new double[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            gradients[i] = new float[parameters[i].length];
            firstMoment[i] = new double[parameters[i].length];
            secondMoment[i] = new double[parameters[i].length];
        }
        ensureCapacity(1);
    }

    public int inputs() {
        return inputs;
    }

    /** Makes {@link #evaluate} allocation-free for batches of up to {@code rows}. */
    public void ensureCapacity(int rows) {
        if (rows > capacity) {
            capacity = rows;
            hiddenOut = new float[rows * hidden];
            b1Tiled = new float[rows * hidden];
            tileBias();
        }
    }

    private void tileBias() {
        for (int r = 0; r < capacity; r++) {
            System.arraycopy(b1, 0, b1Tiled, r * hidden, hidden);
        }
    }

    /**
     * V of each of {@code rows} inputs ({@code x} is rows x inputs) into {@code out[0 .. rows)}; rows must
     * be within {@link #ensureCapacity}.
     */
    public void evaluate(float[] x, int rows, float[] out) {
        kernels.matMul(x, rows, inputs, w1t, hidden, hiddenOut);
        kernels.activate(hiddenOut, b1Tiled, hiddenOut, rows * hidden, Nonlinearity.TANH);
        kernels.matVec(hiddenOut, rows, hidden, w2, out);
        float bias = b2[0];
        for (int r = 0; r < rows; r++) {
            out[r] = scale * (out[r] + bias);
        }
    }

    /** V of one input. Allocates nothing. */
    public float value(float[] x) {
        evaluate(x, 1, outputOne);
        return outputOne[0];
    }

    /**
     * The loss {@code sum_s weight_s (V(x_s) - target_s)^2} over {@code rows} samples, and its gradient
     * with respect to every parameter (kept for {@link #adamStep}).
     *
     * @return the loss
     */
    public double lossAndGradient(float[] x, int rows, float[] targets, float[] weights) {
        ensureCapacity(rows);
        if (values.length < rows) {
            values = new float[rows];
            outputGradient = new float[rows];
            delta = new float[rows * hidden];
            inputsTransposed = new float[inputs * rows];
        } else if (inputsTransposed.length < inputs * rows) {
            inputsTransposed = new float[inputs * rows];
        }
        evaluate(x, rows, values);
        double loss = 0;
        float sumG = 0f;
        for (int s = 0; s < rows; s++) {
            float err = values[s] - targets[s];
            loss += (double) weights[s] * err * err;
            float g = 2f * weights[s] * err * scale; // dL / d(w2 . h + b2)
            outputGradient[s] = g;
            sumG += g;
        }
        float[] gW1 = gradients[0];
        float[] gB1 = gradients[1];
        float[] gW2 = gradients[2];
        gradients[3][0] = sumG;
        kernels.matMul(outputGradient, 1, rows, hiddenOut, hidden, gW2);
        Arrays.fill(gB1, 0f);
        for (int s = 0; s < rows; s++) {
            float g = outputGradient[s];
            int o = s * hidden;
            for (int j = 0; j < hidden; j++) {
                float h = hiddenOut[o + j];
                float d = g * w2[j] * (1f - h * h);
                delta[o + j] = d;
                gB1[j] += d;
            }
        }
        for (int s = 0; s < rows; s++) {
            for (int i = 0; i < inputs; i++) {
                inputsTransposed[i * rows + s] = x[s * inputs + i];
            }
        }
        kernels.matMul(inputsTransposed, inputs, rows, delta, hidden, gW1);
        return loss;
    }

    /** One Adam step on the gradient of the last {@link #lossAndGradient}. */
    public void adamStep(double learningRate) {
        adamSteps++;
        double c1 = 1 - Math.pow(ADAM_BETA1, adamSteps);
        double c2 = 1 - Math.pow(ADAM_BETA2, adamSteps);
        for (int p = 0; p < parameters.length; p++) {
            float[] w = parameters[p];
            float[] g = gradients[p];
            double[] m = firstMoment[p];
            double[] v = secondMoment[p];
            for (int i = 0; i < w.length; i++) {
                m[i] = ADAM_BETA1 * m[i] + (1 - ADAM_BETA1) * g[i];
                v[i] = ADAM_BETA2 * v[i] + (1 - ADAM_BETA2) * g[i] * g[i];
                w[i] -= (float) (learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + ADAM_EPSILON));
            }
        }
        tileBias();
    }

    /** The parameter groups (W1 transposed, b1, w2, b2), the network's own arrays: for tests and checkpoints. */
    public float[][] parameters() {
        return parameters;
    }

    /** The gradient of the last {@link #lossAndGradient}, grouped as {@link #parameters()}. */
    public float[][] gradients() {
        return gradients;
    }

    /** Call after changing {@link #parameters()} directly. */
    public void parametersChanged() {
        tileBias();
    }
}
