package org.neurorig.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.neurorig.telemetry.TelemetryLayout;
import org.neurorig.telemetry.TelemetryPublisher;
import org.neurorig.telemetry.TelemetryWriter;
import org.neurorig.telemetry.TickRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Records per second through the telemetry writer, in the shape of sim-cartpole's records (4 sensors,
 * 1 command, 4 probes; 16 activity units on every 10th record: 160 and 224 bytes). The log goes to
 * /dev/null, so the figure is the writer's own work (sequence check, staging, framing, the system call
 * per 256 KiB) and not the disk's:
 * <ul>
 *   <li>{@code writer}: records handed to the writer directly, as the ring's read hands them over;
 *   <li>{@code publishAndWrite}: the whole path, claimed and committed by the loop's publisher into the
 *       ring, then drained by the writer (the publisher's share is the loop's per-tick cost).
 * </ul>
 * The writers are never closed: /dev/null refuses the force() of a close, and the forked JVM's exit
 * closes the file. Run it with {@code java -cp "tools/target/neurorig-tools.jar:tools/target/lib/*" org.openjdk.jmh.Main
 * TelemetryWriterBenchmark} and the flags of {@code tools/target/classes/neurorig-jvm.flags}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TelemetryWriterBenchmark {

    private static final int BATCH = 256;
    private static final int SNAPSHOT_EVERY = 10;

    private final TelemetryLayout layout = new TelemetryLayout(List.of("s0", "s1", "s2", "s3"), List.of("c0"), 4, 16,
            SNAPSHOT_EVERY, 20_000_000);
    private final double[] sensors = {0.1, -0.2, 0.03, 0.4};
    private final double[] command = {1.5};
    private final double[] probes = {0.5, 2e-4, 0, 1};
    private final float[] activity = new float[200];
    private TelemetryPublisher publisher;
    private TelemetryWriter ringWriter;
    private TelemetryWriter directWriter;
    private UnsafeBuffer plain;
    private UnsafeBuffer withSnapshot;
    private long sequence;
    private long tick;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        publisher = new TelemetryPublisher(layout, 1 << 20);
        ringWriter = new TelemetryWriter(publisher.ring(), layout, Path.of("/dev/null"));
        directWriter = new TelemetryWriter(new TelemetryPublisher(layout, 4096).ring(), layout, Path.of("/dev/null"));
        plain = record(0);
        withSnapshot = record(16);
    }

    private UnsafeBuffer record(int units) {
        UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(TickRecord.length(4, 1, 4, units)));
        fill(new TickRecord().wrapForWrite(b, 0).counts(4, 1, 4, units), 0);
        return b;
    }

    private void fill(TickRecord r, long t) {
        r.header(t, t * 20_000_000, t * 20_000_000 + 1_000, t * 20_000_000 + 2_000, t * 20_000_000 + 3_000,
                t * 20_000_000 + 4_000, t / 500, (int) (t % 500), 1, t % 500);
        r.status(0, -1, -1);
        r.sensors(sensors).requested(command).written(command).probes(probes);
        if (r.activityCount() > 0) {
            r.activitySnapshot(activity);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long writer() {
        for (int i = 0; i < BATCH; i++) {
            UnsafeBuffer r = sequence % SNAPSHOT_EVERY == 0 ? withSnapshot : plain;
            r.putLong(TickRecord.SEQUENCE_OFFSET, sequence++);
            directWriter.onMessage(TelemetryPublisher.TICK_MSG_TYPE, r, 0, r.capacity());
        }
        return directWriter.received();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishAndWrite() {
        for (int i = 0; i < BATCH; i++) {
            long t = tick++;
            TickRecord r = publisher.claim(4, t % SNAPSHOT_EVERY == 0 ? 16 : 0);
            fill(r, t);
            publisher.commit();
        }
        while (ringWriter.doWork() > 0) {
            // drains the batch; the idle call after it flushes, as the writer's thread does when the ring is empty
        }
        return ringWriter.received();
    }
}
