package org.neurorig.compare;

import java.util.Locale;

/**
 * How each learner is trained and judged: episodes, checks against the criterion, the final
 * measurement. The command line's {@code --set protocol.*} keys and settings.txt's {@code protocol:}
 * line name it so.
 *
 * @param episodes         training episodes on the hardware for the learners that start from scratch
 * @param fineTuneEpisodes training episodes on the hardware for S->H
 * @param checkEvery       the controller is checked with learning off every this many episodes until it
 *                         meets the criterion
 * @param checkStarts      the criterion: balanced for the whole episode from each of this many fixed starts
 * @param testEpisodes     fixed starts of the final measurement, on the model and on the hardware
 * @param maxTicks         the episode's tick limit (CartPole-v1: 500)
 */
record TrainingSchedule(int episodes, int fineTuneEpisodes, int checkEvery, int checkStarts, int testEpisodes, int maxTicks) {

    TrainingSchedule {
        if (episodes < 1 || fineTuneEpisodes < 1 || checkEvery < 1 || checkStarts < 1 || testEpisodes < 1 || maxTicks < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "protocol: episodes %d, fine-tune episodes %d, check every %d, "
                    + "check starts %d, test episodes %d, max ticks %d: expected each >= 1", episodes, fineTuneEpisodes, checkEvery,
                    checkStarts, testEpisodes, maxTicks));
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "%d training episodes on the hardware (S->H: %d), episodes of at most %d ticks; "
                + "criterion: with learning off, balanced for all %d ticks from each of %d fixed starts, checked every %d "
                + "episodes; final measurement: %d fixed starts on the model and on the hardware, learning off",
                episodes, fineTuneEpisodes, maxTicks, maxTicks, checkStarts, checkEvery, testEpisodes);
    }
}
