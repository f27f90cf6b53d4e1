package org.neurorig.compare;

/**
 * What one learner did with one seed on one hardware.
 *
 * @param learner   who learned
 * @param condition the hardware
 * @param seed      the seed (reservoir, starts, noise)
 * @param lengths   each training episode's length on the hardware (empty for S, which trains on a model)
 * @param criterion training episodes before the controller, with learning off, first balanced every
 *                  check start for the whole episode (0: it did before training; -1: not within the budget)
 * @param firstFull the number of the first training episode that lasted the whole episode (-1: none)
 * @param kept      the training episode after which the controller judged was taken (the best on the
 *                  check starts; 0: the initial one; for S, its last Adam step)
 * @param progress  the controller it would deploy, with learning off on the check starts of the hardware,
 *                  against what it had used so far
 * @param model     the judged controller with learning off on the nominal model (the ideal cart-pole)
 * @param hardware  the judged controller with learning off on the hardware
 * @param seconds   wall time of this run
 */
record LearnerRun(Learner learner, Condition condition, int seed, int[] lengths, int criterion, int firstFull, int kept,
        Progress progress, GreedyTest.Score model, GreedyTest.Score hardware, double seconds) {

    /**
     * A learner's progress as it used its resource: for in-loop learners hardware episodes, for S model
     * rollouts (each of at most {@code s.horizon} ticks).
     *
     * @param used  the resource used at each point
     * @param steps the mean episode length on the hardware's check starts, learning off, at each point
     */
    record Progress(double[] used, double[] steps) {
    }

    boolean reached() {
        return criterion >= 0;
    }
}
