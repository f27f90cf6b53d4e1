package org.neurorig.neuromop;

/**
 * How a value network is trained.
 *
 * @param epochs          training epochs
 * @param trajectories    trajectories per epoch (the paper's N_traj = 10), all from the same x0
 * @param horizon         T: a trajectory ends at the first terminal state or after T steps
 * @param hidden          hidden units of the value network (not published)
 * @param learningRate    Adam's learning rate (not published)
 * @param updatesPerEpoch Adam steps per epoch on the epoch's batch, all against the same targets (the
 *                        start-of-epoch weights' Bellman targets); the paper's reading is one
 * @param initialValue    every state's value before training, in units of the output scale
 *                        ln(#actions)/(1 - gamma) (NeuroMOP) or 1/(1 - gamma) (R): 1 is the value of
 *                        never meeting a terminal state
 */
public record TrainingParameters(int epochs, int trajectories, int horizon, int hidden, double learningRate,
        int updatesPerEpoch, double initialValue) {

    public TrainingParameters {
        positive("epochs", epochs, 0);
        positive("trajectories", trajectories, 1);
        positive("horizon", horizon, 1);
        positive("hidden", hidden, 1);
        positive("updatesPerEpoch", updatesPerEpoch, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("neuromop.learningRate = " + learningRate + ": expected a number > 0");
        }
        if (!(initialValue >= 0 && initialValue <= 1)) {
            throw new IllegalArgumentException("neuromop.initialValue = " + initialValue + ": expected 0 to 1");
        }
    }

    private static void positive(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("neuromop." + name + " = " + value + " is out of range: expected at least " + min);
        }
    }

    public TrainingParameters withEpochs(int value) {
        return new TrainingParameters(value, trajectories, horizon, hidden, learningRate, updatesPerEpoch, initialValue);
    }

    public TrainingParameters withHorizon(int value) {
        return new TrainingParameters(epochs, trajectories, value, hidden, learningRate, updatesPerEpoch, initialValue);
    }

    public TrainingParameters withTrajectories(int value) {
        return new TrainingParameters(epochs, value, horizon, hidden, learningRate, updatesPerEpoch, initialValue);
    }

    public TrainingParameters withHidden(int value) {
        return new TrainingParameters(epochs, trajectories, horizon, value, learningRate, updatesPerEpoch, initialValue);
    }

    public TrainingParameters withLearning(double rate, int updates) {
        return new TrainingParameters(epochs, trajectories, horizon, hidden, rate, updates, initialValue);
    }

    public TrainingParameters withInitialValue(double value) {
        return new TrainingParameters(epochs, trajectories, horizon, hidden, learningRate, updatesPerEpoch, value);
    }
}
