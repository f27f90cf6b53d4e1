package org.neurorig.mop;

import java.util.function.IntFunction;
import org.neurorig.neuromop.MopTraining;

/**
 * One condition of an experiment (NeuroMOP, the R network with constant epsilon, beta = 0.8, ...): a
 * label and how to build the training of its network number i (each network has its own weights, x0 and
 * seeds, the same for every arm, so the arms are compared network by network).
 *
 * @param contexts one-hot contexts to test separately after training (0: none)
 */
record Arm(String label, IntFunction<MopTraining> training, int contexts) {

    Arm(String label, IntFunction<MopTraining> training) {
        this(label, training, 0);
    }
}
