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
 *     rule.beforeStep()             // injects the perturbation into the units' input currents
 *     network.step()
 *     rule.afterStep()              // perturbs the readout, stages this tick's eligibility
 *     read network.readout() -&gt; command -&gt; device
 *     rule.reward(r)                // when a reward arrives: online rules update the weights now,
 *                                   // episodic rules add r to the episode's return
 *   rule.endEpisode()               // episodic rules update with the return; WP restores the weights
 * </pre>
 * {@code afterStep()} must come before the readout is used: node perturbation adds its readout noise
 * there, and that noise is part of the action the reward judges.
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

    /** Before {@code network.step()}: injects this tick's perturbation into the units' currents. */
    void beforeStep();

    /** Right after {@code network.step()}: perturbs the readout and stages this tick's eligibility. */
    void afterStep();

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
     * an online rule that updates every K ticks ({@link Timing#updateEvery()}) holds up to K ticks'
     * updates (2K when the passes are spread, {@link Timing#spread()}). Call it on the tick's thread before
     * reading, copying or saving the weights
     * ({@link Checkpoint#save(java.nio.file.Path, org.neurorig.network.RateNetwork, ThreeFactorRule)} does).
     * Switching learning off does it too, and so do {@link #endEpisode()} and {@link #beginEpisode(int)}
     * unless the passes are spread (then the updates go on being applied, a share per tick, across the
     * episode boundary). Allocation-free.
     */
    default void applyPendingUpdates() {
        // rules that update the weights at once hold nothing back
    }
}
