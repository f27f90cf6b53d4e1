package org.neurorig.plant.nonideal;

import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * An actuator effect with memory (a delay line, a held command). The memory is cleared at every episode
 * start, activation, deactivation and safe state, so a command from before is never applied after.
 */
abstract class ActuatorMemory extends PlantDecorator {

    ActuatorMemory(Plant inner) {
        super(inner);
    }

    /** Forgets every command written so far: the actuator is at rest. */
    abstract void clear();

    @Override
    public final DeviceStatus reset(double[] initialState) {
        clear();
        return inner.reset(initialState);
    }

    @Override
    public final void activate() {
        clear();
        inner.activate();
    }

    @Override
    public final void safeState() {
        clear();
        inner.safeState();
    }

    @Override
    public final void deactivate() {
        clear();
        inner.deactivate();
    }
}
