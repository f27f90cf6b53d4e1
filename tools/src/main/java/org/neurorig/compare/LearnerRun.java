package org.neurorig.compare;

/**
 * What one learner did with one seed on one hardware.
 *
 * @param learner   who learned
 * @param condition the hardware
 * @param seed      the seed (reservoir, starts, noise)
 * @param lengths   each training episode's length on the hardware (empty for S, which trains on the model)
 * @param criterion training episodes before the controller, with learning off, first balanced every
 *                  check start for the whole episode (0: it did before training; -1: not within the budget)
 * @param firstFull the number of the first training episode that lasted the whole episode (-1: none)
 * @param model     the final controller with learning off on the nominal model (the ideal cart-pole)
 * @param hardware  the final controller with learning off on the hardware
 * @param seconds   wall time of this run
 */
record LearnerRun(Learner learner, Condition condition, int seed, int[] lengths, int criterion, int firstFull,
        GreedyTest.Score model, GreedyTest.Score hardware, double seconds) {

    boolean reached() {
        return criterion >= 0;
    }
}
