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
 * @param validateEvery   every this many epochs, {@code validationEpisodes} episodes measure the current
 *                        weights' lifetime, and training ends with the weights that lived longest
 *                        ({@link MopTraining#keepBest()}); 0: no validation, training ends with the last weights
 * @param validationEpisodes episodes of each validation
 */
public record TrainingParameters(int epochs, int trajectories, int horizon, int hidden, double learningRate,
        int updatesPerEpoch, double initialValue, int validateEvery, int validationEpisodes) {

    /** Training without validation: it ends with the last epoch's weights, as the paper's does. */
    public TrainingParameters(int epochs, int trajectories, int horizon, int hidden, double learningRate,
            int updatesPerEpoch, double initialValue) {
        this(epochs, trajectories, horizon, hidden, learningRate, updatesPerEpoch, initialValue, 0, 0);
    }

    public TrainingParameters {
        positive("epochs", epochs, 0);
        positive("trajectories", trajectories, 1);
        positive("horizon", horizon, 1);
        positive("hidden", hidden, 1);
        positive("updatesPerEpoch", updatesPerEpoch, 1);
        positive("validateEvery", validateEvery, 0);
        positive("validationEpisodes", validationEpisodes, validateEvery > 0 ? 1 : 0);
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
        return new TrainingParameters(value, trajectories, horizon, hidden, learningRate, updatesPerEpoch, initialValue,
                validateEvery, validationEpisodes);
    }

    public TrainingParameters withTrajectories(int value) {
        return new TrainingParameters(epochs, value, horizon, hidden, learningRate, updatesPerEpoch, initialValue,
                validateEvery, validationEpisodes);
    }

    public TrainingParameters withHidden(int value) {
        return new TrainingParameters(epochs, trajectories, horizon, value, learningRate, updatesPerEpoch, initialValue,
                validateEvery, validationEpisodes);
    }

    public TrainingParameters withLearning(double rate, int updates) {
        return new TrainingParameters(epochs, trajectories, horizon, hidden, rate, updates, initialValue,
                validateEvery, validationEpisodes);
    }

    public TrainingParameters withInitialValue(double value) {
        return new TrainingParameters(epochs, trajectories, horizon, hidden, learningRate, updatesPerEpoch, value,
                validateEvery, validationEpisodes);
    }

    /** Validation of {@code episodes} episodes every {@code every} epochs (0: none). */
    public TrainingParameters withValidation(int every, int episodes) {
        return new TrainingParameters(epochs, trajectories, horizon, hidden, learningRate, updatesPerEpoch, initialValue,
                every, episodes);
    }
}
