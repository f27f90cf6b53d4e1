package org.neurorig.mop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.PlantMopController;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.nonideal.Effect;
import org.neurorig.plant.nonideal.NonIdealities;

/** The "On hardware" sweep: its plant conditions, and lifetimes that repeat and start from the ideal plant. */
class HardwareSweepTest {

    @Test
    void theConditionsAreTheIdealPlantRisingSeveritiesThenEachEffectAlone() {
        List<HardwareSweep.Condition> c = HardwareSweep.CONDITIONS;
        assertEquals(HardwareSweep.SEVERITIES.length + Effect.values().length, c.size());
        assertTrue(c.get(0).nonIdealities().isIdeal(), c.get(0).label());
        for (int i = 1; i < HardwareSweep.SEVERITIES.length; i++) {
            assertEquals(NonIdealities.severity(HardwareSweep.SEVERITIES[i]), c.get(i).nonIdealities(), c.get(i).label());
            assertFalse(c.get(i).nonIdealities().isIdeal(), c.get(i).label());
        }
        for (Effect e : Effect.values()) {
            HardwareSweep.Condition alone = c.get(HardwareSweep.SEVERITIES.length + e.ordinal());
            assertEquals(NonIdealities.only(e, 1), alone.nonIdealities(), alone.label());
            assertTrue(alone.label().startsWith(e.presetName()), alone.label());
        }
    }

    @Test
    void lifetimesRepeatWithTheSeedAndTheIdealOneIsThePlainPlants() throws Exception {
        MopSettings s = new CartPoleExperiment().defaults(1, Path.of("unused")).withTask(1, 3, 200, 2);
        MopTraining trained = CartPoleExperiment.training(s, 0, ControllerKind.MOP);
        for (int e = 0; e < 3; e++) {
            trained.runEpoch();
        }
        double[] a = HardwareSweep.lifetimes(trained, 3, 200, 42);
        double[] b = HardwareSweep.lifetimes(trained, 3, 200, 42);
        assertArrayEquals(a, b, 0, "same seed, same lifetimes");
        for (double l : a) {
            assertTrue(l >= 0 && l <= 200, "lifetime " + l + " outside 0..T");
        }
        // the ideal condition is the plain CartPolePlant, with the episodes' policy seeds drawn as the sweep does
        SplittableRandom seeds = new SplittableRandom(42);
        PlantMopController controller = new PlantMopController(trained.agent());
        double total = 0;
        for (int k = 0; k < 3; k++) {
            seeds.nextLong(); // the plant's seed (no noise or jitter on the ideal plant)
            CartPolePlant plant = new CartPolePlant(CartPoleParameters.neuroMop(), CartPolePlant.ForceMode.CONTINUOUS);
            plant.configure();
            plant.activate();
            total += controller.runEpisode(plant, new double[4], 200, new SplittableRandom(seeds.nextLong()));
            plant.close();
        }
        assertEquals(total / 3, a[0], 0);
    }
}
