package org.neurorig.plant.nonideal;

import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * A {@link Plant} that forwards everything to the plant it wraps; a non-ideality overrides the calls it
 * changes. Decorators stack: each sees the one inside as the plant, so effects compose in the order they
 * are wrapped. The true state and the termination rule always come from the innermost plant.
 */
public abstract class PlantDecorator implements Plant {

    protected final Plant inner;

    protected PlantDecorator(Plant inner) {
        this.inner = inner;
    }

    /** The plant this one wraps. */
    public Plant inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int sensorCount() {
        return inner.sensorCount();
    }

    @Override
    public int actuatorCount() {
        return inner.actuatorCount();
    }

    @Override
    public int stateSize() {
        return inner.stateSize();
    }

    @Override
    public double dt() {
        return inner.dt();
    }

    @Override
    public void configure() throws DeviceException {
        inner.configure();
    }

    @Override
    public void activate() {
        inner.activate();
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        return inner.read(nowNanos, sensors);
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        return inner.write(nowNanos, commands);
    }

    /** Starts an episode; a decorator with memory (a delay line, a held command) clears it first. */
    @Override
    public DeviceStatus reset(double[] initialState) {
        return inner.reset(initialState);
    }

    @Override
    public void trueState(double[] state) {
        inner.trueState(state);
    }

    @Override
    public boolean terminated() {
        return inner.terminated();
    }

    @Override
    public void safeState() {
        inner.safeState();
    }

    @Override
    public void deactivate() {
        inner.deactivate();
    }

    @Override
    public void close() {
        inner.close();
    }
}
