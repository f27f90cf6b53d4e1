package org.neurorig.control;

import org.neurorig.learning.LearningControls;
import org.neurorig.learning.ThreeFactorRule;
import org.neurorig.network.RateNetwork;

/**
 * A {@link NetworkController} that learns online with a {@link ThreeFactorRule} while it controls: the
 * rule perturbs the step, the loop's rewards are its third factor, and episodes are its trials.
 *
 * <p>Per tick, in the order the rule requires: the reward for the previous command goes to the rule
 * (online rules update here), the scaled sensors become the inputs, {@code beforeStep}, the step with
 * the rule's noise, {@code afterStep}, and the rule's action (the readout as the rule perturbed or
 * sampled it: what the reward judges) becomes the commands. At an episode's end the final reward goes
 * in and the rule ends its trial; an episode the watchdog aborted is abandoned instead, so it teaches
 * nothing. The network restarts from rest each episode, as the plant does. Nothing here allocates.
 *
 * <p>Why tick k's reward reaches the rule in tick k+1, before the step: the reward for tick k's
 * command is a function of the state that command led to, and that state is the sensors read at tick
 * k+1, so it cannot exist earlier. It must reach the rule before {@code afterStep} stages tick k+1's
 * eligibility term, so that an online update credits tick k's perturbation and not the next one.
 *
 * <p>{@link #controls()} is the handle other threads use to change the learning rate, the noise level
 * or switch learning off while the loop runs.
 */
public final class LearningController implements Controller {

    /** Telemetry probes: the reward baseline, the learning rate, the noise level, learning on (1) or off (0). */
    public static final int PROBES = 4;

    private final NetworkController policy;
    private final RateNetwork network;
    private final ThreeFactorRule rule;
    private boolean inEpisode;

    /**
     * @param network the controller network; inputs = the loop's sensors, outputs = its commands
     * @param rule    a rule built on {@code network}'s weights
     * @param scaling between the loop's units and the network's
     */
    public LearningController(RateNetwork network, ThreeFactorRule rule, ChannelScaling scaling) {
        this.policy = new NetworkController(network, scaling);
        this.network = network;
        this.rule = rule;
    }

    public RateNetwork network() {
        return network;
    }

    public ThreeFactorRule rule() {
        return rule;
    }

    /** The learning rate, noise and on/off switch; safe to use from any thread. */
    public LearningControls controls() {
        return rule.controls();
    }

    @Override
    public int sensorCount() {
        return policy.sensorCount();
    }

    @Override
    public int commandCount() {
        return policy.commandCount();
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        if (!inEpisode || tick.firstOfEpisode()) {
            if (inEpisode) {
                rule.endEpisode(); // an episode the loop started anew without ending it (a fresh loop on a used controller)
            }
            rule.beginEpisode();
            inEpisode = true;
        } else {
            rule.reward((float) tick.reward());
        }
        policy.sense(sensors);
        rule.beforeStep();
        network.step(rule.unitNoise());
        rule.afterStep();
        policy.act(rule.action(network.readout()), commands);
    }

    @Override
    public void endEpisode(Tick tick) {
        if (inEpisode) {
            if (tick.aborted()) {
                rule.abandonEpisode();
            } else {
                rule.reward((float) tick.reward());
                rule.endEpisode();
            }
            inEpisode = false;
        }
        policy.endEpisode(tick);
    }

    @Override
    public int probeCount() {
        return PROBES;
    }

    @Override
    public void probes(double[] values) {
        LearningControls c = rule.controls();
        values[0] = rule.rewardPrediction();
        values[1] = c.learningRate();
        values[2] = c.noise();
        values[3] = c.enabled() ? 1 : 0;
    }

    @Override
    public float[] activity() {
        return policy.activity();
    }
}
