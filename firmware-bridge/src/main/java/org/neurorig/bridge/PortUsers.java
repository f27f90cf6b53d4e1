package org.neurorig.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which processes have a device file open, from {@code /proc/PID/fd}. JSSC asks the kernel for
 * exclusive access (TIOCEXCL), but root ignores that, so a second program on the same serial port would
 * otherwise go unnoticed and the two would steal each other's bytes.
 */
final class PortUsers {

    private PortUsers() {
    }

    /** Descriptions such as {@code "pid 4242 (screen)"}; empty when nobody has it open or /proc is not readable. */
    static List<String> of(Path device) {
        List<String> users = new ArrayList<>();
        Path real;
        try {
            real = device.toRealPath();
        } catch (IOException e) {
            return users;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                if (holds(proc.resolve("fd"), real)) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    users.add(pid == self ? "this process (pid " + pid + ")" : "pid " + pid + " (" + command(proc) + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or not readable: nothing to report
        }
        return users;
    }

    private static boolean holds(Path fdDir, Path device) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(device)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's process, or gone
        }
        return false;
    }

    private static String command(Path proc) {
        try {
            return Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
