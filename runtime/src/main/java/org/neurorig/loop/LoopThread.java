package org.neurorig.loop;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.concurrent.AgentRunner;
import org.neurorig.os.MonotonicClock;
import org.neurorig.os.RealTimeReport;

/**
 * Runs a {@link ControlLoop} on a dedicated thread ("neurorig-loop") with an Agrona {@link AgentRunner}
 * and a {@link DeadlineIdleStrategy}, and makes sure the devices end in their safe state however the
 * process ends:
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

    private static final int CLOSE_RETRY_MILLIS = 1_000;

    private final ControlLoop loop;
    private final AgentRunner runner;
    private final Thread hook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final RealTimeReport report;

    private LoopThread(ControlLoop loop, WaitMode mode, long spinNanos, PrintStream errors) throws InterruptedException {
        if (!(loop.clock() instanceof MonotonicClock)) {
            throw new IllegalArgumentException("a loop on its own thread keeps deadlines on CLOCK_MONOTONIC; this one was "
                    + "built with an injected clock (" + loop.clock().getClass().getSimpleName() + "): drive it with an AgentInvoker");
        }
        this.loop = loop;
        DeadlineIdleStrategy idle = new DeadlineIdleStrategy(loop, (MonotonicClock) loop.clock(), mode, spinNanos);
        this.runner = new AgentRunner(idle, t -> {
            if (!(t instanceof org.agrona.concurrent.AgentTerminationException)) {
                errors.println("neurorig loop: " + t);
            }
        }, null, loop);
        this.hook = new Thread(this::stopFromHook, "neurorig-safe-state-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        AgentRunner.startOnThread(runner, r -> {
            Thread t = new Thread(r, "neurorig-loop");
            t.setDaemon(false);
            return t;
        });
        RealTimeReport started;
        try {
            started = loop.awaitStart(10_000);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        this.report = started;
    }

    /**
     * Starts {@code loop} on its own thread and waits until its real-time settings are applied; throws
     * {@link IllegalStateException} with one line when a required setting was refused (the loop is then
     * stopped and its devices are in their safe state).
     *
     * @param spinNanos for {@link WaitMode#SPIN_THEN_SLEEP}, how long before each deadline to spin
     * @param errors    where unexpected errors of the loop thread are printed (not expected faults)
     */
    public static LoopThread start(ControlLoop loop, WaitMode mode, long spinNanos, PrintStream errors)
            throws InterruptedException {
        return new LoopThread(loop, mode, spinNanos, errors);
    }

    /** What the real-time setup could and could not set. */
    public RealTimeReport realTimeReport() {
        return report;
    }

    /** The loop thread, e.g. to read its allocation counter. */
    public Thread thread() {
        return runner.thread();
    }

    /** Waits until the loop stops by itself (its tick limit) or {@code timeoutMillis} pass; true if it stopped. */
    public boolean awaitFinish(long timeoutMillis) throws InterruptedException {
        Thread t = runner.thread();
        if (t == null || t == AgentRunner.TOMBSTONE) {
            return true;
        }
        t.join(timeoutMillis);
        return !t.isAlive();
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
            runner.close(CLOSE_RETRY_MILLIS, thread -> loop.driveSafeStateFromOutside());
        }
    }

    private void stopFromHook() {
        stop();
    }
}
