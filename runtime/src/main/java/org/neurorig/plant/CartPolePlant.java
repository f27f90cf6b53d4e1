package org.neurorig.plant;

import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * The ideal cart-pole as a {@link Plant} in this process: four sensors (x, x_dot, theta, theta_dot, the
 * true state), one actuator (the force command). Each accepted write advances the physics by one dt.
 *
 * <p>Two ways to read the command: {@link ForceMode#BANG_BANG} is Gymnasium's discrete action (a
 * positive command pushes with +forceMag, anything else with -forceMag, so Gymnasium's actions 1 and 0
 * map as they do there), {@link ForceMode#CONTINUOUS} applies the command in newtons, limited to
 * +-forceMag, as a motor does.
 */
public final class CartPolePlant implements Plant {

    /** How the one actuator value becomes a force. */
    public enum ForceMode {
        BANG_BANG, CONTINUOUS
    }

    private final CartPole cartPole;
    private final ForceMode mode;
    private final TickJitter jitter;
    private final String name;
    private boolean active;

    /** The ideal cart-pole: no friction, every step exactly dt. */
    public CartPolePlant(CartPoleParameters parameters, ForceMode mode) {
        this(parameters, mode, Friction.NONE, null);
    }

    /**
     * A cart-pole with friction and tick jitter inside its physics step.
     *
     * @param jitter the tick timing jitter, or null for steps of exactly dt
     */
    public CartPolePlant(CartPoleParameters parameters, ForceMode mode, Friction friction, TickJitter jitter) {
        this.cartPole = new CartPole(parameters, friction);
        this.mode = mode;
        this.jitter = jitter;
        this.name = mode == ForceMode.BANG_BANG ? "cartpole" : "cartpole-continuous";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sensorCount() {
        return CartPole.STATE_SIZE;
    }

    @Override
    public int actuatorCount() {
        return 1;
    }

    @Override
    public int stateSize() {
        return CartPole.STATE_SIZE;
    }

    @Override
    public double dt() {
        return cartPole.parameters().dt();
    }

    @Override
    public void configure() {
        // nothing to open
    }

    @Override
    public void activate() {
        active = true;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        cartPole.state(sensors);
        return DeviceStatus.OK;
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        if (!active) {
            return DeviceStatus.INACTIVE;
        }
        if (jitter == null) {
            cartPole.step(force(commands[0]));
        } else {
            cartPole.step(force(commands[0]), jitter.nextStep(dt()));
        }
        return DeviceStatus.OK;
    }

    /** The force (N) a command applies in this plant's mode. */
    public double force(double command) {
        double f = cartPole.parameters().forceMag();
        if (mode == ForceMode.BANG_BANG) {
            return command > 0 ? f : -f;
        }
        return Double.isNaN(command) ? 0 : Math.max(-f, Math.min(f, command));
    }

    @Override
    public DeviceStatus reset(double[] initialState) {
        cartPole.setState(initialState);
        if (jitter != null) {
            jitter.startEpisode();
        }
        return DeviceStatus.OK;
    }

    @Override
    public void trueState(double[] state) {
        cartPole.state(state);
    }

    @Override
    public boolean terminated() {
        return cartPole.terminated();
    }

    public CartPoleParameters parameters() {
        return cartPole.parameters();
    }

    /** Nothing moves between writes in a lockstep simulation, so the safe state is simply no more steps. */
    @Override
    public void safeState() {
        // the physics advances only on write; there is no held force to release
    }

    @Override
    public void deactivate() {
        active = false;
    }

    @Override
    public void close() {
        active = false;
    }
}
