package org.neurorig.compare;

import java.util.SplittableRandom;
import org.neurorig.plant.CartPole;

/**
 * What one seed fixes for every learner and hardware: the reservoir, the check and test starts (the
 * same for all, so learners are compared on the same initial states), and the seeds of everything
 * random in each run, derived from names so that a run does not depend on what else ran.
 *
 * @param index       the seed's number (0, 1, ...)
 * @param baseSeed    the run's base seed
 * @param checkStarts the criterion's fixed starts
 * @param testStarts  the final measurement's fixed starts
 */
record SeedPlan(int index, long baseSeed, double[][] checkStarts, double[][] testStarts) {

    static SeedPlan of(int index, long baseSeed, TrainingSchedule schedule) {
        SplittableRandom random = new SplittableRandom(mix(baseSeed, index * 7919L + 17));
        return new SeedPlan(index, baseSeed, draw(random, schedule.checkStarts()), draw(random, schedule.testEpisodes()));
    }

    private static double[][] draw(SplittableRandom random, int count) {
        double[][] starts = new double[count][CartPole.STATE_SIZE];
        for (double[] s : starts) {
            CartPole.drawInitialState(ControllerDesign.PLANT, random, s);
        }
        return starts;
    }

    /** The reservoir's seed: every learner of this seed controls with the same reservoir. */
    long networkSeed() {
        return mix(baseSeed, 1_000_003L * (index + 1));
    }

    /** A seed for one purpose of one learner on one hardware. */
    long derive(Condition condition, Learner learner, String purpose) {
        long h = networkSeed();
        h = mix(h, condition.name().hashCode());
        h = mix(h, learner.ordinal());
        return mix(h, purpose.hashCode());
    }

    /** The seed of S's training rollouts. */
    long softwareSeed() {
        return mix(networkSeed(), 0x5eedL);
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
