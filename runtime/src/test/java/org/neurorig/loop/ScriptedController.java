package org.neurorig.loop;

import org.neurorig.control.Controller;
import org.neurorig.control.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A controller for the loop's tests: commands from a function of the tick, and a record of what it saw. */
final class ScriptedController implements Controller {

    private final int sensorCount;
    private final int commandCount;
    private final ToDoubleFunction<Tick> command;
    Runnable duringUpdate = () -> { };
    final List<Double> rewardsSeen = new ArrayList<>();
    final List<Long> episodesSeen = new ArrayList<>();
    final List<String> episodeEnds = new ArrayList<>();
    final List<Double> endRewards = new ArrayList<>();
    final List<Double> endReturns = new ArrayList<>();
    int updates;
    boolean throwInUpdate;

    ScriptedController(int sensorCount, int commandCount, ToDoubleFunction<Tick> command) {
        this.sensorCount = sensorCount;
        this.commandCount = commandCount;
        this.command = command;
    }

    @Override
    public int sensorCount() {
        return sensorCount;
    }

    @Override
    public int commandCount() {
        return commandCount;
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        updates++;
        if (throwInUpdate) {
            throw new IllegalStateException("injected controller exception");
        }
        duringUpdate.run();
        rewardsSeen.add(tick.reward());
        episodesSeen.add(tick.episode());
        for (int i = 0; i < commandCount; i++) {
            commands[i] = command.applyAsDouble(tick);
        }
    }

    @Override
    public void endEpisode(Tick tick) {
        episodeEnds.add(tick.terminal() ? "terminal" : tick.truncated() ? "truncated" : tick.aborted() ? "aborted" : "?");
        endRewards.add(tick.reward());
        endReturns.add(tick.episodeReturn());
    }
}
