package org.neurorig.bridge;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * A file descriptor on a terminal, through libc by FFM: a new pseudo-terminal's master side (whose
 * slave path a serial link opens as if it were a device), or an existing terminal opened by path (the
 * emulator's). Raw mode, non-blocking, poll-then-read. For device models in Java ({@link LoopbackDevice})
 * and for tests that stand between a link and its device.
 */
public final class PseudoTerminal implements AutoCloseable {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0x100;
    private static final int O_NONBLOCK = 0x800;
    private static final short POLLIN = 1;
    private static final short POLLHUP = 0x10;
    private static final short POLLERR = 8;
    private static final int EAGAIN = 11;

    private static final MethodHandle POSIX_OPENPT = fn("posix_openpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GRANTPT = fn("grantpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UNLOCKPT = fn("unlockpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PTSNAME_R = fn("ptsname_r", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = fn("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = fn("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL = fn("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle TCGETATTR = fn("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CFMAKERAW = fn("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle TCSETATTR = fn("tcsetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle ERRNO = fn("__errno_location", FunctionDescriptor.of(ADDRESS));
    private static final VarHandle POLL_REVENTS = JAVA_SHORT.varHandle();

    private final int fd;
    private final String slavePath;
    private volatile boolean closed;

    private PseudoTerminal(int fd, String slavePath) {
        this.fd = fd;
        this.slavePath = slavePath;
    }

    private static MethodHandle fn(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor);
    }

    /** A new pseudo-terminal pair; this object holds the master, {@link #slavePath()} names the other end. */
    public static PseudoTerminal create() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int m = (int) POSIX_OPENPT.invokeExact(O_RDWR | O_NOCTTY);
            if (m < 0) {
                throw new IOException("posix_openpt failed");
            }
            MemorySegment name = arena.allocate(128);
            if ((int) GRANTPT.invokeExact(m) != 0 || (int) UNLOCKPT.invokeExact(m) != 0
                    || (int) PTSNAME_R.invokeExact(m, name, 128L) != 0) {
                int ignored = (int) CLOSE.invokeExact(m);
                throw new IOException("cannot unlock a new pseudo-terminal (" + ignored + ")");
            }
            String slave = name.getString(0);
            // raw on the slave side from the start: no echo, no line editing, whatever opens it later
            int s = (int) OPEN.invokeExact(arena.allocateFrom(slave), O_RDWR | O_NOCTTY, 0);
            if (s >= 0) {
                raw(s, arena);
                int ignored = (int) CLOSE.invokeExact(s);
            }
            nonBlocking(m);
            return new PseudoTerminal(m, slave);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("pseudo-terminal: " + t, t);
        }
    }

    /** Opens an existing terminal (e.g. the emulator's /dev/pts/N), raw and non-blocking. */
    public static PseudoTerminal open(String path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int f = (int) OPEN.invokeExact(arena.allocateFrom(path), O_RDWR | O_NOCTTY | O_NONBLOCK, 0);
            if (f < 0) {
                throw new IOException("cannot open " + path);
            }
            raw(f, arena);
            return new PseudoTerminal(f, path);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("open " + path + ": " + t, t);
        }
    }

    private static void raw(int fd, Arena arena) throws Throwable {
        MemorySegment termios = arena.allocate(256); // larger than any struct termios
        if ((int) TCGETATTR.invokeExact(fd, termios) == 0) {
            CFMAKERAW.invokeExact(termios);
            int ignored = (int) TCSETATTR.invokeExact(fd, 0, termios);
        }
    }

    private static void nonBlocking(int fd) throws Throwable {
        MethodHandle fcntl = LINKER.downcallHandle(LIBC.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        int flags = (int) fcntl.invokeExact(fd, 3 /* F_GETFL */, 0);
        int ignored = (int) fcntl.invokeExact(fd, 4 /* F_SETFL */, flags | O_NONBLOCK);
    }

    /** The path a serial link opens: the slave of a created pair, or the path this was opened with. */
    public String slavePath() {
        return slavePath;
    }

    /**
     * Waits up to {@code timeoutMs} for bytes and reads at most {@code max} into {@code buffer};
     * {@code pollfd} is 8 bytes of scratch memory (a struct pollfd) owned by the calling thread.
     *
     * @return bytes read; 0 on a timeout or while nobody holds the other end open; -1 once closed
     */
    public int read(MemorySegment buffer, int max, MemorySegment pollfd, int timeoutMs) {
        if (closed) {
            return -1;
        }
        try {
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, POLLIN);
            pollfd.set(JAVA_SHORT, 6, (short) 0);
            int ready = (int) POLL.invokeExact(pollfd, 1L, timeoutMs);
            if (ready <= 0) {
                return 0;
            }
            short revents = (short) POLL_REVENTS.get(pollfd, 6L);
            long n = (long) READ.invokeExact(fd, buffer, (long) max);
            if (n > 0) {
                return (int) n;
            }
            if ((revents & (POLLHUP | POLLERR)) != 0) {
                Thread.sleep(1); // the other end is not open (yet): poll would report it at once, again and again
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Throwable t) {
            return closed ? -1 : 0;
        }
    }

    /** Writes all {@code n} bytes (retrying while the terminal's buffer is full); false when it cannot. */
    public boolean write(MemorySegment buffer, int n) {
        long off = 0;
        try {
            while (off < n && !closed) {
                long w = (long) WRITE.invokeExact(fd, buffer.asSlice(off), n - off);
                if (w > 0) {
                    off += w;
                } else if (errno() == EAGAIN) {
                    Thread.onSpinWait();
                } else {
                    return false;
                }
            }
            return off == n;
        } catch (Throwable t) {
            return false;
        }
    }

    private static int errno() throws Throwable {
        MemorySegment p = (MemorySegment) ERRNO.invokeExact();
        return p.reinterpret(4).get(JAVA_INT, 0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // nothing more to release
        }
    }
}
