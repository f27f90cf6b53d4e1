package org.neurorig.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neurorig.network.RateNetwork;

/**
 * One plastic weight matrix, bound to the vectors a three-factor rule correlates: the presynaptic
 * activity it multiplies and the postsynaptic values its rows produce, where a perturbation goes in.
 *
 * <p>Timing matters. The recurrent weights J multiply the activity before the step, {@code a(t-1)}, so
 * their presynaptic vector is a snapshot taken in {@code beforeStep()}; the input weights multiply the
 * sensors of this tick, also snapshotted there, because the loop may write the next sensors before the
 * rule has used these; the readout multiplies the activity after the step, read live. Node
 * perturbation perturbs J's and B's rows through the units' input currents, in the step, and the
 * readout's rows after it.
 *
 * <p>The weights are the one array of the network that a rule writes: the network reads them, the rule
 * built on them changes them (its updates, and weight perturbation's per-trial perturbation, restored
 * to the bit). The vectors bound here, presynaptic and output, the rule only reads.
 *
 * <p>Each rule needs its own layers (they hold its snapshots): build them per rule.
 */
public final class PlasticLayer {

    /** Where a perturbation of this layer's outputs is injected. */
    public enum Site {
        /** Added to the units' input currents by the step ({@link ThreeFactorRule#unitNoise()}). */
        UNIT_CURRENT,
        /** Added, after the step, to a copy of the computed outputs, the rule's {@link ThreeFactorRule#action}. */
        OUTPUT,
        /** The rows' fluctuation is not injected (REINFORCE's stochastic units make their own). */
        NONE
    }

    final String name;
    final WeightGroup group;
    final float[] weights;
    final int rows;
    final int cols;
    final float[] pre;
    final float[] preSource;
    final float[] target;
    final Site site;

    PlasticLayer(String name, WeightGroup group, float[] weights, int rows, int cols, float[] pre, float[] preSource,
            float[] target, Site site) {
        if ((long) rows * cols != weights.length) {
            throw new IllegalArgumentException(name + ": " + weights.length + " weights do not make a " + rows + " x " + cols + " matrix");
        }
        if (pre.length < cols || (target != null && target.length < rows)) {
            throw new IllegalArgumentException(name + ": presynaptic vector of " + pre.length + " or output vector of "
                    + (target == null ? 0 : target.length) + " values is too short for a " + rows + " x " + cols + " matrix");
        }
        this.name = name;
        this.group = group;
        this.weights = weights;
        this.rows = rows;
        this.cols = cols;
        this.pre = pre;
        this.preSource = preSource;
        this.target = target;
        this.site = site;
    }

    /** The readout W of {@code network}: presynaptic a(t) read after the step, noise added to the readout. */
    public static PlasticLayer readout(RateNetwork network) {
        int outputs = network.config().outputs();
        if (outputs == 0) {
            throw new IllegalArgumentException("the readout cannot be plastic: the network has no outputs (network.outputs = 0)");
        }
        return new PlasticLayer("readout W", WeightGroup.READOUT, network.readoutWeights(), outputs, network.size(),
                network.activity(), null, network.readout(), Site.OUTPUT);
    }

    /** The recurrent J of {@code network}: presynaptic a(t-1), noise through the unit currents. */
    public static PlasticLayer recurrent(RateNetwork network) {
        int n = network.size();
        return new PlasticLayer("recurrent J", WeightGroup.RECURRENT, network.recurrentWeights(), n, n, new float[n],
                network.activity(), network.current(), Site.UNIT_CURRENT);
    }

    /** The input weights B of {@code network}: presynaptic u(t), noise through the unit currents. */
    public static PlasticLayer input(RateNetwork network) {
        int inputs = network.config().inputs();
        if (inputs == 0) {
            throw new IllegalArgumentException("the input weights cannot be plastic: the network has no inputs (network.inputs = 0)");
        }
        return new PlasticLayer("input B", WeightGroup.INPUT, network.inputWeights(), network.size(), inputs,
                new float[inputs], network.input(), network.current(), Site.UNIT_CURRENT);
    }

    /** The layers of {@code network} named in {@code groups}, in the order readout, recurrent, input. */
    public static List<PlasticLayer> of(RateNetwork network, Set<WeightGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no plastic weights: name at least one of readout, recurrent, input");
        }
        if (groups.contains(WeightGroup.BIAS)) {
            throw new IllegalArgumentException("a rate network has no biases to make plastic: expected readout, recurrent or input");
        }
        List<PlasticLayer> layers = new ArrayList<>();
        if (groups.contains(WeightGroup.READOUT)) {
            layers.add(readout(network));
        }
        if (groups.contains(WeightGroup.RECURRENT)) {
            layers.add(recurrent(network));
        }
        if (groups.contains(WeightGroup.INPUT)) {
            layers.add(input(network));
        }
        return layers;
    }

    /**
     * A linear feedforward layer {@code y = W x} that the caller computes: W is {@code rows x cols}. Write
     * x before {@code beforeStep()}, which takes a snapshot of it (the eligibility term is added later,
     * when the caller may already have written the next x); compute y after it; after
     * {@code afterStep()}, {@code rule.action(y)} is y with the rule's noise added.
     */
    public static PlasticLayer linear(String name, float[] weights, int rows, int cols, float[] x, float[] y) {
        return new PlasticLayer(name, WeightGroup.READOUT, weights, rows, cols, new float[cols], x, y, Site.OUTPUT);
    }

    /** What the matrix is, for messages ("recurrent J"). */
    public String name() {
        return name;
    }

    public WeightGroup group() {
        return group;
    }

    /** The live weights, row-major. */
    public float[] weights() {
        return weights;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Site site() {
        return site;
    }

    void capturePre() {
        if (preSource != null) {
            System.arraycopy(preSource, 0, pre, 0, cols);
        }
    }
}
