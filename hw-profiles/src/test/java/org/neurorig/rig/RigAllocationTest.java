package org.neurorig.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurorig.testing.AllocationMeter;

/**
 * The tick of a rig assembled from a shipped profile allocates nothing: the whole path (calibration,
 * terminal conditions and reward, channel scaling, the network, each learning rule, the actuator limits,
 * the episode history, telemetry publishing) and its episode ends and resets. Stepped in invoker mode on
 * this thread, so the thread's allocation counter sees exactly the loop's work (and the telemetry
 * writer's drain, which {@link Rig#step()} runs here too).
 */
class RigAllocationTest {

    private static final int WARMUP_TICKS = 60_000;
    private static final int MEASURED_TICKS = 50_000;
    private static final int MAX_WINDOWS = 5;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} learning with {1}")
    @CsvSource({"sim-cartpole, wp", "sim-cartpole, np", "sim-cartpole, reinforce", "sim-cartpole, miconi",
            "sim-cartpole-nonideal, np", "sim-cartpole, none"})
    void aRigsTickAllocatesNothing(String profile, String rule) throws Exception {
        List<String> overrides = rule.equals("miconi") ? List.of("learning.rule=miconi", "network.readout_scale=1")
                : List.of("learning.rule=" + rule);
        RigOptions options = RigOptions.defaults().inInvokerMode().withWarnings(w -> { })
                .withTelemetry(dir.resolve(profile + "-" + rule + ".telemetry"));
        try (Rig rig = Rig.assemble(profile, overrides, options)) {
            steps(rig, WARMUP_TICKS);
            // as AllocationMeter: windows until one allocates nothing (the JIT may still be compiling), at most a few
            List<Long> windows = new java.util.ArrayList<>();
            long episodes = 0;
            for (int w = 0; w < MAX_WINDOWS && (windows.isEmpty() || windows.getLast() != 0); w++) {
                long episodesBefore = rig.history().count();
                windows.add(AllocationMeter.bytesAllocatedBy(() -> steps(rig, MEASURED_TICKS)));
                episodes = rig.history().count() - episodesBefore;
            }
            assertTrue(episodes >= 1, "the measured ticks include an episode's end and reset: " + episodes);
            assertEquals(0, rig.loop().trips());
            assertEquals(0, windows.getLast(), "bytes allocated per window of " + MEASURED_TICKS + " ticks: " + windows);
        }
    }

    private static void steps(Rig rig, int ticks) {
        try {
            for (int t = 0; t < ticks; t++) {
                rig.step();
            }
        } catch (RigException e) {
            throw new IllegalStateException(e);
        }
    }
}
