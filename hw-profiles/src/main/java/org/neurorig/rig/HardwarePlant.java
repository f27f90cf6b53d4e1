package org.neurorig.rig;

import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A real rig as the loop's episodic plant. It cannot be put into a state, so {@link #reset} does not
 * touch the hardware (on the reference firmware's rig image a RESET would recalibrate the encoders
 * wherever the cart and pole happen to be): the loop's start gate waits for someone to set the pole
 * back up instead. The true state is what the sensors say; the episode ends by the task's terminal
 * conditions, or the device's own rule when it has one (the firmware's limit switches).
 */
final class HardwarePlant implements Plant {

    private final Device device;
    private final Plant deviceAsPlant;
    private final double dt;
    private final double[] lastSensors;

    HardwarePlant(Device device, double dtSeconds) {
        this.device = device;
        this.deviceAsPlant = device instanceof Plant p ? p : null;
        this.dt = dtSeconds;
        this.lastSensors = new double[device.sensorCount()];
    }

    Device device() {
        return device;
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public int sensorCount() {
        return device.sensorCount();
    }

    @Override
    public int actuatorCount() {
        return device.actuatorCount();
    }

    @Override
    public int stateSize() {
        return device.sensorCount();
    }

    @Override
    public double dt() {
        return dt;
    }

    @Override
    public void configure() throws DeviceException {
        device.configure();
    }

    @Override
    public void activate() {
        device.activate();
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        DeviceStatus status = device.read(nowNanos, sensors);
        System.arraycopy(sensors, 0, lastSensors, 0, lastSensors.length);
        return status;
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        return device.write(nowNanos, commands);
    }

    /** Starts an episode where the rig is; the loop's start gate decides when it begins. */
    @Override
    public DeviceStatus reset(double[] initialState) {
        return DeviceStatus.OK;
    }

    @Override
    public void trueState(double[] state) {
        System.arraycopy(lastSensors, 0, state, 0, lastSensors.length);
    }

    @Override
    public boolean terminated() {
        return deviceAsPlant != null && deviceAsPlant.terminated();
    }

    @Override
    public void safeState() {
        device.safeState();
    }

    @Override
    public void deactivate() {
        device.deactivate();
    }

    @Override
    public void close() {
        device.close();
    }
}
