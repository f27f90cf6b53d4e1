package org.neurorig.compare;

import org.neurorig.mop.Stat;

/**
 * How a learner's episodes grew over training on one hardware: at each training episode, the mean
 * over the seeds of the last {@value #WINDOW} episodes' mean length, and its SEM.
 *
 * @param episodes the training episodes' numbers, from 1
 */
record LearningCurve(double[] episodes, double[] mean, double[] sem) {

    static final int WINDOW = 10;

    /** The curve of {@code seeds}; empty without runs. */
    static LearningCurve of(SeedRuns seeds) {
        int episodes = seeds.episodes();
        LearningCurve curve = new LearningCurve(new double[episodes], new double[episodes], new double[episodes]);
        for (int e = 0; e < episodes; e++) {
            double[] column = new double[seeds.size()];
            for (int k = 0; k < seeds.size(); k++) {
                column[k] = movingMean(seeds.list().get(k).lengths(), e);
            }
            Stat s = Stat.of(column);
            curve.episodes[e] = e + 1;
            curve.mean[e] = s.mean();
            curve.sem[e] = s.sem();
        }
        return curve;
    }

    int length() {
        return episodes.length;
    }

    private static double movingMean(int[] values, int end) {
        int from = Math.max(0, end - WINDOW + 1);
        double sum = 0;
        for (int i = from; i <= end; i++) {
            sum += values[i];
        }
        return sum / (end - from + 1);
    }
}
