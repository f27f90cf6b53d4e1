package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.neurorig.device.DeviceException;
import picocli.CommandLine;

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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                    || e instanceof IllegalStateException || e instanceof DeviceException) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                if (System.getenv("NEURORIG_DEBUG") != null) {
                    e.printStackTrace(err);
                }
                return 2;
            }
            err.println(commandLine.getCommandSpec().qualifiedName() + ": internal error: " + e
                    + " (this is a bug; NEURORIG_DEBUG=1 shows where)");
            if (System.getenv("NEURORIG_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 70;
        });
        return cli.execute(args);
    }
}
