package org.neurorig.mop;

import java.util.function.IntFunction;
import org.neurorig.neuromop.MopTraining;

/**
 * One condition of an experiment (NeuroMOP, the R network with constant epsilon, beta = 0.8, ...): a
 * label and how to build the training of its network number i (each network has its own weights, x0 and
 * seeds, the same for every arm, so the arms are compared network by network).
 *
 * @param contexts one-hot contexts to test separately after training (0: none)
 * @param probe    measurements of the trained network, taken on its worker thread after the tests (null:
 *                 none); given the training and the network's number, kept in {@link NetworkResult#probe}
 */
record Arm(String label, IntFunction<MopTraining> training, int contexts, Probe probe) {

    /** What to measure on a trained network. */
    interface Probe {
        double[] measure(MopTraining trained, int network);
    }

    Arm(String label, IntFunction<MopTraining> training) {
        this(label, training, 0, null);
    }

    Arm(String label, IntFunction<MopTraining> training, int contexts) {
        this(label, training, contexts, null);
    }
}
