package org.neurorig.rig;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.CachedNanoClock;
import org.neurorig.loop.ControlLoopBuilder;
import org.neurorig.loop.ControlLoop;
import org.neurorig.learning.PeriodicCheckpoint;
import org.neurorig.telemetry.TelemetryWriter;

/**
 * Invoker mode: the loop stepped on the caller's thread, one tick per {@link #step()}, on an injected
 * clock that each step moves on by one period. Nothing sleeps: a simulated rig runs as fast as it
 * computes, and a test decides when every tick happens. The device's I/O side (a Raspberry Pi's agent)
 * is serviced around each tick and the telemetry writer drained after it, on the same thread; so are
 * the periodic checkpoints saved.
 */
final class InvokerRunner implements RigRunner {

    private final CachedNanoClock clock = new CachedNanoClock();
    private final Consumer<String> warnings;
    private ControlLoop loop;
    private DeviceSetup setup;
    private TelemetryWriter telemetry;
    private PeriodicCheckpoint checkpoints;
    private AgentInvoker invoker;

    InvokerRunner(Consumer<String> warnings) {
        this.warnings = warnings;
        clock.update(TimeUnit.SECONDS.toNanos(1));
    }

    @Override
    public void configure(ControlLoopBuilder b) {
        b.latency(false);
        b.clock(clock);
    }

    /** Starts the loop (its {@code onStart}, on this thread); the devices are active. */
    void start(ControlLoop loop, DeviceSetup setup, TelemetryWriter telemetry, PeriodicCheckpoint checkpoints) {
        this.loop = loop;
        this.setup = setup;
        this.telemetry = telemetry;
        this.checkpoints = checkpoints;
        if (checkpoints != null) {
            checkpoints.onStart();
        }
        invoker = new AgentInvoker(t -> warnings.accept("loop: " + t), null, loop);
        invoker.start();
    }

    /** Runs one tick on this thread, then moves the clock on by one period. */
    void step() {
        long now = clock.nanoTime();
        setup.serviceIo(now); // the I/O side samples the sensors ...
        invoker.invoke();
        setup.serviceIo(now); // ... and applies the new command
        clock.advance(loop.periodNanos());
        if (telemetry != null) {
            telemetry.doWork();
        }
        if (checkpoints != null) {
            checkpoints.doWork(); // a save blocks this thread, between ticks: invoker mode keeps no deadlines
        }
    }

    @Override
    public void stop() {
        invoker.close();
    }
}
