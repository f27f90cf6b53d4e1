package org.neurorig.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.agrona.concurrent.NanoClock;
import org.neurorig.control.Controller;
import org.neurorig.device.Device;
import org.neurorig.episode.Episodes;
import org.neurorig.os.MonotonicClock;

/**
 * Builds a {@link ControlLoop} ({@link ControlLoop#builder()}); devices, a controller, limits for every
 * actuator and the period are required. Real-time settings belong to the thread that runs the loop:
 * {@link LoopThread#start}.
 */
public final class ControlLoopBuilder {

    final List<Device> devices = new ArrayList<>();
    Controller controller;
    ActuatorLimits[] limits;
    long periodNanos;
    long maxTicks;
    NanoClock clock;
    WatchdogConfig watchdog;
    Episodes episodes;
    int telemetryRingBytes;
    int activityUnits;
    int activityEvery = 1;
    boolean latency;
    long latencyFrom;
    long latencyUntil = Long.MAX_VALUE;

    ControlLoopBuilder() {
    }

    /** The devices, read and written in this order; their sensors and actuators are concatenated in it. */
    public ControlLoopBuilder devices(Device... values) {
        devices.addAll(List.of(values));
        return this;
    }

    public ControlLoopBuilder controller(Controller value) {
        controller = value;
        return this;
    }

    /** One {@link ActuatorLimits} per actuator, in the devices' order. */
    public ControlLoopBuilder limits(ActuatorLimits... values) {
        limits = values.clone();
        return this;
    }

    /** The period in nanoseconds (1 kHz: 1,000,000). */
    public ControlLoopBuilder periodNanos(long value) {
        periodNanos = value;
        return this;
    }

    /** Stops after this many ticks (0: until stopped). */
    public ControlLoopBuilder maxTicks(long value) {
        maxTicks = value;
        return this;
    }

    /** The clock deadlines are kept on; default CLOCK_MONOTONIC ({@link MonotonicClock}). Tests inject their own. */
    public ControlLoopBuilder clock(NanoClock value) {
        clock = value;
        return this;
    }

    public ControlLoopBuilder watchdog(WatchdogConfig value) {
        watchdog = value;
        return this;
    }

    public ControlLoopBuilder episodes(Episodes value) {
        episodes = value;
        return this;
    }

    /**
     * Turns telemetry on: a ring of {@code ringBytes}, and a snapshot of {@code activityUnits} units of
     * the controller's activity every {@code activityEvery} ticks.
     */
    public ControlLoopBuilder telemetry(int ringBytes, int activityUnitsPerSnapshot, int activityEveryTicks) {
        telemetryRingBytes = ringBytes;
        activityUnits = activityUnitsPerSnapshot;
        activityEvery = activityEveryTicks;
        return this;
    }

    /** Turns per-phase latency recording on. */
    public ControlLoopBuilder latency(boolean value) {
        latency = value;
        return this;
    }

    /**
     * Records latencies only for ticks {@code fromTick} (inclusive) to {@code untilTick} (exclusive), e.g.
     * to leave a warm-up out and measure an exact number of ticks.
     */
    public ControlLoopBuilder latencyWindow(long fromTick, long untilTick) {
        latencyFrom = fromTick;
        latencyUntil = untilTick;
        return this;
    }

    public ControlLoop build() {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a control loop needs at least one device");
        }
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(limits, "limits");
        if (periodNanos < 1_000) {
            throw new IllegalArgumentException("loop period " + periodNanos + " ns is out of range: expected at least 1 us");
        }
        if (maxTicks < 0 || activityUnits < 0 || activityEvery < 1 || telemetryRingBytes < 0) {
            throw new IllegalArgumentException("maxTicks, telemetry ring size and activity units must be >= 0, activityEvery >= 1");
        }
        int sensorTotal = 0;
        int commandTotal = 0;
        for (Device d : devices) {
            sensorTotal += d.sensorCount();
            commandTotal += d.actuatorCount();
        }
        if (controller.sensorCount() != sensorTotal || controller.commandCount() != commandTotal) {
            throw new IllegalArgumentException("the controller takes " + controller.sensorCount() + " sensors and gives "
                    + controller.commandCount() + " commands, but the devices have " + sensorTotal + " sensors and "
                    + commandTotal + " actuators");
        }
        if (limits.length != commandTotal) {
            throw new IllegalArgumentException(limits.length + " actuator limits given for " + commandTotal
                    + " actuators: every actuator needs its limits");
        }
        if (episodes != null && !devices.contains(episodes.plant())) {
            throw new IllegalArgumentException("the episodes' plant " + episodes.plant().name() + " is not one of the loop's devices");
        }
        return new ControlLoop(this);
    }
}
