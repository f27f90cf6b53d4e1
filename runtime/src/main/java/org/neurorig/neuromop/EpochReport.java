package org.neurorig.neuromop;

/**
 * What one training epoch did.
 *
 * @param epoch        0-based
 * @param lifetime     mean lifetime over the epoch's trajectories
 * @param entropy      mean action entropy per decision (nats)
 * @param sigma        the paper's average standard deviation of activity: mean over trajectories and units
 *                     of std_t(x_i)
 * @param loss         the weighted Bellman loss before the epoch's first update
 * @param epsilon      the R network's exploration rate in this epoch (NaN for NeuroMOP)
 * @param context      the context (shape) of this epoch, or -1
 * @param validation   mean lifetime of the validation episodes run with the weights this epoch ends with,
 *                     or NaN when this epoch has no validation
 */
public record EpochReport(int epoch, double lifetime, double entropy, double sigma, double loss, double epsilon,
        int context, double validation) {
}
