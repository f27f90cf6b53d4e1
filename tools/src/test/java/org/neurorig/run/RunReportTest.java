package org.neurorig.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.ControlLoop;
import org.neurorig.episode.Episodes;
import org.neurorig.control.NetworkController;
import org.neurorig.episode.Task;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.telemetry.TelemetryWriter;

/** The report of a run is made from its telemetry log alone: a real loop writes one, the digest and page read it. */
class RunReportTest {

    private static final int TICKS = 3000;

    private static Path runLoop(Path dir) throws Exception {
        RateNetwork network = new RateNetwork(NetworkConfig.of(32).withInputs(4).withOutputs(1).withSeed(3));
        SplittableRandom w = new SplittableRandom(4);
        for (int i = 0; i < network.readoutWeights().length; i++) {
            network.readoutWeights()[i] = (float) w.nextGaussian();
        }
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        SplittableRandom random = new SplittableRandom(5);
        CachedNanoClock clock = new CachedNanoClock();
        long period = 20_000_000L;
        clock.update(period);
        ControlLoop loop = ControlLoop.builder().devices(plant).controller(NetworkController.unscaled(network))
                .limits(ActuatorLimits.symmetric(10)).periodNanos(period).clock(clock)
                .episodes(new Episodes(plant, Task.survival(), 200, s -> CartPole.drawInitialState(plant.parameters(), random, s)))
                .telemetry(1 << 24, 16, 5).build();
        loop.activateDevices();
        Path log = dir.resolve("telemetry.bin");
        TelemetryWriter writer = new TelemetryWriter(loop.telemetry().ring(), loop.telemetry().layout(), log);
        AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, loop);
        invoker.start();
        for (int t = 0; t < TICKS; t++) {
            invoker.invoke();
            clock.advance(period);
            writer.doWork();
        }
        while (writer.doWork() > 0) {
            // drain what is left
        }
        writer.onClose();
        loop.closeDevices();
        return log;
    }

    @Test
    void theDigestCountsEveryTickAndEveryEpisodeOfTheLog(@TempDir Path dir) throws Exception {
        RunDigest d = RunDigest.read(runLoop(dir), 400);
        assertEquals(TICKS, d.records());
        assertTrue(d.episodes().size() >= TICKS / 200, "episodes: " + d.episodes().size());
        for (int i = 0; i < d.episodes().size(); i++) {
            assertEquals(i + 1, d.episodes().get(i).number(), "episodes count from 1, as users and the progress line do");
        }
        int ticksInFinished = d.episodes().stream().mapToInt(RunDigest.Episode::lifetime).sum();
        assertTrue(ticksInFinished <= TICKS && ticksInFinished > TICKS - 200, "ticks in finished episodes: " + ticksInFinished);
        for (RunDigest.Episode e : d.episodes()) {
            assertTrue(e.lifetime() >= 1 && e.lifetime() <= 200, "lifetime " + e.lifetime());
            assertEquals(e.lifetime(), e.episodeReturn(), 1e-9, "one reward per tick survived");
            assertTrue(e.terminal() != e.truncated(), "an episode ends one way: " + e);
            assertTrue(!e.truncated() || e.lifetime() == 200, "truncation is at the limit: " + e);
        }
        assertTrue(d.trajectories().size() >= 1 && d.trajectories().size() <= 3);
        for (RunDigest.Trajectory t : d.trajectories()) {
            RunDigest.Episode e = d.episodes().stream().filter(x -> x.number() == t.episode()).findFirst().orElseThrow();
            assertEquals(e.lifetime(), t.seconds().length, "every tick of episode " + e.number());
            assertEquals(4, t.sensors().length);
        }
        assertEquals(400, d.snapshots().size(), "the last 400 of " + TICKS / 5 + " snapshots");
        assertEquals(16, d.snapshots().getFirst().length);
        assertEquals(TICKS, d.wakeNanos().getTotalCount());
    }

    @Test
    void damagedTelemetryIsSaidInTheSummaryAndTheReport(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir.resolve("run"));
        Path log = runLoop(folder.dir());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(log)).order(ByteOrder.LITTLE_ENDIAN);
        int at = bytes.getInt(8);
        for (int i = 0; i < 1500; i++) {
            at += 12 + bytes.getInt(at + 4); // frames: sync, length, record, CRC-32C
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), at + 8 + 100); // inside record 1500
        }
        assertEquals(TICKS - 1, RunDigest.read(log, 400).records());
        RunRecord record = new RunRecord("sim-cartpole", List.of(), 10, true, null, "neurorig run --fast");
        RigRun.Outcome outcome = new RigRun.Outcome(RigRun.StopReason.EPISODES, "", 15, TICKS, 0, 0, 0, null, 0, 1.0);
        List<String> summary = RunReport.write(folder, new RunReport.Inputs(ProfileLoader.load("sim-cartpole", List.of()),
                "a test rig", record, outcome, List.of(), "name = \"sim-cartpole\""));
        String telemetry = summary.stream().filter(l -> l.startsWith("telemetry ")).findFirst().orElseThrow();
        assertTrue(telemetry.contains((TICKS - 1) + " records in telemetry.bin, 0 dropped by the loop; damaged: 1 region, "),
                telemetry);
        String page = Files.readString(folder.file(RunFolder.REPORT), StandardCharsets.UTF_8);
        assertTrue(page.contains("The telemetry is damaged"), "the report says so");
        assertTrue(page.contains(String.format(Locale.ROOT, "Telemetry damaged at byte %,d: ", at)), "and where");
    }

    @Test
    void thePageEmbedsEveryFigureAndEscapesTheParameters(@TempDir Path dir) throws Exception {
        RunDigest d = RunDigest.read(runLoop(dir), 400);
        RunFigures.learningCurve(d.episodes(), 200, dir.resolve(RunFigures.LEARNING_CURVE));
        RunFigures.latency(d.wakeNanos(), "Wake-up latency", dir.resolve(RunFigures.LATENCY));
        RunFigures.activity(d.snapshots(), d.snapshotTicks(), 0.02, dir.resolve(RunFigures.ACTIVITY));
        RunFigures.trajectories(d.trajectories(), 0, "cart position x (m)", 2, "pole angle theta (rad)",
                dir.resolve(RunFigures.TRAJECTORIES));
        List<ReportPage.Figure> figures = List.of(new ReportPage.Figure(dir.resolve(RunFigures.LEARNING_CURVE), "learning"),
                new ReportPage.Figure(dir.resolve(RunFigures.LATENCY), "latency"),
                new ReportPage.Figure(dir.resolve(RunFigures.ACTIVITY), "activity"),
                new ReportPage.Figure(dir.resolve(RunFigures.TRAJECTORIES), "trajectories"),
                new ReportPage.Figure(dir.resolve("missing.png"), "never made"));
        for (ReportPage.Figure f : figures.subList(0, 4)) {
            byte[] png = Files.readAllBytes(f.file());
            assertTrue(png.length > 2000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', f.file() + " is a PNG");
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("episodes", Integer.toString(d.episodes().size()));
        Path html = dir.resolve("report.html");
        ReportPage.write(html, "Run <test>", summary, List.of("a note"), figures, "name = \"a<b>\"");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertEquals(4, page.split("src=\"data:image/png;base64,", -1).length - 1, "four embedded images");
        assertTrue(page.contains("missing.png was not made"), "a missing figure is said, not dropped");
        assertTrue(page.contains("<title>Run &lt;test&gt;</title>") && page.contains("name = &quot;a&lt;b&gt;&quot;"));
        assertTrue(!Files.exists(dir.resolve("report.html.tmp")));
    }
}
