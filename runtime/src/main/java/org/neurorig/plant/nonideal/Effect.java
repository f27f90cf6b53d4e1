package org.neurorig.plant.nonideal;

import java.util.Locale;

/** The hardware non-idealities a simulated rig can have, each one a preset of its own. */
public enum Effect {
    DELAY("transport delay between the controller and the motor (link latency, driver filters)"),
    HOLD("an actuator updated more slowly than the loop runs (zero-order hold)"),
    PWM("a PWM duty cycle of limited resolution"),
    DEADBAND("a motor that does not move below a threshold command (gearbox and brush friction, H-bridge dead time)"),
    SATURATION("a motor that cannot reach the full-scale force (supply, current limit)"),
    GAIN("a motor stronger or weaker than modelled (torque constant, gearing, supply voltage)"),
    FRICTION("friction of the cart on its track and of the pole in its bearing"),
    NOISE("sensor noise (electrical, vibration)"),
    ENCODER("encoders of finite resolution, velocities estimated from counts"),
    MISMATCH("a rig whose masses and pole length differ from the model's"),
    JITTER("tick timing jitter: each tick wakes a little late, so steps vary in length"),
    OFFSET("a pole-angle sensor whose zero is off (a misaligned encoder or magnet)"),
    BIAS("a constant force on the cart the model does not know (a tilted track, an H-bridge offset)");

    private final String models;

    Effect(String models) {
        this.models = models;
    }

    /** The preset name, e.g. {@code friction}. */
    public String presetName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the effect stands for on a real rig. */
    public String models() {
        return models;
    }
}
