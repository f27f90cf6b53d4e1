package org.neurorig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import org.neurorig.mop.MopExperiments;
import org.neurorig.plot.Charts;
import org.neurorig.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurorig mop EXPERIMENT}: the NeuroMOP experiments of Mastrogiuseppe and Moreno-Bote (NeurIPS 2024). */
@Command(name = "mop",
        mixinStandardHelpOptions = true,
        description = {"NeuroMOP: maximal neural variability with reliable performance, against the R network.",
                "Each experiment trains its networks on all cores, shows progress, and writes PNG figures, "
                        + "summary.txt (mean +- SEM across networks) and settings.txt to its run folder.",
                "",
                "Experiments:",
                "  energy    energy constraint E(x) <= 0.11: NeuroMOP against R (eps 0.1)",
                "  square    (x1, x2) kept in |x| <= 0.1: NeuroMOP, R with constant and with",
                "            decaying eps",
                "  shapes    one network draws six shapes, told which by a one-hot context",
                "  beta      state entropy: the energy task at rho 1.2 with beta 0, 0.8 and 1.5",
                "  reward    extrinsic reward inside a small square: mu 0.1 against mu 0.5",
                "  cartpole  the MOP paper's cart-pole (force +-40 N): NeuroMOP against R",
                "  corridor  two round rooms joined by a narrow corridor in the (x1, x2) plane",
                "  cartpole-firmware",
                "            agents trained on CartPole-v1 (+-10 N) drive the reference",
                "            firmware's plant on QEMU's Arduino Uno (FirmwarePlant) and the",
                "            in-process plant: lifetimes (needs qemu-system-avr and avr-gcc;",
                "            --test-trajectories: episodes per plant)",
                ""},
        subcommands = {MopBenchCommand.class},
        footer = {"", "Parameters the paper does not publish (dt, tau, g, rho, gamma, hidden units, learning rate) "
                + "are options with documented defaults; settings.txt records every value used."})
public final class MopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT",
            description = "energy, square, shapes, beta, reward, cartpole, corridor or cartpole-firmware")
    String experiment;

    @Option(names = "--networks", paramLabel = "N", description = "independent networks N_av (default: 10; reward: 5)")
    Integer networks;
    @Option(names = "--epochs", paramLabel = "E", description = "training epochs (default: the paper's for the task)")
    Integer epochs;
    @Option(names = "--trajectories", paramLabel = "K", description = "trajectories per epoch N_traj (default: 10)")
    Integer trajectories;
    @Option(names = "--horizon", paramLabel = "T", description = "steps per trajectory at most (default: the task's)")
    Integer horizon;
    @Option(names = "--test-trajectories", paramLabel = "K", description = "test trajectories per network (default: 10; beta: 50)")
    Integer testTrajectories;
    @Option(names = "--threads", paramLabel = "N", description = "networks trained at once (default: the number of cores)")
    Integer threads;
    @Option(names = "--seed", paramLabel = "SEED", description = "base seed of weights, x0 and sampling (default: 1)")
    Long seed;
    @Option(names = "--units", paramLabel = "N", description = "network size N (default: 100)")
    Integer units;
    @Option(names = "--action-bits", paramLabel = "M", description = "M: 2^M actions (default: 8)")
    Integer actionBits;
    @Option(names = "--dt", paramLabel = "DT", description = "Euler step (default: 0.1; not published)")
    Double dt;
    @Option(names = "--tau", paramLabel = "TAU", description = "unit time constant (default: 1; not published)")
    Double tau;
    @Option(names = "--g", paramLabel = "G", description = "recurrent gain (default: 1.5; not published)")
    Double g;
    @Option(names = "--rho", paramLabel = "RHO", description = "action current scale (default: 2; beta: 1.2; not published)")
    Double rho;
    @Option(names = "--gamma", paramLabel = "GAMMA", description = "discount factor (default: 0.9; cartpole: 0.98)")
    Double gamma;
    @Option(names = "--hidden", paramLabel = "N", description = "hidden units of the value network (default: 32; cartpole: 64; not published)")
    Integer hidden;
    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default: 0.003; cartpole: 0.01; not published)")
    Double learningRate;
    @Option(names = "--updates", paramLabel = "N", description = "Adam steps per epoch on the epoch's batch (default: 5; cartpole: 50)")
    Integer updates;
    @Option(names = "--initial-value", paramLabel = "FRACTION", description = "value before training, as a fraction of the largest (default: 0; corridor: 1)")
    Double initialValue;
    @Option(names = "--epsilon", paramLabel = "EPS", description = "the R network's constant epsilon (default: 0.1; energy: 0.3)")
    Double epsilon;
    @Option(names = "--validate-every", paramLabel = "E", description = "every E epochs, 100 validation episodes; the"
            + " weights that lived longest are tested (default: 0, the last weights; cartpole: 20)")
    Integer validateEvery;
    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/mop-EXPERIMENT-DATE-TIME)")
    Path out;

    @Override
    public Integer call() {
        PrintWriter writer = spec.commandLine().getOut();
        if (experiment == null) {
            spec.commandLine().usage(writer);
            return 0;
        }
        Charts.requireDrawable();
        Path dir = out != null ? out : RunFolder.defaultFor("mop-" + experiment, LocalDateTime.now());
        MopExperiments.Overrides o = new MopExperiments.Overrides(networks, epochs, trajectories, horizon,
                testTrajectories, threads, seed, units, actionBits, dt, tau, g, rho, gamma, hidden, learningRate,
                updates, initialValue, epsilon, validateEvery);
        MopExperiments.run(experiment, o, dir, String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                writer);
        return 0;
    }
}
