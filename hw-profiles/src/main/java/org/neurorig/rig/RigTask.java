package org.neurorig.rig;

import org.neurorig.episode.Task;
import org.neurorig.profile.EpisodeSettings;

/**
 * The rig's task: the profile's reward per tick, and its terminal conditions ({@code [[safety.terminal]]})
 * on the sensor values, which end an episode on a real rig as the plant's own rule does in simulation.
 */
final class RigTask implements Task {

    private final TerminalConditions terminal;
    private final EpisodeSettings.Reward reward;

    RigTask(TerminalConditions terminal, EpisodeSettings.Reward reward) {
        this.terminal = terminal;
        this.reward = reward;
    }

    @Override
    public double reward(double[] sensors, double[] lastCommands) {
        return switch (reward) {
            case SURVIVAL -> 1.0;
            case BALANCE -> 1.0 - terminal.meanSquaredFraction(sensors);
        };
    }

    @Override
    public boolean terminal(double[] sensors) {
        return terminal.anyExceeded(sensors);
    }
}
