package org.neurorig.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.plant.nonideal.NonIdealities;

/** A log replayed as it is read, and a replay that stops where the plant's state stops being a number. */
class PlantReplayStreamTest {

    private static final String HEADER = EpisodeLog.HEADER;

    @TempDir
    Path dir;

    private Path log(String... rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(rows));
        return Files.write(dir.resolve("log.csv"), lines);
    }

    @Test
    void rowsReachTheReplayBeforeTheRestOfTheFileIsRead() throws IOException {
        Path in = log("0,0,,0,0,0,0,0", "0,1,1,,,,,", "0,2,0,,,,,", "this row is malformed");
        List<Integer> seen = new ArrayList<>();
        RuntimeException stop = new IllegalStateException("stop");
        EpisodeLog.Rows rows = new EpisodeLog.Rows() {
            @Override
            public void start(long episode, int line, double[] initialState) {
                seen.add(line);
            }

            @Override
            public void step(long episode, int line, int step, double action, double[] loggedState, int loggedTerminated) {
                seen.add(line);
                throw stop;
            }
        };
        assertEquals(stop, assertThrows(IllegalStateException.class, () -> EpisodeLog.read(in, ReplayPlant.CARTPOLE_GYM, rows)),
                "the replay's own stop comes first: the malformed last row had not been read yet");
        assertEquals(List.of(2, 3), seen);
    }

    @Test
    void noRowAfterTheFirstMalformedOneIsReplayedButEveryOneIsReported() throws IOException {
        Path in = log("0,0,,0,0,0,0,0", "0,1,1,,,,,", "0,2,7,,,,,", "0,3,1,,,,,", "1,0,,0,0,0,0,0", "1,1,5,,,,,");
        List<Integer> seen = new ArrayList<>();
        EpisodeLog.Rows rows = new EpisodeLog.Rows() {
            @Override
            public void start(long episode, int line, double[] initialState) {
                seen.add(line);
            }

            @Override
            public void step(long episode, int line, int step, double action, double[] loggedState, int loggedTerminated) {
                seen.add(line);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EpisodeLog.read(in, ReplayPlant.CARTPOLE_GYM, rows));
        assertTrue(e.getMessage().startsWith(in + ": 2 malformed rows; nothing was replayed"), e.getMessage());
        assertTrue(e.getMessage().contains(in + ":7: action 5 is not"), e.getMessage());
        assertEquals(List.of(2, 3), seen, "rows after the malformed line 4 are checked, not replayed");
    }

    @Test
    void aStateThatLeavesTheDoublesStopsTheReplayAtItsRow() throws IOException {
        Path in = log("3,0,,0,0,0,0,0", "3,1,1,,,,,", "3,2,1,,,,,", "3,3,0,,,,,", "3,4,0,,,,,");
        Plant plant = new OverflowingPlant(ReplayPlant.CARTPOLE_GYM.create(NonIdealities.none(), 1), 3);
        StringWriter out = new StringWriter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlantReplay.run(in, ReplayPlant.CARTPOLE_GYM, plant, out));
        assertTrue(e.getMessage().startsWith(in + ":5: episode 3 step 3: the plant's x_dot is Infinity after action 0 (x "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the physics cannot go on from there, so the replay stopped and nothing was"
                + " written; end the episode before this row"), e.getMessage());
        assertEquals(4, out.toString().lines().count(), "the header and steps 0 to 2; no row of a state that is no number");
        assertTrue(out.toString().lines().noneMatch(l -> l.contains("Infinity") || l.contains("NaN")), out.toString());
    }

    /** The ideal plant until its {@code failAt}-th step, whose x_dot overflows, as explicit Euler's can after long enough. */
    private static final class OverflowingPlant implements Plant {
        private final Plant plant;
        private final int failAt;
        private int steps;

        OverflowingPlant(Plant plant, int failAt) {
            this.plant = plant;
            this.failAt = failAt;
        }

        @Override
        public DeviceStatus write(long nowNanos, double[] commands) {
            steps++;
            return plant.write(nowNanos, commands);
        }

        @Override
        public void trueState(double[] state) {
            plant.trueState(state);
            if (steps >= failAt) {
                state[1] = Double.POSITIVE_INFINITY;
            }
        }

        @Override
        public DeviceStatus reset(double[] initialState) {
            return plant.reset(initialState);
        }

        @Override
        public boolean terminated() {
            return plant.terminated();
        }

        @Override
        public int stateSize() {
            return plant.stateSize();
        }

        @Override
        public double dt() {
            return plant.dt();
        }

        @Override
        public String name() {
            return "overflowing";
        }

        @Override
        public int sensorCount() {
            return plant.sensorCount();
        }

        @Override
        public int actuatorCount() {
            return plant.actuatorCount();
        }

        @Override
        public void configure() {
        }

        @Override
        public void activate() {
            plant.activate();
        }

        @Override
        public DeviceStatus read(long nowNanos, double[] sensors) {
            return plant.read(nowNanos, sensors);
        }

        @Override
        public void safeState() {
        }

        @Override
        public void deactivate() {
            plant.deactivate();
        }

        @Override
        public void close() {
        }
    }
}
