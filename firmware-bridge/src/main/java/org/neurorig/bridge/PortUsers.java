package org.neurorig.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Which processes use a device file, from {@code /proc}: those that have it open ({@code /proc/PID/fd}),
 * the one holding its {@code flock} ({@code /proc/locks}), and how to name a process in a message (its
 * command line). Everything here is best effort: without /proc, or for another user's processes when not
 * root, the answer is empty, never an error.
 */
final class PortUsers {

    /** A longer command line is cut to its first word and its end, where a program's arguments are. */
    private static final int COMMAND_LINE_LIMIT = 100;

    private PortUsers() {
    }

    /**
     * The other processes that have {@code device} open, as {@link #describe} names them; empty when none
     * or /proc is not readable. This process is left out: its own links are kept apart by {@link PortLock}.
     */
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
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && holds(proc.resolve("fd"), real)) {
                    users.add(describe(pid));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or not readable: nothing to report
        }
        return users;
    }

    /**
     * The process holding a {@code flock} on {@code device}, from {@code /proc/locks} (whose lines read
     * {@code 1: FLOCK  ADVISORY  WRITE 4242 00:19:3 0 EOF}: the pid, then the device of the file's file
     * system as hex major:minor and its inode); empty when none is listed or /proc is not readable.
     */
    static OptionalLong flockHolder(Path device) {
        try {
            long dev = (Long) Files.getAttribute(device, "unix:dev");
            long ino = (Long) Files.getAttribute(device, "unix:ino");
            // glibc's encoding of st_dev: the major in bits 8-19 and 32-43, the minor in bits 0-7 and 20-31
            long major = ((dev >>> 8) & 0xFFF) | ((dev >>> 32) & ~0xFFFL);
            long minor = (dev & 0xFF) | ((dev >>> 12) & ~0xFFL);
            String file = Long.toHexString(major) + ":" + Long.toHexString(minor) + ":" + ino;
            for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                // f: "1:", "FLOCK", "ADVISORY", "WRITE", pid, file, start, end ("->" after "1:" marks a waiter)
                if (f.length >= 6 && f[1].equals("FLOCK") && sameFile(f[5], file)) {
                    return OptionalLong.of(Long.parseLong(f[4]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, no /proc, or a line of another shape: nothing to report
        }
        return OptionalLong.empty();
    }

    /** /proc/locks prints major and minor with at least two hex digits: "00:19:3" is "0:19:3". */
    private static boolean sameFile(String listed, String file) {
        String[] a = listed.split(":");
        String[] b = file.split(":");
        return a.length == 3 && Long.parseLong(a[0], 16) == Long.parseLong(b[0], 16)
                && Long.parseLong(a[1], 16) == Long.parseLong(b[1], 16) && a[2].equals(b[2]);
    }

    /**
     * A process as a message names it: {@code pid 4242 (picocom -b 115200 /dev/ttyACM0)}, or
     * {@code this process (pid 4242)}. A long command line (a JVM's, with its class path) keeps its first
     * word and its end: {@code pid 4242 (java ... org.neurorig.cli.Main run --profile uno-usb)}.
     */
    static String describe(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return "this process (pid " + pid + ")";
        }
        return "pid " + pid + " (" + commandLine(pid) + ")";
    }

    private static String commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String raw = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
            List<String> words = withoutEmulator(Arrays.stream(raw.split("\0")).filter(w -> !w.isEmpty()).toList());
            if (!words.isEmpty()) {
                return shortened(words);
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or not readable: try its name
        }
        try {
            return Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).strip(); // a kernel thread has no cmdline
        } catch (IOException e) {
            return "command line unknown";
        }
    }

    /**
     * The command line as the program was started, without the emulator in front of it: a program of another
     * architecture that the kernel hands to an interpreter registered in binfmt_misc (qemu-user: arm64 on
     * x86) shows that interpreter, then the program's path, then, with the P flag, its own argv[0].
     */
    static List<String> withoutEmulator(List<String> words) {
        return withoutEmulator(words, Path.of("/proc/sys/fs/binfmt_misc"));
    }

    /** As {@link #withoutEmulator(List)}, with the interpreters registered in {@code registry}. */
    static List<String> withoutEmulator(List<String> words, Path registry) {
        if (words.size() < 2) {
            return words;
        }
        List<Path> entries;
        try (var listing = Files.list(registry)) {
            entries = listing.toList();
        } catch (IOException | RuntimeException e) {
            return words; // no binfmt_misc here: nothing runs emulated
        }
        for (Path entry : entries) {
            List<String> lines;
            try {
                lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue; // "register" is write-only
            }
            if (lines.contains("interpreter " + words.getFirst())) {
                boolean argv0Kept = lines.stream().anyMatch(l -> l.startsWith("flags:") && l.contains("P"));
                return words.subList(argv0Kept && words.size() > 2 ? 2 : 1, words.size());
            }
        }
        return words;
    }

    /** The program's file name, then as many of the last words as fit. */
    static String shortened(List<String> words) {
        String program = Path.of(words.getFirst()).getFileName().toString();
        List<String> rest = words.subList(1, words.size());
        String all = rest.isEmpty() ? program : program + " " + String.join(" ", rest);
        if (all.length() <= COMMAND_LINE_LIMIT) {
            return all;
        }
        StringBuilder tail = new StringBuilder();
        for (int i = rest.size() - 1; i >= 0; i--) {
            String w = rest.get(i);
            if (program.length() + 5 + tail.length() + w.length() + 1 > COMMAND_LINE_LIMIT) {
                break;
            }
            tail.insert(0, " " + w);
        }
        return program + " ..." + tail;
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
}
