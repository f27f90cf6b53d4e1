package org.neurorig.control;

/**
 * A controller that passes every call to another one: the base of controllers that watch or record
 * around a controller (an {@link EpisodeRecorder}, a meter) and override only the calls they watch.
 */
public abstract class ForwardingController implements Controller {

    /** The controller every call goes to. */
    protected final Controller controller;

    protected ForwardingController(Controller controller) {
        this.controller = controller;
    }

    /** The controller this one passes its calls to. */
    public Controller controller() {
        return controller;
    }

    @Override
    public int sensorCount() {
        return controller.sensorCount();
    }

    @Override
    public int commandCount() {
        return controller.commandCount();
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        controller.update(tick, sensors, commands);
    }

    @Override
    public void endEpisode(Tick tick) {
        controller.endEpisode(tick);
    }

    @Override
    public int probeCount() {
        return controller.probeCount();
    }

    @Override
    public void probes(double[] values) {
        controller.probes(values);
    }

    @Override
    public float[] activity() {
        return controller.activity();
    }
}
