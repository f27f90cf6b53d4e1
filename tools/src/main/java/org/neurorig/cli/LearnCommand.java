package org.neurorig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neurorig learn}: experiments and benchmarks of the learning rules. */
@Command(name = "learn",
        mixinStandardHelpOptions = true,
        description = {"Experiments and benchmarks of the three-factor learning rules."},
        subcommands = {LearnScalingCommand.class, LearnBenchCommand.class})
public final class LearnCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
