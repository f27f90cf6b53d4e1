package org.neurorig.device;

/**
 * Hardware, or a simulation of it, as the control loop sees it: sensor channels it reads and actuator
 * channels it writes, once per tick. The runtime knows nothing else of serial ports or GPIO.
 *
 * <p>Lifecycle (after ros2_control's hardware components):
 * <pre>
 *   configure()  outside the loop: open ports, handshake, allocate; may block, throws on failure
 *   activate()   commands are accepted from now on
 *   read/write   from the loop thread, once per tick
 *   deactivate() actuators to their safe state; commands refused (INACTIVE) until activated again
 *   close()      release everything; drives the safe state first if still active
 * </pre>
 *
 * <p>{@link #read} and {@link #write} are called by one thread, the loop's. They allocate nothing,
 * take no locks, do not block longer than the device's own I/O, and report expected faults (a stale
 * sample, a dropped link) as a {@link DeviceStatus} instead of throwing.
 */
public interface Device extends AutoCloseable {

    /** A short name for messages and telemetry, e.g. {@code "cartpole-gym"} or {@code "uno:/dev/ttyACM0"}. */
    String name();

    /** Number of sensor values {@link #read} fills. */
    int sensorCount();

    /** Number of actuator values {@link #write} takes. */
    int actuatorCount();

    /**
     * Prepares the device: opens links, checks versions, applies settings. Called once, outside the
     * loop. A failure names what was wrong and what to do (the port that does not exist, the firmware
     * version that does not match).
     */
    void configure() throws DeviceException;

    /** From now on commands are applied. */
    void activate();

    /**
     * Copies the newest sensor values into {@code sensors[0 .. sensorCount())}.
     *
     * @param nowNanos the loop's clock (CLOCK_MONOTONIC nanoseconds, or a test's injected clock)
     */
    DeviceStatus read(long nowNanos, double[] sensors);

    /** Applies {@code commands[0 .. actuatorCount())}, which the caller has already clamped to the rig's limits. */
    DeviceStatus write(long nowNanos, double[] commands);

    /**
     * Drives every actuator to its safe value (zero force, motor disabled) at once. Never throws; safe
     * to call in any lifecycle state and more than once. The watchdog and shutdown call it.
     */
    void safeState();

    /** Drives the safe state and stops accepting commands. */
    void deactivate();

    /** Releases the device; drives the safe state first when it is still active. Never throws. */
    @Override
    void close();
}
