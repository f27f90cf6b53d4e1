package org.neurorig.rig;

import org.neurorig.loop.Controller;
import org.neurorig.loop.Tick;

/**
 * A controller around another: every call passes through to {@link #inner} unless a subclass
 * overrides it (the rig stacks channel scaling and the episode history around the network).
 */
abstract class ControllerDecorator implements Controller {

    protected final Controller inner;

    ControllerDecorator(Controller inner) {
        this.inner = inner;
    }

    @Override
    public int sensorCount() {
        return inner.sensorCount();
    }

    @Override
    public int commandCount() {
        return inner.commandCount();
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        inner.update(tick, sensors, commands);
    }

    @Override
    public void endEpisode(Tick tick) {
        inner.endEpisode(tick);
    }

    @Override
    public int probeCount() {
        return inner.probeCount();
    }

    @Override
    public void probes(double[] values) {
        inner.probes(values);
    }

    @Override
    public float[] activity() {
        return inner.activity();
    }
}
