package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.neurorig.device.DeviceException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code tools/neurorig}. A user's mistake ends in one line on stderr and exit code 2. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush(); // autoflush covers println and printf only: text written with print() is still buffered
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new NeurorigCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, ignored) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + TerminalText.lines(parseError(e)) + " (see '" + command + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                    || e instanceof IllegalStateException || e instanceof DeviceException) {
                // the message quotes what the user or a device gave (a path, a profile's value, a device's name)
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + TerminalText.lines(e.getMessage()));
                if (System.getenv("NEURORIG_DEBUG") != null) {
                    e.printStackTrace(err);
                }
                return 2;
            }
            err.println(commandLine.getCommandSpec().qualifiedName() + ": internal error: " + TerminalText.lines(e.toString())
                    + " (this is a bug; NEURORIG_DEBUG=1 shows where)");
            if (System.getenv("NEURORIG_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 70;
        });
        return cli.execute(args);
    }

    /**
     * A mistake on the command line as one line, without picocli's usage text after it (that buries the
     * line under a screen of options) and in the user's words: a number, not a long or a double.
     */
    static String parseError(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().getFirst();
            CommandLine where = u.getCommandLine();
            boolean hasCommands = !where.getSubcommands().isEmpty() && where.getCommandSpec().positionalParameters().isEmpty();
            String what = u.isUnknownOption() ? "unknown option '" + first + "'"
                    : hasCommands ? "unknown command '" + first + "'" : "unexpected argument '" + first + "'";
            List<String> suggestions = u.getSuggestions();
            return suggestions.isEmpty() ? what : what + "; did you mean " + String.join(" or ", suggestions) + "?";
        }
        String m = String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ")
                .replaceAll("' is not an? (long|int|short|byte|Long|Integer)\\b", "' is not a whole number")
                .replaceAll("' is not an? (double|float|Double|Float)\\b", "' is not a number");
        return m.isEmpty() ? m : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
