package org.neurorig.learning;

/**
 * A learning rule of the form {@code Delta w = eta M(t) e(t)}: an eligibility e built at each synapse
 * from presynaptic activity and a postsynaptic fluctuation, times a third factor M, the reward minus
 * its running prediction. Node perturbation, Miconi's variant of it, weight perturbation and REINFORCE
 * all have this shape and this per-tick API.
 *
 * <p>The control loop calls, on its one thread:
 * <pre>
 *   rule.beginEpisode(context)      // clears eligibility; WP perturbs the weights for this trial
 *   each tick:
 *     write sensors into network.input()
 *     rule.beforeStep()             // draws this tick's noise on the units' currents, into its own array
 *     network.step(rule.unitNoise())
 *     rule.afterStep()              // draws the readout's noise, stages this tick's eligibility
 *     rule.action(network.readout()) -&gt; command -&gt; device
 *     rule.reward(r)                // when a reward arrives: online rules update the weights now,
 *                                   // episodic rules add r to the episode's return
 *   rule.endEpisode()               // episodic rules update with the return; WP restores the weights
 * </pre>
 * The rule's noise and actions are its own arrays: the network reads the noise as an input of its step
 * and never holds it, and the rule never writes into the network's currents or readout. The one thing
 * of the network a rule writes is its plastic weights ({@link PlasticLayer}).
 *
 * <p>No method allocates, locks, logs or throws once the rule is built ({@link #beginEpisode(int)}
 * refuses a context the baseline does not have, which is a programming error, not a fault).
 */
public interface ThreeFactorRule {

    /** A short name for tables and telemetry, e.g. {@code "node-perturbation"}. */
    String name();

    /** Starts an episode (trial) of the given context (trial type, for the per-context baseline). */
    void beginEpisode(int context);

    /** Starts an episode of context 0. */
    default void beginEpisode() {
        beginEpisode(0);
    }

    /** Before the step: draws this tick's perturbation of the units' currents ({@link #unitNoise()}). */
    void beforeStep();

    /** Right after the step: draws any perturbation of the outputs ({@link #action}) and stages this tick's eligibility. */
    void afterStep();

    /**
     * This tick's noise on the units' input currents, for the step to add
     * ({@link org.neurorig.network.RateNetwork#step(float[])}): the rule's own array, length N, valid
     * from {@link #beforeStep()} to the next one; null when the rule injects none this tick.
     */
    default float[] unitNoise() {
        return null;
    }

    /**
     * After {@link #afterStep()}: what the commands are made of for an output the rule explores on
     * ({@code output} is the clean one, e.g. the network's readout): the rule's own array holding this
     * tick's perturbed output (node perturbation's noise added) or sampled action (REINFORCE's -1 or +1),
     * or {@code output} itself when the rule does not touch it.
     */
    default float[] action(float[] output) {
        return output;
    }

    /** A reward arrived (every tick, or at the end of a trial). */
    void reward(float r);

    /** Ends the episode: episodic rules apply their update; perturbations are removed. */
    void endEpisode();

    /**
     * Ends the episode without learning from it: the watchdog aborted it, so its return says nothing
     * about the weights. Episodic rules drop the return, weight perturbation restores the unperturbed
     * weights and starts its next antithetic pair afresh; updates an online rule already made stay.
     */
    void abandonEpisode();

    /** The current reward prediction of this episode's context (0 before the first reward, and for rules without a baseline), for telemetry. */
    float rewardPrediction();

    /** The learning rate, noise level and on/off switch, settable from any thread. */
    LearningControls controls();

    /**
     * Applies every weight update the rule has recorded but not yet made, so the weights are current:
     * an online rule that updates every K ticks holds some back ({@link Timing#updateEvery()}). Call it
     * on the tick's thread before reading, copying or saving the weights
     * ({@link Checkpoint#save(java.nio.file.Path, org.neurorig.network.RateNetwork, ThreeFactorRule)} does).
     * Allocation-free.
     *
     * @see EligibilityTrace
     */
    default void applyPendingUpdates() {
        // rules that update the weights at once hold nothing back
    }
}
