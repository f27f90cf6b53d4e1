package org.neurorig.bridge;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.neurorig.device.DeviceException;

/**
 * This process's claim on one serial port, taken before the port is opened for the link and held until
 * the link closes it: a second program, or a second link in this program, is refused before it writes a
 * byte, with a message naming the process that has the port.
 *
 * <p>Why a lock at all: JSSC asks the kernel for exclusive access (TIOCEXCL), which root ignores, and a
 * look at who has the port open ({@link PortUsers}) cannot settle two programs that look at the same
 * moment: both see nobody, both open, and each steals the other's frames.
 *
 * <p>Two locks, the first one deciding:
 * <ol>
 *   <li>{@code flock(LOCK_EX | LOCK_NB)} on the device itself, through a descriptor of its own
 *   ({@code O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC}: JSSC opens the port by name and keeps its
 *   descriptor to itself). The kernel settles a race exactly, it follows the device through symbolic
 *   links ({@code /dev/serial/by-id/...}), and it releases the lock when the holder dies, even by
 *   SIGKILL, so nothing is ever stale. It is the lock newer tools take (picocom built with
 *   {@code USE_FLOCK} takes exactly this one; systemd-udevd honours the same lock on block devices), and
 *   /proc/locks names its holder.</li>
 *   <li>A UUCP lock file, {@code /run/lock/LCK..ttyACM0} ({@link UucpLockFile}), when that directory is
 *   writable: what minicom, cu and picocom (by default) look for, so they and this program see each other.
 *   Lock files outlive a killed owner; a file whose pid is not running is replaced.</li>
 * </ol>
 * flock alone would not be seen by minicom; a lock file alone would leave a window and stale files
 * between two of our own processes. Taken in this order, two neurorig processes are decided by the
 * kernel before either touches a lock file. A program that takes neither lock (cat, screen) is caught,
 * when it already has the port open, by {@link PortUsers}, looked at before.
 *
 * <p>Linux on x86_64 and aarch64 (the open flags are those of both); elsewhere only the lock file is
 * taken, where its directory exists.
 */
final class PortLock implements AutoCloseable {

    /** Where minicom, cu and picocom keep lock files on Linux (/var/lock links here). */
    static final Path LOCK_DIR = Path.of("/run/lock");

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0x100;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int EWOULDBLOCK = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;

    private static final boolean AVAILABLE;
    private static final MethodHandle OPEN;
    private static final MethodHandle FLOCK;
    private static final MethodHandle CLOSE;
    private static final MethodHandle STRERROR;
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static {
        MethodHandle open = null;
        MethodHandle flock = null;
        MethodHandle close = null;
        MethodHandle strerror = null;
        String arch = System.getProperty("os.arch", "");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                open = linker.downcallHandle(libc.find("open").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2), errno);
                flock = linker.downcallHandle(libc.find("flock").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
                close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
                strerror = linker.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
            } catch (RuntimeException e) {
                open = null; // a libc without one of them: lock files only
            }
        }
        AVAILABLE = open != null;
        OPEN = open;
        FLOCK = flock;
        CLOSE = close;
        STRERROR = strerror;
    }

    private final int fd;
    private final UucpLockFile lockFile;
    private boolean closed;

    private PortLock(int fd, UucpLockFile lockFile) {
        this.fd = fd;
        this.lockFile = lockFile;
    }

    /** Takes both locks for the port at {@code path}, with lock files in {@link #LOCK_DIR}. */
    static PortLock take(String path) throws DeviceException {
        return take(path, LOCK_DIR);
    }

    /**
     * Takes both locks for the port at {@code path} (an existing file), lock files in {@code lockDir}.
     *
     * @throws DeviceException one line: the port, who holds it, what to do
     */
    static PortLock take(String path, Path lockDir) throws DeviceException {
        Path device = Path.of(path);
        List<String> users = PortUsers.of(device);
        if (!users.isEmpty()) {
            throw inUse(path, String.join(", ", users), "stop that program first, or choose another port");
        }
        int fd = AVAILABLE ? lockDevice(path, device) : -1;
        Optional<UucpLockFile> file;
        try {
            file = UucpLockFile.create(lockDir, device.toRealPath());
        } catch (UucpLockFile.Busy e) {
            close(fd);
            throw inUse(path, PortUsers.describe(e.holder().pid()), "stop that program first; if it does not use the port,"
                    + " delete its lock file " + e.holder().file());
        } catch (IOException e) {
            // a lock directory that looks writable but is not (a read-only file system): the flock still
            // keeps our own processes apart, only minicom and the like will not see this one
            file = Optional.empty();
        }
        return new PortLock(fd, file.orElse(null));
    }

    /** Opens the device and takes its flock; returns the descriptor that holds it. */
    private static int lockDevice(String path, Path device) throws DeviceException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
            if (fd < 0) {
                throw openFailure(path, device, errno(state));
            }
            int rc;
            do {
                rc = (int) FLOCK.invokeExact(state, fd, LOCK_EX | LOCK_NB);
            } while (rc != 0 && errno(state) == EINTR);
            if (rc != 0) {
                int error = errno(state);
                close(fd);
                if (error == EWOULDBLOCK) {
                    OptionalLong holder = PortUsers.flockHolder(device);
                    throw inUse(path, holder.isPresent() ? PortUsers.describe(holder.getAsLong()) : "another program",
                            "stop that program (or close that link) first, or choose another port");
                }
                throw new DeviceException("cannot lock serial port " + path + ": flock failed (" + strerror(error) + ")");
            }
            return fd;
        } catch (DeviceException e) {
            throw e;
        } catch (Throwable t) {
            throw new DeviceException("cannot lock serial port " + path + ": " + t, t);
        }
    }

    private static DeviceException openFailure(String path, Path device, int error) {
        return switch (error) {
            case ENOENT -> new DeviceException("serial port " + path + " does not exist: check the cable and the name"
                    + " (ls /dev/ttyACM* /dev/ttyUSB*)");
            case EACCES -> new DeviceException("no permission to open " + path + ": add your user to the dialout group"
                    + " (sudo usermod -aG dialout $USER) and log in again");
            // TIOCEXCL: another program has it open exclusively, and this one is not root
            case EBUSY -> {
                List<String> users = PortUsers.of(device);
                yield inUse(path, users.isEmpty() ? "another program, exclusively" : String.join(", ", users),
                        "stop that program first, or choose another port");
            }
            default -> new DeviceException("cannot open serial port " + path + ": " + strerror(error));
        };
    }

    private static DeviceException inUse(String path, String who, String whatToDo) {
        return new DeviceException("serial port " + path + " is in use by " + who + ": " + whatToDo);
    }

    /** The lock file this holds, if one was made (for tests). */
    Optional<Path> lockFile() {
        return Optional.ofNullable(lockFile).map(UucpLockFile::file);
    }

    /** Whether the device's flock is held (false where flock is not available). */
    boolean flocked() {
        return fd >= 0;
    }

    /** Removes the lock file and releases the flock. Call after the port itself is closed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lockFile != null) {
            lockFile.release();
        }
        close(fd);
    }

    private static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            int ignored = (int) CLOSE.invokeExact(fd); // the flock goes with the last descriptor of its open file
        } catch (Throwable t) {
            // nothing more to release
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static String strerror(int error) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(error);
            return text.reinterpret(256).getString(0) + " (errno " + error + ")";
        } catch (Throwable t) {
            return "errno " + error;
        }
    }
}
