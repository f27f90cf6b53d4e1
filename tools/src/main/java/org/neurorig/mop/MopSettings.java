package org.neurorig.mop;

import java.nio.file.Path;
import org.neurorig.kernel.Nonlinearity;
import org.neurorig.neuromop.RecurrentParameters;
import org.neurorig.neuromop.TrainingParameters;

/**
 * Every parameter of an experiment run, resolved: the experiment's defaults with the user's options on
 * top. Values the paper does not publish are marked so in {@link #describe()}'s output.
 */
record MopSettings(int networks, int epochs, int trajectories, int horizon, int testTrajectories, int threads,
        long seed, int n, int actionBits, double dt, double tau, double g, double rho, Nonlinearity phi,
        double gamma, int hidden, double learningRate, int updates, double initialValue, double epsilon,
        int validateEvery, Path out) {

    /** Episodes of each validation (when {@link #validateEvery} is not 0). */
    static final int VALIDATION_EPISODES = 100;

    RecurrentParameters network(int index) {
        return new RecurrentParameters(n, actionBits, g, dt, tau, rho, phi, seed * 1000 + index);
    }

    TrainingParameters training() {
        return new TrainingParameters(epochs, trajectories, horizon, hidden, learningRate, updates, initialValue,
                validateEvery, validateEvery > 0 ? VALIDATION_EPISODES : 0);
    }

    long networkSeed(int index, int stream) {
        return seed * 1_000_003L + index * 7919L + stream;
    }

    MopSettings withOut(Path value) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, validateEvery, value);
    }

    /** A task's own sizes: networks, epochs, horizon T and test trajectories. */
    MopSettings withTask(int newNetworks, int newEpochs, int newHorizon, int newTests) {
        return new MopSettings(newNetworks, newEpochs, trajectories, newHorizon, newTests, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, validateEvery, out);
    }

    /** Trajectories per epoch (the paper's N_traj = 10). */
    MopSettings withTrajectories(int value) {
        return new MopSettings(networks, epochs, value, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, validateEvery, out);
    }

    MopSettings withInitialValue(double value) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, gamma, hidden, learningRate, updates, value, epsilon, validateEvery, out);
    }

    MopSettings withRho(double value) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, value, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, validateEvery, out);
    }

    /** The R network's constant epsilon. */
    MopSettings withEpsilon(double value) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, gamma, hidden, learningRate, updates, initialValue, value, validateEvery, out);
    }

    MopSettings withDt(double value) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                value, tau, g, rho, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, validateEvery, out);
    }

    /** The discount and the value network's training. */
    MopSettings withLearning(double newGamma, int newHidden, double rate, int newUpdates) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, newGamma, newHidden, rate, newUpdates, initialValue, epsilon, validateEvery, out);
    }

    /** A plant of {@code size} state values and {@code bits} action bits, stepped every {@code step} seconds. */
    MopSettings withPlant(int size, int bits, double step) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, size, bits,
                step, tau, 0, 0, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, validateEvery, out);
    }

    /** Validation every {@code every} epochs, testing the weights that lived longest in it (0: the last weights). */
    MopSettings withValidateEvery(int every) {
        return new MopSettings(networks, epochs, trajectories, horizon, testTrajectories, threads, seed, n, actionBits,
                dt, tau, g, rho, phi, gamma, hidden, learningRate, updates, initialValue, epsilon, every, out);
    }

    /** The settings as the run folder records them. */
    String describe() {
        String network = g == 0 && rho == 0 ? "\n(no recurrent network: the plant's state is the value network's input)"
                : String.join("\n", "",
                        "N                      " + n,
                        "M (2^M actions)        " + actionBits,
                        "dt                     " + dt + "   (not published)",
                        "tau                    " + tau + "   (not published)",
                        "g                      " + g + "   (not published)",
                        "rho                    " + rho + "   (not published)",
                        "phi                    " + phi.name().toLowerCase(java.util.Locale.ROOT));
        return String.join("\n",
                "networks (N_av)        " + networks,
                "epochs                 " + epochs,
                "trajectories per epoch " + trajectories,
                "horizon T              " + horizon,
                "test trajectories      " + testTrajectories,
                "threads                " + threads,
                "seed                   " + seed + network,
                "gamma                  " + gamma + "   (not published for the network tasks)",
                "hidden units           " + hidden + "   (not published)",
                "Adam learning rate     " + learningRate + "   (not published)",
                "Adam steps per epoch   " + updates,
                "initial value          " + initialValue + " x ln(#actions)/(1-gamma) (R: x 1/(1-gamma))",
                "R epsilon              " + epsilon,
                "validation             " + (validateEvery == 0 ? "none: the last epoch's weights are tested"
                        : VALIDATION_EPISODES + " episodes every " + validateEvery
                                + " epochs; the weights that lived longest are tested"));
    }
}
