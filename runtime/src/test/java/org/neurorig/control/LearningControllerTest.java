package org.neurorig.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.ThreeFactorRule;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

/** The order in which the controller drives a rule: the contract ThreeFactorRule states, kept per tick and per episode. */
class LearningControllerTest {

    /** Records the calls a rule receives (a test double for the order only; the real rules have their own tests). */
    private static final class RecordingRule implements ThreeFactorRule {
        final List<String> calls = new ArrayList<>();
        private final LearningControls controls = new LearningControls(0.1f, 0.2f);

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void beginEpisode(int context) {
            calls.add("begin");
        }

        @Override
        public void beforeStep() {
            calls.add("before");
        }

        @Override
        public void afterStep() {
            calls.add("after");
        }

        @Override
        public void reward(float r) {
            calls.add("reward " + r);
        }

        @Override
        public void endEpisode() {
            calls.add("end");
        }

        @Override
        public void abandonEpisode() {
            calls.add("abandon");
        }

        @Override
        public float rewardPrediction() {
            return 0.5f;
        }

        @Override
        public LearningControls controls() {
            return controls;
        }
    }

    private final RateNetwork network = new RateNetwork(NetworkConfig.of(8).withInputs(2).withOutputs(1));
    private final RecordingRule rule = new RecordingRule();
    private final LearningController controller = new LearningController(network, rule,
            ChannelScaling.gains(new double[] {1, 2}, new double[] {3}));
    /** A tick the test sets by hand: which tick of the episode, its reward, and how the episode ended. */
    private static final class HandTick implements Tick {
        int episodeTick;
        double reward;
        boolean terminal;
        boolean aborted;

        public long index() { return 0; }
        public long deadlineNanos() { return 0; }
        public long wakeNanos() { return 0; }
        public long periodNanos() { return 1; }
        public long episode() { return 0; }
        public int episodeTick() { return episodeTick; }
        public boolean firstOfEpisode() { return episodeTick == 0; }
        public double reward() { return reward; }
        public double episodeReturn() { return reward; }
        public boolean terminal() { return terminal; }
        public boolean truncated() { return false; }
        public boolean aborted() { return aborted; }

        void newEpisode() {
            episodeTick = 0;
            reward = 0;
            terminal = false;
            aborted = false;
        }
    }

    private final HandTick tick = new HandTick();
    private final double[] sensors = {0.1, -0.2};
    private final double[] commands = new double[1];

    private void tick(double reward) {
        tick.reward = reward;
        controller.update(tick, sensors, commands);
        tick.episodeTick++;
    }

    @Test
    void eachTickRewardsThePreviousCommandThenStepsBetweenBeforeAndAfter() {
        tick.newEpisode();
        tick(0);
        tick(1);
        tick(0.5);
        assertEquals(List.of("begin", "before", "after", "reward 1.0", "before", "after", "reward 0.5", "before", "after"),
                rule.calls);
        assertEquals(network.readout()[0] * 3, commands[0], 1e-6, "the command is the scaled readout");
        assertEquals(-0.4f, network.input()[1], 1e-7f, "the inputs are the scaled sensors");
    }

    @Test
    void aFinishedEpisodeDeliversItsLastRewardAndEndsTheTrial() {
        tick.newEpisode();
        tick(0);
        tick.reward = -1;
        tick.terminal = true;
        controller.endEpisode(tick);
        tick.newEpisode();
        tick(0);
        assertEquals(List.of("begin", "before", "after", "reward -1.0", "end", "begin", "before", "after"), rule.calls);
    }

    @Test
    void anEpisodeTheWatchdogAbortedTeachesNothing() {
        tick.newEpisode();
        tick(0);
        tick.reward = 1;
        tick.aborted = true;
        controller.endEpisode(tick);
        assertEquals(List.of("begin", "before", "after", "abandon"), rule.calls);
        assertEquals(0f, network.state()[0], "the network restarts from rest");
    }

    @Test
    void probesReportTheBaselineAndTheControls() {
        double[] probes = new double[controller.probeCount()];
        controller.probes(probes);
        assertEquals(List.of(0.5, (double) 0.1f, (double) 0.2f, 1.0), List.of(probes[0], probes[1], probes[2], probes[3]));
    }
}
