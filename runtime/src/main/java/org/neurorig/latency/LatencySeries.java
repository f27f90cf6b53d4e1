package org.neurorig.latency;

/** What {@link LoopLatency} records per tick; each has its own histogram and its own tag in the interval log. */
public enum LatencySeries {
    /** Deadline to the start of the tick, as measured (what cyclictest reports). */
    WAKE_UP("wake-up"),
    /**
     * The same with coordinated-omission correction: a tick late by more than a period also stands for
     * the wake-ups the loop skipped meanwhile, recorded as {@code latency - period},
     * {@code latency - 2 period}, ... while at least one period (HdrHistogram's
     * {@code recordValueWithExpectedInterval}).
     */
    WAKE_UP_CORRECTED("wake-up-corrected"),
    /** Reading every device. */
    READ("read"),
    /** The controller's update and the actuator limits. */
    UPDATE("update"),
    /** Writing every device. */
    WRITE("write"),
    /** Publishing the telemetry record. */
    PUBLISH("publish"),
    /** The whole tick's compute: start of the tick to the end of publishing. */
    TICK("tick");

    private final String tag;

    LatencySeries(String tag) {
        this.tag = tag;
    }

    /** The tag of this series in an HdrHistogram interval log. */
    public String tag() {
        return tag;
    }
}
