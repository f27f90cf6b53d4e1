package org.neurorig.episode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.WeightGroup;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

/** Both halves of an antithetic pair start from one state; the next pair from a fresh one. */
class AntitheticStartsTest {

    private static double[][] starts(boolean twoSided, int episodes) {
        RateNetwork network = new RateNetwork(NetworkConfig.of(8).withInputs(4).withOutputs(1));
        WeightPerturbation rule = WeightPerturbation.forNetwork(network, EnumSet.of(WeightGroup.READOUT), twoSided,
                WeightPerturbation.Distribution.GAUSSIAN, twoSided ? RewardBaseline.none() : RewardBaseline.running(0.9f),
                new LearningControls(0.01f, 0.1f), 5);
        SplittableRandom random = new SplittableRandom(11);
        AntitheticStarts starts = new AntitheticStarts(s -> {
            for (int i = 0; i < s.length; i++) {
                s[i] = random.nextDouble();
            }
        }, rule, 4);
        double[][] drawn = new double[episodes][4];
        for (double[] s : drawn) {
            starts.next(s); // the loop resets the plant, then the new episode begins
            rule.beginEpisode(0);
            rule.reward(1f);
            rule.endEpisode();
        }
        return drawn;
    }

    @Test
    void twoSidedPairsShareTheirStart() {
        double[][] s = starts(true, 6);
        for (int pair = 0; pair < 3; pair++) {
            assertArrayEquals(s[2 * pair], s[2 * pair + 1], "pair " + pair);
        }
        assertFalse(java.util.Arrays.equals(s[1], s[2]), "a new pair starts fresh");
        assertFalse(java.util.Arrays.equals(s[3], s[4]), "a new pair starts fresh");
    }

    @Test
    void oneSidedTrialsEachStartFresh() {
        double[][] s = starts(false, 4);
        for (int e = 1; e < s.length; e++) {
            assertFalse(java.util.Arrays.equals(s[e - 1], s[e]), "episode " + e);
        }
    }
}
