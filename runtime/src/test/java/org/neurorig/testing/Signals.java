package org.neurorig.testing;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Sends a signal to a process with libc's {@code kill(2)} through FFM, the way a user's Ctrl-C or a
 * service manager's stop reaches it. A minimal system has no {@code kill} program to run for it
 * (procps is not installed), and {@link Process#destroy()} sends SIGTERM only.
 */
public final class Signals {

    /** Linux's numbers, the same on x86_64 and aarch64. */
    public static final int SIGINT = 2;
    public static final int SIGTERM = 15;

    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private Signals() {
    }

    /** Sends {@code signal} ("INT" or "TERM") to {@code pid}. */
    public static void send(long pid, String signal) {
        int number = switch (signal) {
            case "INT" -> SIGINT;
            case "TERM" -> SIGTERM;
            default -> throw new IllegalArgumentException("signal " + signal + ": expected INT or TERM");
        };
        int result;
        try {
            result = (int) KILL.invokeExact((int) pid, number);
        } catch (Throwable t) {
            throw new IllegalStateException("kill(" + pid + ", SIG" + signal + ") could not be called", t);
        }
        if (result != 0) {
            throw new IllegalStateException("kill(" + pid + ", SIG" + signal + ") returned " + result);
        }
    }
}
