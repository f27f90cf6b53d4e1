package org.neurorig.replay;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPole;
import org.neurorig.replay.EpisodeLog.Episode;

/**
 * Replays logged episodes open loop: each starts from its logged initial state and the plant is given
 * the logged actions; the states it produces are written in the log's own format, every double in its
 * shortest exact decimal form ({@link Double#toString}), so parsing the output gives back the same bits.
 * Where the log has states of its own, they are compared with the replayed ones.
 */
public final class PlantReplay {

    /**
     * What a replay found.
     *
     * @param episodes         episodes replayed
     * @param steps            steps replayed (rows after step 0)
     * @param stepsPastEnd     steps replayed after the plant had already terminated
     * @param compared         steps whose logged state was compared
     * @param identical        compared steps whose four values had the same bits
     * @param maxDifference    largest |replayed - logged| per state variable
     * @param rmsDifference    root mean square of replayed - logged per state variable
     * @param terminatedDiffer compared steps where the logged and replayed termination disagree
     */
    public record Summary(int episodes, long steps, long stepsPastEnd, long compared, long identical,
            double[] maxDifference, double[] rmsDifference, long terminatedDiffer) {
    }

    private PlantReplay() {
    }

    /** Replays {@code episodes} on {@code plant}, writing the header and one row per logged row to {@code out}. */
    public static Summary run(List<Episode> episodes, ReplayPlant kind, Plant plant, Writer out) throws IOException {
        double[] state = new double[CartPole.STATE_SIZE];
        double[] command = new double[1];
        double[] max = new double[4];
        double[] sumSq = new double[4];
        long steps = 0;
        long pastEnd = 0;
        long compared = 0;
        long identical = 0;
        long terminatedDiffer = 0;
        StringBuilder row = new StringBuilder(160);
        out.write(EpisodeLog.HEADER);
        out.write('\n');
        plant.activate();
        for (Episode e : episodes) {
            plant.reset(e.initialState());
            plant.trueState(state);
            writeRow(out, row, e.label(), 0, "", state, plant.terminated());
            for (int k = 0; k < e.steps(); k++) {
                boolean wasTerminated = plant.terminated();
                command[0] = e.actions()[k];
                plant.write(k, command);
                plant.trueState(state);
                boolean terminated = plant.terminated();
                writeRow(out, row, e.label(), k + 1, kind.format(command[0]), state, terminated);
                steps++;
                pastEnd += wasTerminated ? 1 : 0;
                if (e.loggedStates() != null) {
                    compared++;
                    boolean same = true;
                    for (int i = 0; i < 4; i++) {
                        double logged = e.loggedStates()[4 * k + i];
                        double d = Math.abs(state[i] - logged);
                        max[i] = Math.max(max[i], d);
                        sumSq[i] += d * d;
                        same &= Double.doubleToLongBits(state[i]) == Double.doubleToLongBits(logged);
                    }
                    identical += same ? 1 : 0;
                    byte t = e.loggedTerminated()[k];
                    terminatedDiffer += t >= 0 && (t == 1) != terminated ? 1 : 0;
                }
            }
        }
        plant.deactivate();
        double[] rms = new double[4];
        for (int i = 0; i < 4; i++) {
            rms[i] = compared == 0 ? 0 : Math.sqrt(sumSq[i] / compared);
        }
        return new Summary(episodes.size(), steps, pastEnd, compared, identical, max, rms, terminatedDiffer);
    }

    private static void writeRow(Writer out, StringBuilder row, long episode, int step, String action, double[] s,
            boolean terminated) throws IOException {
        row.setLength(0);
        row.append(episode).append(',').append(step).append(',').append(action);
        for (double v : s) {
            row.append(',').append(v); // Double.toString: the shortest decimal that parses back to the same double
        }
        row.append(',').append(terminated ? '1' : '0').append('\n');
        out.append(row);
    }
}
