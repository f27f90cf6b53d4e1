package org.neurorig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands. */
@Command(name = "neurorig",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Real-time controller runtime for neuromorphic-style hardware: recurrent networks stepped "
                + "with SIMD, learning online with perturbation rules, driving real actuators.",
        subcommands = {
                BenchCommand.class,
                CompareCommand.class,
                FirmwareCommand.class,
                LatencyCommand.class,
                LearnCommand.class,
                MopCommand.class,
                PlantCommand.class,
                ProfilesCommand.class,
                RunCommand.class,
                TelemetryCommand.class,
        },
        footer = {"", "Run 'neurorig COMMAND --help' for the options of a command."})
public final class NeurorigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
