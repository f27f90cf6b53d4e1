package org.neurorig.loop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a JVM with this test JVM's classpath and module flags, optionally under a prefix (setpriv). */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(List<String> prefix, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx64m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads lines until one equals {@code line} (true) or the stream ends (false); collects them. */
    static boolean readUntil(BufferedReader in, String line, List<String> seen) throws IOException {
        String l;
        while ((l = in.readLine()) != null) {
            seen.add(l);
            if (l.equals(line)) {
                return true;
            }
        }
        return false;
    }

    static BufferedReader stdout(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream()));
    }
}
