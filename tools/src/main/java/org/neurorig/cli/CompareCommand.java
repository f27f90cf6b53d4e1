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
                        + "model and is deployed as is; node perturbation, weight perturbation and REINFORCE learn in "
                        + "the control loop on the hardware (the cart-pole with non-idealities); S->H fine-tunes S's "
                        + "weights on the hardware with node perturbation.",
                "Sweeps the mismatch from none to strong, and each effect alone. Writes a table, a reading of it, "
                        + "learning curves and plots of performance against mismatch to a run folder."},
        footer = {"", "Settings for --set (settings.txt lists every value used):",
                "  network.units, network.g, network.tau, network.input_scale,",
                "  reward.shaping, reward.failure,",
                "  np.eta, np.sigma, np.lambda, np.baseline,",
                "  wp.eta, wp.sigma, wp.baseline, wp.two_sided,",
                "  reinforce.eta, reinforce.lambda, reinforce.baseline,",
                "  finetune.eta, finetune.sigma, finetune.lambda, finetune.baseline,",
                "  s.iterations, s.batch, s.horizon, s.rate, s.clip,",
                "  protocol.check_every, protocol.check_starts, protocol.test_episodes"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds per learner and hardware (default: 5; --quick: 2)")
    Integer seeds;

    @Option(names = "--episodes", paramLabel = "N", description = "training episodes on the hardware (default: 800; --quick: 40)")
    Integer episodes;

    @Option(names = "--fine-tune-episodes", paramLabel = "N", description = "S->H's training episodes (default: 200; --quick: 20)")
    Integer fineTuneEpisodes;

    @Option(names = "--severities", paramLabel = "S", split = ",", splitSynopsisLabel = ",",
            description = "mismatch severities, 0 (none) to 1 (strong) (default: 0,0.25,0.5,0.75,1; --quick: 0,1)")
    List<Double> severities;

    @Option(names = "--effects", paramLabel = "E,...",
            description = "single effects run alone at strong: all, none, or a list such as delay,friction (default: all; --quick: delay,friction)")
    String effects;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "change one setting (repeatable), e.g. --set np.eta=3e-4")
    List<String> sets;

    @Option(names = "--seed", paramLabel = "SEED", description = "base seed (default: 1)")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "runs at once (default: the number of cores, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/compare-DATE-TIME)")
    Path out;

    @Option(names = "--quick", description = "a small run of seconds: N = 50, 2 seeds, the ends of the sweep, two effects")
    boolean quick;

    @Override
    public Integer call() throws IOException {
        PrintWriter writer = spec.commandLine().getOut();
        Comparison.Options options = new Comparison.Options(quick, seeds, episodes, fineTuneEpisodes, severities, effects,
                sets == null ? List.of() : sets, seed, threads);
        Comparison comparison = Comparison.prepare(options);
        Charts.requireDrawable();
        RunFolder dir = RunFolder.create(out, "compare");
        // the parse result holds the whole command line, the subcommand's name included
        comparison.run(dir.dir(), "neurorig " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), writer,
                new ProgressLine(writer, spec.commandLine().getErr(), ProgressLine.stdoutIsTerminal()));
        return 0;
    }
}
