package org.neurorig.profile;

/**
 * How often a learning run saves what it has learned while it runs: the profile's {@code [checkpoint]}
 * table. A crash loses at most the learning since the last checkpoint.
 *
 * @param everyEpisodes episodes between checkpoints; 0 saves only when the run stops
 * @param minIntervalS  the least time between two checkpoints, seconds (a floor on disk writes)
 */
public record CheckpointSettings(int everyEpisodes, double minIntervalS) {
}
