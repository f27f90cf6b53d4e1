package org.neurorig.profile;

/**
 * How episodes run: the profile's {@code [episodes]} table. An episode also ends at any of
 * {@code [[safety.terminal]]}'s conditions and at the plant's own terminal state.
 *
 * @param maxTicks           an episode is truncated after this many ticks (Gymnasium's 500); 0 for no limit
 * @param reward             the reward per tick
 * @param initialSpread      a simulated or emulated plant starts each episode with every state variable
 *                           drawn uniformly from +-this (Gymnasium's 0.05)
 * @param restartFraction    a real rig, which cannot be reset into a state, starts the next episode once
 *                           every sensor with a terminal condition is within this fraction of its limit...
 * @param restartHoldSeconds ... for this long without a break (someone has set the pole back up and let go)
 * @param seed               seeds the initial states
 */
public record EpisodeSettings(int maxTicks, Reward reward, double initialSpread, double restartFraction,
        double restartHoldSeconds, long seed) {

    /** The reward per tick. */
    public enum Reward {
        /** +1 for every tick the rig stays inside its terminal conditions (Gymnasium's CartPole-v1). */
        SURVIVAL,
        /**
         * {@code 1 - mean over the terminal conditions of (value / limit)^2}, in [0, 1]: highest with every
         * limited sensor at zero (pole upright, cart centred), so each tick says how well, not only whether.
         */
        BALANCE
    }
}
