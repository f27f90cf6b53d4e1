package org.neurorig.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryLog;
import org.neurorig.telemetry.TelemetryScan;
import org.neurorig.telemetry.TickRecord;

/**
 * What a run's telemetry log says, boiled down for the report: one line per episode, the trajectories
 * of a few episodes, the last activity snapshots, the wake-up latencies the records carry, and what the
 * reading found (damage, a partial last record). It streams over the log twice and keeps nothing per
 * tick: its memory grows with the episodes, not with the log's length (a trajectory keeps at most
 * {@value #TRAJECTORY_POINTS} points, evenly spaced over a longer episode).
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

    /** Points kept of one trajectory: enough for any figure, independent of how long the episode ran. */
    static final int TRAJECTORY_POINTS = 10_000;

    /**
     * The sensor values and the written commands of one episode, tick by tick (every k-th tick when it
     * lasted longer than {@value #TRAJECTORY_POINTS} ticks).
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
    private final TelemetryScan scan;

    private RunDigest(TelemetryLayout layout, List<Episode> episodes, List<Trajectory> trajectories, List<float[]> snapshots,
            List<Long> snapshotTicks, Histogram wakeNanos, long records, long overruns, long safeStateTicks, TelemetryScan scan) {
        this.layout = layout;
        this.episodes = episodes;
        this.trajectories = trajectories;
        this.snapshots = snapshots;
        this.snapshotTicks = snapshotTicks;
        this.wakeNanos = wakeNanos;
        this.records = records;
        this.overruns = overruns;
        this.safeStateTicks = safeStateTicks;
        this.scan = scan;
    }

    /**
     * Reads {@code log}: two passes, the first for the episodes, the second for the trajectories of the
     * first, the longest and the last finished episode. Keeps the last {@code maxSnapshots} activity snapshots.
     */
    public static RunDigest read(Path log, int maxSnapshots) throws IOException {
        TelemetryLog telemetry = TelemetryLog.open(log);
        TelemetryLayout layout = telemetry.layout();
        List<Episode> episodes = new ArrayList<>();
        SnapshotRing snapshots = new SnapshotRing(maxSnapshots);
        Histogram wake = new Histogram(3_600_000_000_000L, 3);
        long[] counts = new long[3]; // records, overruns, safe-state ticks
        int[] lastTick = {-1};
        int probes = layout.probeCount();
        TelemetryScan scan = telemetry.read(r -> {
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
                snapshots.add(r);
            }
        });
        List<Trajectory> trajectories = trajectories(telemetry, layout, episodes, chosen(episodes));
        return new RunDigest(layout, List.copyOf(episodes), trajectories, snapshots.snapshots(), snapshots.ticks(),
                wake, counts[0], counts[1], counts[2], scan);
    }

    /**
     * The last activity snapshots, in arrays reused once the ring is full: a day's log passes millions of
     * snapshots through it and leaves no garbage per snapshot.
     */
    private static final class SnapshotRing {

        private final float[][] activity;
        private final long[] ticks;
        private int next;
        private int count;

        SnapshotRing(int capacity) {
            activity = new float[Math.max(0, capacity)][];
            ticks = new long[activity.length];
        }

        void add(TickRecord r) {
            if (activity.length == 0) {
                return;
            }
            float[] a = activity[next];
            if (a == null || a.length != r.activityCount()) {
                a = activity[next] = new float[r.activityCount()];
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = r.activity(i);
            }
            ticks[next] = r.tick();
            next = (next + 1) % activity.length;
            count = Math.min(count + 1, activity.length);
        }

        /** Oldest first. */
        List<float[]> snapshots() {
            List<float[]> out = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                out.add(activity[(next - count + k + activity.length) % activity.length]);
            }
            return List.copyOf(out);
        }

        List<Long> ticks() {
            List<Long> out = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                out.add(ticks[(next - count + k + activity.length) % activity.length]);
            }
            return List.copyOf(out);
        }
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

    private static List<Trajectory> trajectories(TelemetryLog telemetry, TelemetryLayout layout, List<Episode> episodes,
            Set<Integer> chosen) throws IOException {
        List<TrajectoryBuilder> builders = new ArrayList<>();
        for (Episode e : episodes) {
            if (chosen.contains(e.number())) {
                builders.add(new TrajectoryBuilder(e.number(), e.lifetime(), layout));
            }
        }
        telemetry.read(r -> {
            for (TrajectoryBuilder b : builders) {
                if (b.episode == r.episode() + 1) {
                    b.add(r);
                }
            }
        });
        double period = layout.periodNanos() / 1e9;
        List<Trajectory> out = new ArrayList<>();
        for (TrajectoryBuilder b : builders) {
            out.add(b.build(period));
        }
        return List.copyOf(out);
    }

    /**
     * One episode's trajectory as the second pass finds it: every {@code stride}-th tick, into arrays
     * sized from the lifetime the first pass measured.
     */
    private static final class TrajectoryBuilder {

        final int episode;
        private final int stride;
        private final int[] ticks;
        private final double[][] sensors;
        private final double[][] commands;
        private int points;

        TrajectoryBuilder(int episode, int lifetime, TelemetryLayout layout) {
            this.episode = episode;
            this.stride = Math.max(1, (lifetime + TRAJECTORY_POINTS - 1) / TRAJECTORY_POINTS);
            int capacity = Math.min(TRAJECTORY_POINTS, lifetime / stride + 1);
            this.ticks = new int[capacity];
            this.sensors = new double[layout.sensorCount()][capacity];
            this.commands = new double[layout.commandCount()][capacity];
        }

        void add(TickRecord r) {
            if (r.episodeTick() % stride != 0 || points == ticks.length) {
                return;
            }
            ticks[points] = r.episodeTick();
            for (int i = 0; i < sensors.length; i++) {
                sensors[i][points] = r.sensor(i);
            }
            for (int i = 0; i < commands.length; i++) {
                commands[i][points] = r.written(i);
            }
            points++;
        }

        Trajectory build(double periodSeconds) {
            double[] seconds = new double[points];
            for (int t = 0; t < points; t++) {
                seconds[t] = ticks[t] * periodSeconds;
            }
            double[][] s = new double[sensors.length][];
            for (int i = 0; i < s.length; i++) {
                s[i] = Arrays.copyOf(sensors[i], points);
            }
            double[][] c = new double[commands.length][];
            for (int i = 0; i < c.length; i++) {
                c[i] = Arrays.copyOf(commands[i], points);
            }
            return new Trajectory(episode, seconds, s, c);
        }
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

    /** What reading the log found: damage, a partial last record, how far it goes. */
    public TelemetryScan scan() {
        return scan;
    }
}
