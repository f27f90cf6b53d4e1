package org.neurorig.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.telemetry.TickRecord;

/**
 * What a run's telemetry log says, boiled down for the report: one line per episode, the trajectories
 * of a few episodes, the last activity snapshots, and the wake-up latencies the records carry.
 */
public final class RunDigest {

    /**
     * One finished episode.
     *
     * @param number           the episode's number, counting from 1 as the progress line does (the
     *                         telemetry's episode index counts from 0)
     * @param lifetime         ticks the episode lasted (commands applied)
     * @param episodeReturn    the sum of its rewards
     * @param terminal         it ended in a terminal state (the pole fell, the cart left the track)
     * @param truncated        it reached the episode's tick limit
     * @param rewardPrediction the rule's reward baseline right after it (NaN without learning)
     * @param learningRate     the learning rate then (NaN without learning)
     */
    public record Episode(int number, int lifetime, double episodeReturn, boolean terminal, boolean truncated,
            double rewardPrediction, double learningRate) {
    }

    /**
     * The sensor values and the written commands of one episode, tick by tick.
     *
     * @param episode  the episode's number, counting from 1
     * @param seconds  time since the episode began
     * @param sensors  [sensor][tick]
     * @param commands [command][tick], after the actuator limits
     */
    public record Trajectory(int episode, double[] seconds, double[][] sensors, double[][] commands) {
    }

    private final TelemetryLayout layout;
    private final List<Episode> episodes;
    private final List<Trajectory> trajectories;
    private final List<float[]> snapshots;
    private final List<Long> snapshotTicks;
    private final Histogram wakeNanos;
    private final long records;
    private final long overruns;
    private final long safeStateTicks;

    private RunDigest(TelemetryLayout layout, List<Episode> episodes, List<Trajectory> trajectories, List<float[]> snapshots,
            List<Long> snapshotTicks, Histogram wakeNanos, long records, long overruns, long safeStateTicks) {
        this.layout = layout;
        this.episodes = episodes;
        this.trajectories = trajectories;
        this.snapshots = snapshots;
        this.snapshotTicks = snapshotTicks;
        this.wakeNanos = wakeNanos;
        this.records = records;
        this.overruns = overruns;
        this.safeStateTicks = safeStateTicks;
    }

    /**
     * Reads {@code log}: two passes, the first for the episodes, the second for the trajectories of the
     * first, the longest and the last finished episode. Keeps the last {@code maxSnapshots} activity snapshots.
     */
    public static RunDigest read(Path log, int maxSnapshots) throws IOException {
        TelemetryLog telemetry = TelemetryLog.open(log);
        TelemetryLayout layout = telemetry.layout();
        List<Episode> episodes = new ArrayList<>();
        Deque<float[]> snapshots = new ArrayDeque<>();
        Deque<Long> snapshotTicks = new ArrayDeque<>();
        Histogram wake = new Histogram(3_600_000_000_000L, 3);
        long[] counts = new long[3]; // records, overruns, safe-state ticks
        int[] lastTick = {-1};
        int probes = layout.probeCount();
        telemetry.read(r -> {
            counts[0]++;
            if ((r.flags() & TickRecord.FLAG_OVERRUN) != 0) {
                counts[1]++;
            }
            if ((r.flags() & TickRecord.FLAG_SAFE_STATE) != 0) {
                counts[2]++;
            }
            if (r.wakeNanos() >= 0) {
                wake.recordValue(r.wakeNanos());
            }
            if ((r.flags() & TickRecord.FLAG_EPISODE_END) != 0) {
                // the record that ends an episode already carries the next one's index
                episodes.add(new Episode(r.episode(), lastTick[0] + 1, r.episodeReturn(),
                        (r.flags() & TickRecord.FLAG_TERMINAL) != 0, (r.flags() & TickRecord.FLAG_TRUNCATED) != 0,
                        probes > 0 ? r.probe(0) : Double.NaN, probes > 1 ? r.probe(1) : Double.NaN));
            }
            lastTick[0] = r.episodeTick();
            if (r.activityCount() > 0) {
                float[] a = new float[r.activityCount()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = r.activity(i);
                }
                snapshots.addLast(a);
                snapshotTicks.addLast(r.tick());
                if (snapshots.size() > maxSnapshots) {
                    snapshots.removeFirst();
                    snapshotTicks.removeFirst();
                }
            }
        });
        List<Trajectory> trajectories = trajectories(telemetry, layout, chosen(episodes));
        return new RunDigest(layout, List.copyOf(episodes), trajectories, List.copyOf(snapshots), List.copyOf(snapshotTicks),
                wake, counts[0], counts[1], counts[2]);
    }

    /** The first, the longest and the last finished episode (fewer when they coincide). */
    private static Set<Integer> chosen(List<Episode> episodes) {
        Set<Integer> chosen = new TreeSet<>();
        if (!episodes.isEmpty()) {
            chosen.add(episodes.getFirst().number());
            chosen.add(episodes.stream().max(Comparator.comparingInt(Episode::lifetime)).orElseThrow().number());
            chosen.add(episodes.getLast().number());
        }
        return chosen;
    }

    private static List<Trajectory> trajectories(TelemetryLog telemetry, TelemetryLayout layout, Set<Integer> chosen)
            throws IOException {
        record Builder(int episode, List<double[]> sensors, List<double[]> commands) {
        }
        List<Builder> builders = new ArrayList<>();
        for (int e : chosen) {
            builders.add(new Builder(e, new ArrayList<>(), new ArrayList<>()));
        }
        telemetry.read(r -> {
            for (Builder b : builders) {
                if (b.episode() == r.episode() + 1) {
                    double[] s = new double[r.sensorCount()];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = r.sensor(i);
                    }
                    double[] c = new double[r.commandCount()];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = r.written(i);
                    }
                    b.sensors().add(s);
                    b.commands().add(c);
                }
            }
        });
        double period = layout.periodNanos() / 1e9;
        List<Trajectory> out = new ArrayList<>();
        for (Builder b : builders) {
            int ticks = b.sensors().size();
            double[] seconds = new double[ticks];
            double[][] sensors = new double[layout.sensorCount()][ticks];
            double[][] commands = new double[layout.commandCount()][ticks];
            for (int t = 0; t < ticks; t++) {
                seconds[t] = t * period;
                for (int i = 0; i < sensors.length; i++) {
                    sensors[i][t] = b.sensors().get(t)[i];
                }
                for (int i = 0; i < commands.length; i++) {
                    commands[i][t] = b.commands().get(t)[i];
                }
            }
            out.add(new Trajectory(b.episode(), seconds, sensors, commands));
        }
        return List.copyOf(out);
    }

    public TelemetryLayout layout() {
        return layout;
    }

    public List<Episode> episodes() {
        return episodes;
    }

    public List<Trajectory> trajectories() {
        return trajectories;
    }

    /** The last activity snapshots, oldest first: [snapshot][unit]. */
    public List<float[]> snapshots() {
        return snapshots;
    }

    /** The loop tick of each snapshot. */
    public List<Long> snapshotTicks() {
        return snapshotTicks;
    }

    /** Wake-up latency of every tick as the records carry it (ns after the deadline). */
    public Histogram wakeNanos() {
        return wakeNanos;
    }

    public long records() {
        return records;
    }

    public long overruns() {
        return overruns;
    }

    public long safeStateTicks() {
        return safeStateTicks;
    }
}
