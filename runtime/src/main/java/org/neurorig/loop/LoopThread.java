package org.neurorig.loop;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.neurorig.os.MonotonicClock;
import org.neurorig.os.RealTimeReport;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.os.RealTimeSetup;

/**
 * Runs a {@link ControlLoop} on a dedicated thread ("neurorig-loop") with an Agrona {@link AgentRunner}
 * and a {@link DeadlineIdleStrategy}, with that thread's real-time settings, and makes sure the devices
 * end in their safe state however the process ends:
 * <ul>
 *   <li>{@link #close()} stops the loop; the loop thread drives the safe state on its way out;</li>
 *   <li>a JVM shutdown hook (which SIGINT, SIGTERM and {@code System.exit} run) does the same; if the
 *       loop thread does not stop within a second (a device blocked in a read), the hook drives the
 *       safe state from its own thread, because {@link org.neurorig.device.Device#safeState()} may be
 *       called from any thread.</li>
 * </ul>
 * A SIGKILL or a power cut cannot be caught: for those the device's own watchdog (the firmware's
 * command timeout) must act.
 */
public final class LoopThread implements AutoCloseable {

    /**
     * The real-time settings for the loop thread (SCHED_FIFO, CPU pinning, mlockall), applied on that
     * thread before its first tick; what could and could not be set goes to {@code listener} once (may
     * be null). With {@code required}, a refused setting stops the loop before its first tick.
     */
    public record RealTime(RealTimeSettings settings, boolean required, Consumer<RealTimeReport> listener) {

        /** Nothing asked: the normal scheduler, any CPU, pageable memory. */
        public static final RealTime NONE = new RealTime(RealTimeSettings.NONE, false, null);

        public RealTime {
            Objects.requireNonNull(settings, "settings");
        }
    }

    private static final int CLOSE_RETRY_MILLIS = 1_000;
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final ControlLoop loop;
    private final RealTime realTime;
    private final AgentRunner runner;
    private final Thread thread;
    private final Thread hook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch setUp = new CountDownLatch(1);
    private volatile RealTimeReport report;
    private volatile String refused;

    private LoopThread(ControlLoop loop, WaitMode mode, long spinNanos, RealTime realTime, PrintStream errors)
            throws InterruptedException {
        if (!(loop.clock() instanceof MonotonicClock)) {
            throw new IllegalArgumentException("a loop on its own thread keeps deadlines on CLOCK_MONOTONIC; this one was "
                    + "built with an injected clock (" + loop.clock().getClass().getSimpleName() + "): drive it with an AgentInvoker");
        }
        this.loop = loop;
        this.realTime = realTime;
        DeadlineIdleStrategy idle = new DeadlineIdleStrategy(loop, (MonotonicClock) loop.clock(), mode, spinNanos);
        this.runner = new AgentRunner(idle, t -> {
            if (!(t instanceof AgentTerminationException)) {
                errors.println("neurorig loop: " + t);
            }
        }, null, loop);
        this.hook = new Thread(this::stop, "neurorig-safe-state-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        this.thread = AgentRunner.startOnThread(runner, r -> {
            Thread t = new Thread(() -> {
                if (setUpRealTime()) {
                    r.run();
                }
            }, "neurorig-loop");
            t.setDaemon(false);
            return t;
        });
        if (!setUp.await(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException("the loop thread did not start within " + START_TIMEOUT_MILLIS + " ms");
        }
        if (refused != null) {
            close(); // the loop never ran: its devices go to their safe state on this thread
            throw new IllegalStateException(refused);
        }
    }

    /**
     * Starts {@code loop} on its own thread without real-time settings; see
     * {@link #start(ControlLoop, WaitMode, long, RealTime, PrintStream)}.
     */
    public static LoopThread start(ControlLoop loop, WaitMode mode, long spinNanos, PrintStream errors)
            throws InterruptedException {
        return start(loop, mode, spinNanos, RealTime.NONE, errors);
    }

    /**
     * Starts {@code loop} on its own thread and waits until the thread's real-time settings are applied;
     * throws {@link IllegalStateException} with one line when a required setting was refused (the loop
     * then never ticks and its devices are in their safe state).
     *
     * @param spinNanos for {@link WaitMode#SPIN_THEN_SLEEP}, how long before each deadline to spin
     * @param errors    where unexpected errors of the loop thread are printed (not expected faults)
     */
    public static LoopThread start(ControlLoop loop, WaitMode mode, long spinNanos, RealTime realTime, PrintStream errors)
            throws InterruptedException {
        return new LoopThread(loop, mode, spinNanos, Objects.requireNonNull(realTime, "realTime"), errors);
    }

    /** On the new thread, before the runner: true when the loop may run. */
    private boolean setUpRealTime() {
        try {
            RealTimeReport applied;
            try {
                applied = RealTimeSetup.apply(realTime.settings());
            } catch (RuntimeException e) {
                refused = "the real-time setup failed: " + e;
                return false;
            }
            report = applied;
            if (realTime.listener() != null) {
                realTime.listener().accept(applied);
            }
            if (realTime.required() && !applied.allApplied()) {
                refused = applied.firstFailure();
                return false;
            }
            return true;
        } finally {
            setUp.countDown();
        }
    }

    /** What the real-time setup could and could not set. */
    public RealTimeReport realTimeReport() {
        return report;
    }

    /** The loop thread, e.g. to read its allocation counter. */
    public Thread thread() {
        return thread;
    }

    /** Waits until the loop stops by itself (its tick limit) or {@code timeoutMillis} pass; true if it stopped. */
    public boolean awaitFinish(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        return !thread.isAlive();
    }

    /** Stops the loop (the devices end in their safe state) and removes the shutdown hook. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            runner.close(CLOSE_RETRY_MILLIS, stuck -> loop.driveSafeStateFromOutside());
        }
    }
}
