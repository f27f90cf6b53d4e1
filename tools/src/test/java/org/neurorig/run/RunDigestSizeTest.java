package org.neurorig.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryPublisher;
import org.neurorig.telemetry.TelemetryWriter;
import org.neurorig.telemetry.TickRecord;

/**
 * The digest behind the report streams over a log of any length: what it keeps grows with the episodes,
 * not with the ticks, and a very long episode's trajectory is thinned to a bounded number of points.
 */
class RunDigestSizeTest {

    private static final TelemetryLayout LAYOUT = new TelemetryLayout(List.of("x", "x_dot", "theta", "theta_dot"), List.of("f"),
            2, 16, 10, 20_000_000);

    /**
     * Writes {@code ticks} records through the writer, in episodes of {@code episodeTicks} that end at the
     * limit; returns the log.
     */
    private static Path log(Path file, long ticks, int episodeTicks) throws IOException {
        TelemetryWriter writer = new TelemetryWriter(new TelemetryPublisher(LAYOUT, 4096).ring(), LAYOUT, file);
        UnsafeBuffer plain = new UnsafeBuffer(ByteBuffer.allocateDirect(TickRecord.length(4, 1, 2, 0)));
        UnsafeBuffer snapshot = new UnsafeBuffer(ByteBuffer.allocateDirect(TickRecord.length(4, 1, 2, 16)));
        TickRecord r = new TickRecord();
        double[] sensors = new double[4];
        double[] force = new double[1];
        double[] probes = {0.1, 2e-4};
        float[] activity = new float[16];
        for (long t = 0; t < ticks; t++) {
            UnsafeBuffer b = t % 10 == 0 ? snapshot : plain;
            b.putLong(TickRecord.SEQUENCE_OFFSET, t);
            long episode = t / episodeTicks;
            int tick = (int) (t % episodeTicks);
            boolean end = tick == 0 && t > 0;
            sensors[0] = tick * 1e-3;
            sensors[2] = -tick * 1e-4;
            force[0] = tick % 2 == 0 ? 10 : -10;
            r.wrapForWrite(b, 0).counts(4, 1, 2, t % 10 == 0 ? 16 : 0);
            r.header(t, t * 20_000_000, t * 20_000_000, 0, 0, 0, episode, tick, 1, end ? episodeTicks : tick);
            r.status(end ? TickRecord.FLAG_EPISODE_END | TickRecord.FLAG_TRUNCATED : 0, -1, -1);
            r.sensors(sensors).requested(force).written(force).probes(probes);
            if (t % 10 == 0) {
                activity[0] = t;
                r.activitySnapshot(activity);
            }
            writer.onMessage(TelemetryPublisher.TICK_MSG_TYPE, b, 0, b.capacity());
        }
        writer.onClose();
        return file;
    }

    @Test
    void aLongEpisodesTrajectoryIsThinnedToABoundedNumberOfPoints(@TempDir Path dir) throws IOException {
        int lifetime = 3 * RunDigest.TRAJECTORY_POINTS + 500;
        RunDigest d = RunDigest.read(log(dir.resolve("t.bin"), 2L * lifetime + 10, lifetime), 400);
        assertEquals(2, d.episodes().size());
        assertEquals(lifetime, d.episodes().getFirst().lifetime());
        assertEquals(2, d.trajectories().size(), "the first (also the longest) and the last");
        for (RunDigest.Trajectory t : d.trajectories()) {
            int points = t.seconds().length;
            assertTrue(points <= RunDigest.TRAJECTORY_POINTS && points > RunDigest.TRAJECTORY_POINTS / 2, "points " + points);
            assertEquals(0.0, t.seconds()[0]);
            double last = t.seconds()[points - 1];
            assertTrue(last > (lifetime - 10) * 0.02 && last < lifetime * 0.02, "spans the episode: " + last + " s");
            int k = points / 2;
            assertEquals(Math.round(t.seconds()[k] / 0.02) * 1e-3, t.sensors()[0][k], 1e-9, "each point is its tick's");
        }
        assertEquals(400, d.snapshots().size());
        assertEquals((long) d.snapshotTicks().getLast(), (long) d.snapshots().getLast()[0], "the last snapshot is the last one's");
    }

    /**
     * A log over 2 GiB (about 2.3 GB, 14 million records): the digest counts every record and episode, and
     * allocates per episode, not per tick.
     */
    @Test
    @Tag("soak")
    void aLogLargerThanTwoGibibytesIsDigestedInMemoryIndependentOfItsLength(@TempDir Path dir) throws IOException {
        long ticks = 14_000_000;
        int episodeTicks = 500;
        assertTrue(Files.getFileStore(dir).getUsableSpace() > 5_000_000_000L, "room for the log in " + dir);
        Path file = log(dir.resolve("big.bin"), ticks, episodeTicks);
        assertTrue(Files.size(file) > (1L << 31), "size " + Files.size(file));
        long before = allocatedBytes();
        RunDigest d = RunDigest.read(file, 400);
        long allocated = allocatedBytes() - before;
        assertEquals(ticks, d.records());
        assertEquals(ticks / episodeTicks - 1, d.episodes().size(), "every finished episode");
        assertEquals(episodeTicks, d.episodes().getLast().lifetime());
        assertEquals(ticks, d.wakeNanos().getTotalCount());
        assertEquals(episodeTicks, d.trajectories().getLast().seconds().length);
        assertEquals(400, d.snapshots().size());
        assertTrue(!d.scan().damaged() && !d.scan().endsInPartialRecord());
        assertTrue(allocated < (64 << 20) + 1_000L * d.episodes().size(), allocated + " bytes allocated for " + ticks + " ticks");
        System.out.printf("digested %,d records, %,d bytes, %,d episodes; %,d bytes allocated%n", ticks, Files.size(file),
                d.episodes().size(), allocated);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
