package org.neurorig.mop;

import java.nio.file.Path;
import org.neurorig.kernel.Nonlinearity;

/** One of the paper's experiments: its default settings and how to run and report it. */
interface MopExperiment {

    /** The subcommand name: energy, square, ... */
    String name();

    /** The defaults for this experiment (the user's options go on top). */
    MopSettings defaults(int threads, Path out);

    /** Trains, tests and writes figures and numbers into {@code report}. */
    void run(MopSettings settings, ExperimentRunner runner, ExperimentReport report);

    /**
     * The settings every network experiment starts from: the paper's N = 100, M = 8, N_traj = 10,
     * N_av = 10, T = 1000, 60 epochs; ours where it publishes nothing (see {@link MopSettings#describe()}).
     *
     * <p>One Euler step for every recurrent task, dt = 0.1 (not published): the (x1, x2) tasks' regions
     * are 0.2 to 0.4 wide and one step at dt 0.1 moves a unit by up to about 0.1 already; at 0.3 NeuroMOP
     * leaves the square within two steps. The R network's epsilon is 0.1 (the energy task: the published
     * 0.3).
     */
    static MopSettings base(int threads, Path out) {
        return new MopSettings(10, 60, 10, 1000, 10, threads, 1, 100, 8, 0.1, 1.0, 1.5, 2.0, Nonlinearity.TANH, 0.9,
                32, 0.003, 5, 0.0, 0.1, 0, out);
    }
}
