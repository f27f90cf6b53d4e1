package org.neurorig.plant.nonideal;

import java.util.Arrays;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/** A plant whose sensors the test sets and which remembers every command it was given. */
final class RecordingPlant implements Plant {

    final double[] sensors;
    final double[] lastCommand;
    final double[] history;
    int writes;
    int resets;
    int safeStates;
    boolean active;

    RecordingPlant(int sensorCount, int actuatorCount, int historyLength) {
        this.sensors = new double[sensorCount];
        this.lastCommand = new double[actuatorCount];
        this.history = new double[historyLength];
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public int sensorCount() {
        return sensors.length;
    }

    @Override
    public int actuatorCount() {
        return lastCommand.length;
    }

    @Override
    public int stateSize() {
        return sensors.length;
    }

    @Override
    public double dt() {
        return 0.02;
    }

    @Override
    public void configure() {
    }

    @Override
    public void activate() {
        active = true;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] out) {
        System.arraycopy(sensors, 0, out, 0, sensors.length);
        return DeviceStatus.OK;
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        System.arraycopy(commands, 0, lastCommand, 0, lastCommand.length);
        if (writes < history.length) {
            history[writes] = commands[0];
        }
        writes++;
        return active ? DeviceStatus.OK : DeviceStatus.INACTIVE;
    }

    @Override
    public DeviceStatus reset(double[] initialState) {
        resets++;
        System.arraycopy(initialState, 0, sensors, 0, sensors.length);
        return DeviceStatus.OK;
    }

    @Override
    public void trueState(double[] state) {
        System.arraycopy(sensors, 0, state, 0, sensors.length);
    }

    @Override
    public boolean terminated() {
        return false;
    }

    @Override
    public void safeState() {
        safeStates++;
    }

    @Override
    public void deactivate() {
        active = false;
    }

    @Override
    public void close() {
        active = false;
    }

    double[] history(int n) {
        return Arrays.copyOf(history, n);
    }
}
