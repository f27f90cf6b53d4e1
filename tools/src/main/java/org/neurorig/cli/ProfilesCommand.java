package org.neurorig.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurorig.profile.ProfileException;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.ProfilePrinter;
import org.neurorig.profile.ProfileSection;
import org.neurorig.profile.ProfileProblem;
import org.neurorig.profile.RigProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurorig profiles list | show NAME | check FILE}. */
@Command(name = "profiles",
        mixinStandardHelpOptions = true,
        description = {"Rig profiles: one TOML file per rig (loop rate, device, channels, safety, network).",
                "Shipped profiles live in hw-profiles/profiles/; a profile may extend another."},
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.Show.class, ProfilesCommand.Check.class})
public final class ProfilesCommand implements Runnable {

    /** Problems printed at most; the count of all of them follows. */
    static final int SHOWN = 50;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped profiles.")
    static final class ListProfiles implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> shipped = ProfileLoader.describeShipped();
            int width = shipped.keySet().stream().mapToInt(String::length).max().orElse(0);
            shipped.forEach((name, line) -> out.printf("%-" + width + "s  %s%n", TerminalText.line(name), TerminalText.line(line)));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print a profile as it resolves: its extends chain merged, the overrides applied.",
                    "Each value is followed by the file and line it came from."})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME|FILE", description = "a shipped profile's name or a TOML file")
        String reference;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a value, e.g. --set network.n=64")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() {
            try {
                String text = ProfilePrinter.print(reference, overrides);
                ProfileLoader.load(reference, overrides); // the printed tree must also be valid
                spec.commandLine().getOut().print(TerminalText.lines(text));
                return 0;
            } catch (ProfileException e) {
                return report(spec, e);
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a profile and list every problem, one line each (file:line: key: message).",
                    "Exit code 0 when it is valid, 2 when it is not."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|NAME", description = "a .toml file or a shipped profile's name")
        String reference;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a value before checking")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() {
            try {
                RigProfile p = ProfileLoader.load(reference, overrides);
                spec.commandLine().getOut().printf("%s: valid (%s, %s Hz, %s, %s, N = %d)%n", TerminalText.line(reference),
                        TerminalText.line(p.device().summary()), ProfileSection.format(p.rateHz()), count(p.sensors().size(), "sensor"),
                        count(p.actuators().size(), "actuator"), p.network().n());
                return 0;
            } catch (ProfileException e) {
                return report(spec, e);
            }
        }
    }

    private static int report(CommandSpec spec, ProfileException e) {
        PrintWriter err = spec.commandLine().getErr();
        printProblems(err, "", e);
        if (e.problems().size() > 1) {
            err.println(e.problems().size() + " problems");
        }
        return 2;
    }

    /** A profile's problems, one line each, the first {@link #SHOWN}: a file with thousands is the wrong file. */
    static void printProblems(PrintWriter err, String prefix, ProfileException e) {
        List<ProfileProblem> problems = e.problems();
        for (ProfileProblem p : problems.subList(0, Math.min(SHOWN, problems.size()))) {
            err.println(prefix + TerminalText.line(p.toString())); // a problem quotes the file's name and its values
        }
        if (problems.size() > SHOWN) {
            err.println(prefix + "... and " + (problems.size() - SHOWN) + " more");
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
