package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurorig.compare.Comparison;
import org.neurorig.plot.Charts;
import org.neurorig.run.ProgressLine;
import org.neurorig.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurorig compare}: learning in software against learning on the hardware, measured. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {"Learning in software against learning on the hardware, on the cart-pole.",
                "A reservoir's readout drives the force. S learns by the model-based gradient (BPTT) on the nominal "
                        + "model and is deployed as is; S on the true model does the same on a model that knows the "
                        + "hardware's effect; node perturbation, weight perturbation and REINFORCE learn in the control "
                        + "loop on the hardware; S->H fine-tunes S's weights there with node perturbation. All are after "
                        + "the same objective (S's cost is minus the hardware's reward), from the same starts.",
                "Sweeps each non-ideality alone along an axis until S breaks, and finds where. Writes tables, a reading, "
                        + "a figure per axis, learning curves and what each learner used to a run folder."},
        footer = {"", "Axes (--axis NAME or NAME=V1,V2,...):",
                "  delay (ticks), hold (ticks), length (relative error), gain (relative error),",
                "  offset (pole angle sensor, deg), bias (motor force, N),",
                "  severity (every effect, 0 to 1)",
                "Learners (--learners): s, strue, np, wp, reinforce, bernoulli, finetune, all",
                "Settings for --set (settings.txt lists every value used):",
                "  network.units, network.g, network.tau, network.input_scale,",
                "  reward.shaping, reward.failure,",
                "  LEARNER.eta, .sigma, .baseline, .noise_end, .rate_end",
                "    (LEARNER: np, wp, reinforce, bernoulli, finetune),",
                "  np.lambda, bernoulli.lambda, finetune.lambda, wp.two_sided,",
                "  s.iterations, s.batch, s.horizon, s.rate, s.clip,",
                "  protocol.check_every, protocol.check_starts, protocol.test_episodes"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--axis", paramLabel = "NAME[=V,...]",
            description = "an axis of the sweep, with its values or its own (repeatable; default: delay=0,2,4; --full: every axis)")
    List<String> axes;

    @Option(names = "--learners", paramLabel = "L,...", description = "the learners (default: all but bernoulli)")
    String learners;

    @Option(names = "--hardware", paramLabel = "PROFILE",
            description = "train and judge on a rig profile's cart-pole instead of the simulated sweep: a sim-* profile or uno-emulated "
                    + "(the reference firmware on QEMU, stepped in lockstep), or a real rig (uno-usb, rpi-cartpole: real time, each "
                    + "episode started by its operator); on a device by default S, NP and S->H with 150 and 50 episodes, a check every 25; "
                    + "one thread")
    String hardware;

    @Option(names = "--real-time", description = "run the --hardware device at its own rate even where it could be stepped "
            + "(uno-emulated at its firmware's 50 Hz, as a real board); real rigs always run in real time")
    boolean realTime;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds per learner and hardware (default: 5; --quick: 2)")
    Integer seeds;

    @Option(names = "--episodes", paramLabel = "N", description = "training episodes on the hardware (default: 800; --full: 2000; --quick: 40)")
    Integer episodes;

    @Option(names = "--fine-tune-episodes", paramLabel = "N", description = "S->H's training episodes (default: 200; --full: 500; --quick: 20)")
    Integer fineTuneEpisodes;

    @Option(names = "--ticks", paramLabel = "N", description = "an episode's tick limit (default: 500; --full: 1000)")
    Integer ticks;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "change one setting, e.g. np.eta=3e-4 (repeatable)")
    List<String> sets;

    @Option(names = "--seed", paramLabel = "SEED", description = "base seed (default: 1)")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "runs at once (default: the number of cores, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/compare-DATE-TIME)")
    Path out;

    @Option(names = "--quick", description = "a small run of seconds: N = 50, 2 seeds, two points of the delay axis")
    boolean quick;

    @Option(names = "--full", description = "every axis over its whole range, 2000 episodes of up to 1000 ticks (about 40 minutes on 2 cores)")
    boolean full;

    @Override
    public Integer call() throws IOException {
        PrintWriter writer = spec.commandLine().getOut();
        Comparison.Options options = new Comparison.Options(quick, full, seeds, episodes, fineTuneEpisodes, ticks,
                axes == null ? List.of() : axes, learners, hardware, realTime, sets == null ? List.of() : sets, seed, threads);
        Charts.requireDrawable();
        try (Comparison comparison = Comparison.prepare(options)) {
            RunFolder dir = RunFolder.create(out, "compare");
            // the parse result holds the whole command line, the subcommand's name included
            comparison.run(dir.dir(), "neurorig " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), writer,
                    new ProgressLine(writer, spec.commandLine().getErr(), ProgressLine.stdoutIsTerminal()));
        }
        return 0;
    }
}
