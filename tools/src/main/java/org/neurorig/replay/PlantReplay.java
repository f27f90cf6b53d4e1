package org.neurorig.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPole;

/**
 * Replays logged episodes open loop: each starts from its logged initial state and the plant is given
 * the logged actions; the states it produces are written in the log's own format, every double in its
 * shortest exact decimal form ({@link Double#toString}), so parsing the output gives back the same bits.
 * Where the log has states of its own, they are compared with the replayed ones. The log is replayed as
 * it is read, row by row, so its length costs no memory.
 */
public final class PlantReplay implements EpisodeLog.Rows {

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
    public record Summary(long episodes, long steps, long stepsPastEnd, long compared, long identical,
            double[] maxDifference, double[] rmsDifference, long terminatedDiffer) {
    }

    private static final String[] STATE = {"x", "x_dot", "theta", "theta_dot"};

    private final Path file;
    private final ReplayPlant kind;
    private final Plant plant;
    private final Writer out;
    private final double[] state = new double[CartPole.STATE_SIZE];
    private final double[] command = new double[1];
    private final double[] max = new double[4];
    private final double[] sumSq = new double[4];
    private final StringBuilder row = new StringBuilder(160);
    private long steps;
    private long pastEnd;
    private long compared;
    private long identical;
    private long terminatedDiffer;

    private PlantReplay(Path file, ReplayPlant kind, Plant plant, Writer out) {
        this.file = file;
        this.kind = kind;
        this.plant = plant;
        this.out = out;
    }

    /**
     * Replays the log {@code in} on {@code plant}, writing the header and one row per logged row to
     * {@code out}. A malformed log, or a state the plant cannot keep finite, ends it with an
     * {@link IllegalArgumentException}; what was written by then is the caller's to discard.
     */
    public static Summary run(Path in, ReplayPlant kind, Plant plant, Writer out) throws IOException {
        PlantReplay replay = new PlantReplay(in, kind, plant, out);
        out.write(EpisodeLog.HEADER);
        out.write('\n');
        plant.activate();
        long episodes;
        try {
            episodes = EpisodeLog.read(in, kind, replay);
        } finally {
            plant.deactivate(); // a malformed row part-way leaves the plant as a whole log does
        }
        return replay.summary(episodes);
    }

    @Override
    public void start(long episode, int line, double[] initialState) throws IOException {
        plant.reset(initialState);
        plant.trueState(state);
        requireFinite(episode, line, 0, "from the initial state");
        writeRow(episode, 0, "", plant.terminated());
    }

    @Override
    public void step(long episode, int line, int k, double action, double[] loggedState, int loggedTerminated)
            throws IOException {
        boolean wasTerminated = plant.terminated();
        command[0] = action;
        plant.write(k - 1, command);
        plant.trueState(state);
        requireFinite(episode, line, k, "after action " + kind.format(action));
        boolean terminated = plant.terminated();
        writeRow(episode, k, kind.format(action), terminated);
        steps++;
        pastEnd += wasTerminated ? 1 : 0;
        if (loggedState != null) {
            compared++;
            boolean same = true;
            for (int i = 0; i < 4; i++) {
                double d = Math.abs(state[i] - loggedState[i]);
                max[i] = Math.max(max[i], d);
                sumSq[i] += d * d;
                same &= Double.doubleToLongBits(state[i]) == Double.doubleToLongBits(loggedState[i]);
            }
            identical += same ? 1 : 0;
            terminatedDiffer += loggedTerminated >= 0 && (loggedTerminated == 1) != terminated ? 1 : 0;
        }
    }

    /**
     * Stops the replay where the plant's state leaves the doubles: from a finite start and finite forces
     * that takes a long run past the episode's end (explicit Euler gains energy every step), and a NaN
     * written there would be a row this replay's own reader refuses, with terminated false again.
     */
    private void requireFinite(long episode, int line, int k, String how) {
        for (int i = 0; i < 4; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException(file + ":" + line + ": episode " + episode + " step " + k
                        + ": the plant's " + STATE[i] + " is " + state[i] + " " + how + " (" + describeState()
                        + "): the physics cannot go on from there, so the replay stopped and nothing was written;"
                        + " end the episode before this row");
            }
        }
    }

    private String describeState() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(i == 0 ? "" : ", ").append(STATE[i]).append(' ').append(String.format(Locale.ROOT, "%.6g", state[i]));
        }
        return b.toString();
    }

    private Summary summary(long episodes) {
        double[] rms = new double[4];
        for (int i = 0; i < 4; i++) {
            rms[i] = compared == 0 ? 0 : Math.sqrt(sumSq[i] / compared);
        }
        return new Summary(episodes, steps, pastEnd, compared, identical, max, rms, terminatedDiffer);
    }

    private void writeRow(long episode, int step, String action, boolean terminated) throws IOException {
        row.setLength(0);
        row.append(episode).append(',').append(step).append(',').append(action);
        for (double v : state) {
            row.append(',').append(v); // Double.toString: the shortest decimal that parses back to the same double
        }
        row.append(',').append(terminated ? '1' : '0').append('\n');
        out.append(row);
    }
}
