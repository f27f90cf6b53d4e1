package org.neurorig.mop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.Corridor;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.Trajectory;

/**
 * Two round rooms joined by a narrow corridor in the (x1, x2) plane ({@link Corridor#standard()}: our
 * geometry, the paper does not publish its own), starting in the left room. Expected: the network crosses
 * the corridor, with low action entropy inside it and high entropy in the rooms.
 */
final class CorridorExperiment implements MopExperiment {

    static final double WINDOW = 0.32;

    @Override
    public String name() {
        return "corridor";
    }

    @Override
    public MopSettings defaults(int threads, Path out) {
        MopSettings b = MopExperiment.base(threads, out);
        // Optimistic start (every state worth the most): from a room's centre a uniform policy leaves the
        // room within two steps, even after training from V = 0, which gives the value network nothing to
        // learn from; with V = max at first, terminal successors are avoided from the
        // first step and training shapes the rest.
        return b.withTask(b.networks(), 60, 2000, b.testTrajectories()).withInitialValue(1);
    }

    @Override
    public void run(MopSettings s, ExperimentRunner runner, ExperimentReport report) {
        Corridor corridor = Corridor.standard();
        String label = "NeuroMOP";
        float[] start = {(float) -corridor.halfDistance(), 0f};
        List<Arm> arms = List.of(new Arm(label, i -> RecurrentArms.training(s, i, new RecurrentArms.Setup(
                ControllerKind.MOP, corridor, null, Objective.actionEntropy(s.gamma()), null, 0, s.rho(), start))));
        Map<String, List<NetworkResult>> results = runner.run(arms, s.networks(), s.testTrajectories());
        List<NetworkResult> res = results.get(label);
        report.line("corridor: rooms of radius %.2f at x1 = +-%.2f, corridor |x2| <= %.3f between them; start in the "
                + "left room's centre", corridor.roomRadius(), corridor.halfDistance(), corridor.corridorHalfWidth());
        List<Measure> measures = new java.util.ArrayList<>(Measure.STANDARD);
        Measure crossings = new Measure("room-to-room crossings per test trajectory", r -> crossings(r, corridor), 2);
        Measure roomEntropy = new Measure("action entropy in the rooms (nats)", r -> entropyIn(r, corridor, true), 3);
        Measure corridorEntropy = new Measure("action entropy in the corridor (nats)", r -> entropyIn(r, corridor, false), 3);
        measures.add(crossings);
        measures.add(roomEntropy);
        measures.add(corridorEntropy);
        report.table(results, measures);
        report.line("");
        report.line("what the paper shows, as measured:");
        Stat rooms = roomEntropy.over(res);
        Stat inCorridor = corridorEntropy.over(res);
        report.line("  crossings per trajectory %s; entropy rooms %s vs corridor %s: lower in the corridor %s",
                crossings.over(res).format(2), rooms.format(3), inCorridor.format(3),
                rooms.largerThan(inCorridor));
        report.figure("occupancy", Figures.occupancy("Corridor: occupancy of (x1, x2)",
                Traces.pooledOccupancy(res, -1, 0, 1, -WINDOW, WINDOW, 52), -WINDOW, WINDOW, "x1", "x2"));
        report.figure("entropy-by-place", Figures.bars("Action entropy by place", "H(A|x) (nats)",
                List.of("rooms", "corridor"), List.of(label), List.of(List.of(rooms, inCorridor))));
        report.figure("lifetime", Figures.perEpoch("Lifetime during training", "lifetime t_end", List.of(label),
                List.<double[][]>of(Traces.perEpoch(res, EpochReport::lifetime))));
        Trajectory example = res.get(0).allTests().get(0);
        var x1 = Figures.lines("x1 along a test trajectory (network 0)", "step", "x1");
        double[] v = new double[example.stateCount()];
        for (int t = 0; t < v.length; t++) {
            v[t] = example.state(t, 0);
        }
        Figures.addLine(x1, "x1", Traces.steps(v.length), v, null);
        report.figure("x1-trace", x1);
    }

    /** Entries into the other room, counted when (x1, x2) reaches a room other than the last one it was in. */
    static double crossings(NetworkResult r, Corridor c) {
        double total = 0;
        for (Trajectory t : r.allTests()) {
            int last = 0;
            int count = 0;
            for (int s = 0; s < t.stateCount(); s++) {
                int place = c.place(t.state(s, 0), t.state(s, 1));
                if (place == -1 || place == 1) {
                    if (last != 0 && place != last) {
                        count++;
                    }
                    last = place;
                }
            }
            total += count;
        }
        return total / r.allTests().size();
    }

    static double entropyIn(NetworkResult r, Corridor c, boolean rooms) {
        double sum = 0;
        long n = 0;
        for (Trajectory t : r.allTests()) {
            for (int s = 0; s < t.lifetime(); s++) {
                int place = c.place(t.state(s, 0), t.state(s, 1));
                boolean inRoom = place == -1 || place == 1;
                if ((rooms && inRoom) || (!rooms && place == 0)) {
                    sum += t.entropy(s);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
