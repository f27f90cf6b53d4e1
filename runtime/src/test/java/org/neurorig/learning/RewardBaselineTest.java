package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RewardBaselineTest {

    @Test
    void aRunningBaselinePredictsFromEveryEarlierRewardOfTheEpisodeToo() {
        RewardBaseline b = RewardBaseline.running(0.5f);
        assertEquals(0f, b.predictionError(0, 0, 4f)); // the first reward sets the prediction
        assertEquals(2f, b.predictionError(0, 1, 6f)); // 6 - 4, then 0.5 * 4 + 0.5 * 6 = 5
        assertEquals(-3f, b.predictionError(0, 2, 2f));
        assertEquals(3.5f, b.value(0));
    }

    @Test
    void aPerStepBaselinePredictsEachStepFromEarlierEpisodesOnly() {
        RewardBaseline b = RewardBaseline.perStep(1, 3, 0.5f);
        // episode 1: nothing to predict from yet
        assertEquals(0f, b.predictionError(0, 0, 1f));
        assertEquals(0f, b.predictionError(0, 1, 10f));
        assertEquals(0f, b.predictionError(0, 2, 100f));
        b.endEpisode();
        // episode 2: each step against the same step of episode 1, whatever came earlier in this one
        assertEquals(1f, b.predictionError(0, 0, 2f));
        assertEquals(1f, b.predictionError(0, 1, 11f));
        assertEquals(1f, b.predictionError(0, 1, 11f)); // within the episode, its own rewards change no prediction
        b.endEpisode();
        // episode 3: step 0 was 1 then 2 -> 1.5; step 1 was 10 then the mean of 11 and 11 -> 10.5; step 2 kept
        assertEquals(0.5f, b.predictionError(0, 0, 2f));
        assertEquals(0.5f, b.predictionError(0, 1, 11f));
        assertEquals(0f, b.predictionError(0, 2, 100f));
        assertEquals(100f, b.value(0)); // of the step last rewarded
    }

    @Test
    void rewardsPastTheLastStepShareItsPredictionAndItsUpdate() {
        RewardBaseline b = RewardBaseline.perStep(1, 2, 0f);
        b.predictionError(0, 0, 0f);
        b.predictionError(0, 1, 2f);
        b.predictionError(0, 2, 4f);
        b.predictionError(0, 7, 6f);
        b.endEpisode();
        assertEquals(0f, b.predictionError(0, 1, 4f)); // the mean of 2, 4 and 6
        assertEquals(1f, b.predictionError(0, 9, 5f));
    }

    @Test
    void endingAnEpisodeTwiceChangesNothingAndContextsLearnApart() {
        RewardBaseline b = RewardBaseline.perStep(2, 1, 0.5f);
        b.predictionError(1, 0, 8f);
        b.endEpisode();
        b.endEpisode();
        assertEquals(0f, b.predictionError(0, 0, 3f)); // context 0 has seen nothing
        b.endEpisode();
        assertEquals(-2f, b.predictionError(1, 0, 6f)); // context 1 still predicts 8, not a mix of 8 and 3
        b.endEpisode();
        assertEquals(0f, b.predictionError(1, 0, 7f)); // 0.5 * 8 + 0.5 * 6
        b.endEpisode();
        assertEquals(1f, b.predictionError(0, 0, 4f)); // context 0 learned its own 3
    }

    @Test
    void aNonFiniteRewardDoesNotPoisonAPrediction() {
        RewardBaseline b = RewardBaseline.perStep(1, 1, 0.5f);
        b.predictionError(0, 0, 2f);
        b.predictionError(0, 0, Float.NaN);
        b.endEpisode();
        assertEquals(1f, b.predictionError(0, 0, 3f));
        assertTrue(Float.isFinite(b.value(0)));
    }

    @Test
    void sizesOutOfRangeAreRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardBaseline.perStep(1, 0, 0.9f));
        assertTrue(e.getMessage().contains("baseline steps = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RewardBaseline.perStep(1 << 20, 1 << 10, 0.9f));
        assertThrows(IllegalArgumentException.class, () -> RewardBaseline.perStep(1, 10, 1f));
    }
}
