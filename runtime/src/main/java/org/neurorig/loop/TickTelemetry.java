package org.neurorig.loop;

import java.util.ArrayList;
import java.util.List;
import org.neurorig.control.Controller;
import org.neurorig.control.Tick;
import org.neurorig.device.Device;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryPublisher;
import org.neurorig.telemetry.TickRecord;

/**
 * One {@link TickRecord} per tick into the telemetry ring: the tick's times, episode and status, the
 * sensors, the commands as requested and as written, the controller's probes, and every
 * {@code activityEvery} ticks a snapshot of its activity. Owned by the loop thread; allocates nothing.
 */
final class TickTelemetry {

    private final TelemetryPublisher publisher;
    private final Controller controller;
    private final EpisodeDriver episode;
    private final SafetyLatch latch;
    private final DeviceIo io;
    private final double[] requested;
    private final CommandGuard guard;
    private final double[] probeValues;
    private final int activityUnits;
    private final int activityEvery;

    TickTelemetry(Device[] devices, Controller controller, long periodNanos, int ringBytes, int activityUnits,
            int activityEvery, EpisodeDriver episode, SafetyLatch latch, DeviceIo io, double[] requested, CommandGuard guard) {
        this.controller = controller;
        this.episode = episode;
        this.latch = latch;
        this.io = io;
        this.requested = requested;
        this.guard = guard;
        this.probeValues = new double[controller.probeCount()];
        this.activityUnits = Math.min(activityUnits, controller.activity().length);
        this.activityEvery = activityEvery;
        this.publisher = new TelemetryPublisher(new TelemetryLayout(names(devices, true), names(devices, false),
                controller.probeCount(), this.activityUnits, activityEvery, periodNanos), ringBytes);
    }

    /** "name.s0", ... for every device's sensors, or "name.c0", ... for its actuators, in the devices' order. */
    private static List<String> names(Device[] devices, boolean sensors) {
        List<String> names = new ArrayList<>();
        for (Device d : devices) {
            int n = sensors ? d.sensorCount() : d.actuatorCount();
            for (int i = 0; i < n; i++) {
                names.add(d.name() + (sensors ? ".s" : ".c") + i);
            }
        }
        return names;
    }

    TelemetryPublisher publisher() {
        return publisher;
    }

    /**
     * Publishes the current tick's record; {@code episodeTick} is that of the state the commands were
     * computed for (the driver may have advanced since). A full ring drops the record (counted by the
     * publisher): the loop never waits for the writer.
     */
    void publish(int flags, long readEnd, long updateEnd, long writeEnd, int episodeTick) {
        Tick tick = episode.tick();
        int activity = activityUnits > 0 && tick.index() % activityEvery == 0 ? activityUnits : 0;
        TickRecord r = publisher.claim(probeValues.length, activity);
        if (r == null) {
            return;
        }
        r.header(tick.index(), tick.deadlineNanos(), tick.wakeNanos(), readEnd, updateEnd, writeEnd, tick.episode(),
                episodeTick, episode.recordReward(), episode.recordReturn());
        r.status(flags, latch.reasonCode(), latch.deviceCode());
        r.sensors(io.sensors()).requested(requested).written(guard.commands());
        if (probeValues.length > 0) {
            controller.probes(probeValues);
            r.probes(probeValues);
        }
        if (activity > 0) {
            r.activitySnapshot(controller.activity());
        }
        publisher.commit();
    }
}
