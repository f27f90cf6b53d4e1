package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.WeightMatrix;
import org.neurorig.testing.AllocationMeter;

/**
 * The periodic checkpoint, driven by hand: the loop's side ({@link WeightSnapshot#episodeEnded}) and
 * the saver's ({@link PeriodicCheckpoint#doWork()}) on one thread, on an injected clock.
 */
class PeriodicCheckpointTest {

    @TempDir
    Path dir;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> warnings = new ArrayList<>();

    private static RateNetwork network() {
        return new RateNetwork(NetworkConfig.of(12).withInputs(4).withOutputs(1).withSeed(3), Kernels.best());
    }

    /** The loop's side of {@code episodes} episodes: each changes the weights, then ends. */
    private static void episodes(RateNetwork net, WeightSnapshot snapshot, long from, int episodes, PeriodicCheckpoint saver) {
        for (long e = from + 1; e <= from + episodes; e++) {
            net.readoutWeights()[0] = e;
            snapshot.episodeEnded(e);
            saver.doWork();
        }
    }

    @Test
    void savesTheWeightsOfTheEpisodeEndAfterEveryNEpisodes() throws IOException {
        RateNetwork net = network();
        WeightSnapshot snapshot = WeightSnapshot.of(net, 0);
        Path file = dir.resolve("checkpoint.nrck");
        PeriodicCheckpoint saver = new PeriodicCheckpoint(snapshot, file, 5, 0, clock, warnings::add);
        saver.onStart();
        episodes(net, snapshot, 0, 4, saver);
        assertFalse(Files.exists(file), "not before 5 episodes");
        episodes(net, snapshot, 4, 1, saver); // the 5th: asked for; the copy is made at the next end
        assertFalse(Files.exists(file));
        episodes(net, snapshot, 5, 1, saver);
        assertEquals(1, saver.saves());
        assertEquals(6, Checkpoint.summary(file).episodes());
        assertEquals(6f, Checkpoint.load(file).get(2).data()[0], "the weights as episode 6 ended them");
        net.readoutWeights()[0] = 99; // the loop goes on: the file keeps the copy
        RateNetwork restored = network();
        Checkpoint.restore(file, restored);
        assertEquals(6f, restored.readoutWeights()[0]);
        episodes(net, snapshot, 6, 20, saver);
        assertEquals(5, saver.saves(), "after episodes 6 (asked at 5), 11 (asked at 10), 16, 21 and 26");
        assertEquals(26, saver.savedEpisodes());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void theMinimumIntervalHoldsCheckpointsBack() throws IOException {
        RateNetwork net = network();
        WeightSnapshot snapshot = WeightSnapshot.of(net, 100);
        Path file = dir.resolve("checkpoint.nrck");
        PeriodicCheckpoint saver = new PeriodicCheckpoint(snapshot, file, 1, TimeUnit.SECONDS.toNanos(30), clock, warnings::add);
        episodes(net, snapshot, 100, 50, saver);
        assertEquals(0, saver.saves(), "within 30 s of the start");
        clock.advance(TimeUnit.SECONDS.toNanos(30));
        episodes(net, snapshot, 150, 2, saver);
        assertEquals(1, saver.saves());
        assertEquals(152, Checkpoint.summary(file).episodes(), "counted on from the resumed checkpoint's 100");
        episodes(net, snapshot, 152, 50, saver);
        assertEquals(1, saver.saves(), "the next not within 30 s of the last");
    }

    @Test
    void aFailedSaveWarnsOnceKeepsThePreviousAndRecovers() throws IOException {
        RateNetwork net = network();
        WeightSnapshot snapshot = WeightSnapshot.of(net, 0);
        Path sub = Files.createDirectory(dir.resolve("run"));
        Path file = sub.resolve("checkpoint.nrck");
        PeriodicCheckpoint saver = new PeriodicCheckpoint(snapshot, file, 2, 0, clock, warnings::add);
        episodes(net, snapshot, 0, 3, saver);
        assertEquals(3, Checkpoint.summary(file).episodes());
        Path away = Files.move(sub, dir.resolve("away")); // its folder gone: every save fails, as on a full disk
        episodes(net, snapshot, 3, 10, saver);
        Files.move(away, sub);
        assertEquals(1, saver.saves());
        assertEquals(1, warnings.size(), "one warning while it fails: " + warnings);
        assertTrue(warnings.getFirst().startsWith("a periodic checkpoint was not saved: cannot save checkpoint " + file),
                warnings.getFirst());
        assertEquals(3, Checkpoint.summary(file).episodes(), "the previous checkpoint stays");
        episodes(net, snapshot, 13, 4, saver);
        assertTrue(Checkpoint.summary(file).episodes() > 13, "saved again: " + Checkpoint.summary(file));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).startsWith("checkpoints are saved again"), warnings.get(1));
    }

    @Test
    void whatAKillDuringASaveLeftIsRemovedAtTheStart() throws IOException {
        Path file = dir.resolve("checkpoint.nrck");
        Files.write(dir.resolve(".checkpoint.nrck.12345.tmp"), new byte[64]);
        Files.write(dir.resolve("other.tmp"), new byte[1]);
        PeriodicCheckpoint saver = new PeriodicCheckpoint(WeightSnapshot.of(network(), 0), file, 1, 0, clock, warnings::add);
        saver.onStart();
        assertFalse(Files.exists(dir.resolve(".checkpoint.nrck.12345.tmp")));
        assertTrue(Files.exists(dir.resolve("other.tmp")), "only its own temporary files");
    }

    /** The loop's side, the copy included, allocates nothing. */
    @Test
    void theLoopsCopyAllocatesNothing() {
        RateNetwork net = new RateNetwork(NetworkConfig.of(200).withInputs(4).withOutputs(1).withSeed(3), Kernels.best());
        WeightSnapshot snapshot = WeightSnapshot.of(net, 0);
        long[] episode = {0};
        Runnable copies = () -> {
            for (int i = 0; i < 1000; i++) {
                snapshot.request();
                snapshot.episodeEnded(++episode[0]);
                snapshot.release();
            }
        };
        AllocationMeter.warmUp(copies, 20);
        assertEquals(0, AllocationMeter.bytesAllocatedAtRest(copies, 3));
        snapshot.request();
        net.recurrentWeights()[7] = 0.5f;
        snapshot.episodeEnded(++episode[0]);
        assertTrue(snapshot.ready());
        WeightMatrix recurrent = snapshot.matrices().getFirst();
        assertArrayEquals(net.recurrentWeights(), recurrent.data());
    }
}
