package org.neurorig.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Test support: one run of the command line, with what it printed on each stream and its exit code. */
record CommandRun(int code, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(code, out.toString(), err.toString());
    }
}
