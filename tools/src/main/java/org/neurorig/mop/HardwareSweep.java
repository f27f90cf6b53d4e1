package org.neurorig.mop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neurorig.device.DeviceException;
import org.neurorig.device.Plant;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.PlantMopController;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.plant.nonideal.Effect;
import org.neurorig.plant.nonideal.NonIdealCartPole;
import org.neurorig.plant.nonideal.NonIdealities;

/**
 * A trained cart-pole agent on hardware, here the simulated rig: the agent, whose successor oracle is the
 * nominal model, drives {@link NonIdealCartPole} plants through the {@code Plant} interface
 * ({@link PlantMopController}), and its terminal-state avoidance is measured as the plant departs from the
 * model: every non-ideality together at rising severity, then each one alone at full severity.
 */
final class HardwareSweep {

    /** One plant condition. */
    record Condition(String label, NonIdealities nonIdealities) {
    }

    /** Severities of the "everything together" part (0: the ideal plant, the model itself). */
    static final double[] SEVERITIES = {0, 0.25, 0.5, 0.75, 1};

    /** The conditions in report order: the severities, then each effect alone at severity 1. */
    static final List<Condition> CONDITIONS = conditions();

    private static List<Condition> conditions() {
        List<Condition> c = new ArrayList<>();
        for (double s : SEVERITIES) {
            c.add(new Condition(s == 0 ? "ideal plant (= model)" : String.format(Locale.ROOT, "all effects, severity %.2f", s),
                    NonIdealities.severity(s)));
        }
        for (Effect e : Effect.values()) {
            c.add(new Condition(e.presetName() + " alone (strong)", NonIdealities.only(e, 1)));
        }
        return List.copyOf(c);
    }

    private HardwareSweep() {
    }

    /**
     * Mean lifetime (ticks before the plant's first terminal state, capped at {@code steps}) of
     * {@code episodes} episodes from rest, per condition, in {@link #CONDITIONS}' order. Each episode has its
     * own plant seed (sensor noise, jitter) and policy seed, the same for every agent given the same seed.
     */
    static double[] lifetimes(MopTraining trained, int episodes, int steps, long seed) {
        PlantMopController controller = new PlantMopController(trained.agent());
        CartPoleParameters nominal = CartPoleParameters.neuroMop();
        double[] out = new double[CONDITIONS.size()];
        for (int c = 0; c < out.length; c++) {
            SplittableRandom seeds = new SplittableRandom(seed + 1_000_003L * c);
            double total = 0;
            for (int e = 0; e < episodes; e++) {
                Plant plant = NonIdealCartPole.create(nominal, ForceMode.CONTINUOUS, CONDITIONS.get(c).nonIdealities(),
                        seeds.nextLong());
                try {
                    plant.configure();
                } catch (DeviceException ex) {
                    throw new IllegalStateException("the simulated plant " + plant.name() + " refused its configuration: "
                            + ex.getMessage(), ex);
                }
                plant.activate();
                try {
                    total += controller.runEpisode(plant, new double[4], steps, new SplittableRandom(seeds.nextLong()));
                } finally {
                    plant.close();
                }
            }
            out[c] = total / episodes;
        }
        return out;
    }
}
