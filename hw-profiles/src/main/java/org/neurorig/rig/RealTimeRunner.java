package org.neurorig.rig;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.neurorig.loop.ControlLoopBuilder;
import org.neurorig.loop.ControlLoop;
import org.neurorig.loop.LoopThread;
import org.neurorig.loop.WaitMode;
import org.neurorig.os.RealTimeReport;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.learning.PeriodicCheckpoint;
import org.neurorig.telemetry.TelemetryWriter;

/**
 * Real-time mode: the loop on a thread of its own ({@link LoopThread}) with the profile's real-time
 * settings, deadlines on CLOCK_MONOTONIC and latency recorded, the periodic checkpoints on a thread of
 * their own, and the telemetry writer on another
 * thread. A setting the OS refuses is a warning: the loop runs without it.
 */
final class RealTimeRunner implements RigRunner {

    private static final long SPIN_NANOS = 50_000;
    private static final long CHECKPOINT_POLL_MS = 10;

    private final Consumer<String> warnings;
    private final RealTimeSettings realTime;
    private final WaitMode waitMode;
    private LoopThread loopThread;
    private AgentRunner telemetryRunner;
    private AgentRunner checkpointRunner;

    /**
     * @param realTime the profile's real-time settings as this machine can take them
     * @param waitMode how the loop thread waits for its deadlines
     */
    RealTimeRunner(RealTimeSettings realTime, WaitMode waitMode, Consumer<String> warnings) {
        this.realTime = realTime;
        this.waitMode = waitMode;
        this.warnings = warnings;
    }

    @Override
    public void configure(ControlLoopBuilder b) {
        b.latency(true);
    }

    private void reportRealTime(RealTimeReport report) {
        for (RealTimeReport.Item item : report.items()) {
            if (!item.applied()) {
                warnings.accept(item.setting() + " was refused: " + item.detail() + "; the loop runs without it (" + item.cost() + ")");
            }
        }
    }

    /**
     * Starts the telemetry writer's thread, then the loop's ("neurorig-loop"); the devices are active.
     *
     * @throws RigException when the loop thread did not start; the loop has then driven the safe state
     *                      and the telemetry thread has stopped
     */
    void start(ControlLoop loop, TelemetryWriter telemetry, PeriodicCheckpoint checkpoints) throws RigException {
        if (telemetry != null) {
            telemetryRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), t -> warnings.accept("telemetry: " + t), null,
                    telemetry);
            AgentRunner.startOnThread(telemetryRunner);
        }
        if (checkpoints != null) {
            // its own thread: a save's fsync can take long enough to back the telemetry ring up
            checkpointRunner = new AgentRunner(new SleepingMillisIdleStrategy(CHECKPOINT_POLL_MS),
                    t -> warnings.accept("checkpoint: " + t), null, checkpoints);
            AgentRunner.startOnThread(checkpointRunner);
        }
        try {
            loopThread = LoopThread.start(loop, waitMode, SPIN_NANOS,
                    new LoopThread.RealTime(realTime, false, this::reportRealTime), warningStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAfterFailedStart(loop);
            throw new RigException("interrupted while the loop thread started", e);
        } catch (RuntimeException e) {
            stopAfterFailedStart(loop);
            throw new RigException("the loop thread did not start: " + e.getMessage(), e);
        }
    }

    private void stopAfterFailedStart(ControlLoop loop) {
        loop.onClose();
        stopTelemetry();
        stopCheckpoints();
    }

    @Override
    public void stop() {
        loopThread.close(); // the loop thread drives the safe state on its way out
        stopTelemetry();
        stopCheckpoints();
    }

    private void stopCheckpoints() {
        if (checkpointRunner != null) {
            checkpointRunner.close(); // a save under way finishes first
            checkpointRunner = null;
        }
    }

    private void stopTelemetry() {
        if (telemetryRunner != null) {
            telemetryRunner.close(); // the writer drains what is left and flushes
            telemetryRunner = null;
        }
    }

    /** The loop thread's unexpected errors, as warnings. */
    private PrintStream warningStream() {
        return new PrintStream(System.err, true) {
            @Override
            public void println(String line) {
                warnings.accept(line);
            }
        };
    }
}
