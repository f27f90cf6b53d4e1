package org.neurorig.replay;

import java.util.Arrays;
import java.util.Locale;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.plant.nonideal.NonIdealities;

/** The plants a log can be replayed on, by the name the command line takes. */
public enum ReplayPlant {
    CARTPOLE_GYM("cartpole-gym", ForceMode.BANG_BANG,
            "Gymnasium's CartPole-v1: action 1 pushes right with 10 N, action 0 left"),
    CARTPOLE_CONTINUOUS("cartpole-continuous", ForceMode.CONTINUOUS,
            "CartPole-v1's physics with a continuous force: the action is the force in N, at most 10 either way");

    private final String cliName;
    private final ForceMode mode;
    private final String description;

    ReplayPlant(String cliName, ForceMode mode, String description) {
        this.cliName = cliName;
        this.mode = mode;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    public CartPoleParameters parameters() {
        return CartPoleParameters.gym();
    }

    /** The plant with these non-idealities (the ideal plant itself when none is on). */
    public Plant create(NonIdealities nonIdealities, long seed) {
        return NonIdealCartPole.create(parameters(), mode, nonIdealities, seed);
    }

    /** Why {@code action} cannot be applied on this plant, or null when it can. */
    String refuse(double action) {
        if (mode == ForceMode.BANG_BANG) {
            return action == 0 || action == 1 ? null
                    : "action " + number(action) + " is not a CartPole-v1 action: expected 0 (push left) or 1 (push right)";
        }
        double limit = parameters().forceMag();
        return Math.abs(action) <= limit ? null
                : "action " + number(action) + " N is beyond the plant's force limit of " + number(limit) + " N either way";
    }

    /** The action as written back: 0 or 1 for the discrete plant, the force for the continuous one. */
    String format(double action) {
        return mode == ForceMode.BANG_BANG ? Integer.toString((int) action) : Double.toString(action);
    }

    /** The plant named {@code name}, or an error that lists the names. */
    public static ReplayPlant named(String name) {
        for (ReplayPlant p : values()) {
            if (p.cliName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--plant: no plant named '" + name + "': expected one of "
                + String.join(", ", Arrays.stream(values()).map(ReplayPlant::cliName).toList()));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
