package org.neurorig.learning;

/**
 * The knobs of a learning rule that may be turned while the controller runs, from any thread: the
 * learning rate, the noise level and whether learning is on. Users train, deploy, and keep learning
 * on the rig; this is how they slow it down, quiet it or freeze it without stopping the loop.
 *
 * <p>Each field is a {@code volatile} primitive written by the caller's thread and read by the control
 * tick where it is used, once per tick: no lock, no allocation, no waiting on the tick's side. A change
 * takes effect at the next tick that reads it. Several fields set one after the other are not applied
 * as one atomic change; a tick may see the new learning rate with the old noise level, which is
 * harmless for these rules (each update is correct for whatever values it read).
 *
 * <p>What "noise" means depends on the rule: the standard deviation of the current injected into each
 * unit (node perturbation), of each weight's perturbation (weight perturbation), or the amplitude of
 * Miconi's sparse kicks. REINFORCE's Bernoulli units draw their own randomness and ignore it.
 */
public final class LearningControls {

    private volatile float learningRate;
    private volatile float noise;
    private volatile boolean enabled;

    /** Learning on, with the given rate and noise level. */
    public LearningControls(float learningRate, float noise) {
        setLearningRate(learningRate);
        setNoise(noise);
        this.enabled = true;
    }

    /** The step size eta of {@code Delta w = eta M e}. */
    public float learningRate() {
        return learningRate;
    }

    /** Sets eta; 0 stops weight changes but keeps perturbing (to measure, not learn). */
    public void setLearningRate(float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException("learning rate = " + value + " is out of range: expected a finite number >= 0");
        }
        learningRate = value;
    }

    /** The perturbation's size (see the class comment for what it means for each rule). */
    public float noise() {
        return noise;
    }

    /** Sets the perturbation's size; 0 stops perturbing, and with it learning, for perturbation rules. */
    public void setNoise(float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException("noise = " + value + " is out of range: expected a finite number >= 0");
        }
        noise = value;
    }

    /** Whether the rule perturbs and learns; off, the network runs clean on its current weights. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Turns learning on or off; off takes effect at the next tick, removes any perturbation in place and
     * applies the updates an online rule still holds back ({@link Timing#updateEvery()} &gt; 1).
     */
    public void setEnabled(boolean value) {
        enabled = value;
    }
}
