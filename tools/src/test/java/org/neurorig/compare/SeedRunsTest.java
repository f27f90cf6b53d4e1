package org.neurorig.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.mop.Stat;

class SeedRunsTest {

    private static final Condition IDEAL = Condition.on(Axis.named("delay"), 0);
    private static final LearnerRun.Progress NONE = new LearnerRun.Progress(new double[0], new double[0]);

    private static LearnerRun run(int seed, int criterion, int firstFull, int... lengths) {
        GreedyTest.Score score = new GreedyTest.Score(100 + seed, 1, 2, 50);
        return new LearnerRun(Learner.NP, IDEAL, seed, lengths, criterion, firstFull, 0, NONE, score, score, 0);
    }

    @Test
    void theCriterionIsAveragedOverTheSeedsThatMetIt() {
        SeedRuns seeds = new SeedRuns(List.of(run(0, 20, 5), run(1, -1, -1), run(2, 40, 9)));
        Stat criterion = seeds.criterion();
        assertEquals(2, seeds.reached());
        assertEquals(2, criterion.n());
        assertEquals(30, criterion.mean(), 1e-12);
        assertEquals(0, new SeedRuns(List.of(run(0, -1, -1))).criterion().n(), "none met it");
    }

    @Test
    void theFirstFullEpisodeIsTheMedianWithSeedsWithoutOneCountedAsNever() {
        assertEquals("9 (3/3)", new SeedRuns(List.of(run(0, 0, 5), run(1, 0, 12), run(2, 0, 9))).firstFull());
        assertEquals("12 (2/3)", new SeedRuns(List.of(run(0, 0, 5), run(1, 0, -1), run(2, 0, 12))).firstFull(),
                "a seed without one sorts last");
        assertEquals("never (1/3)", new SeedRuns(List.of(run(0, 0, -1), run(1, 0, 7), run(2, 0, -1))).firstFull());
        assertEquals("never (1/2)", new SeedRuns(List.of(run(0, 0, 4), run(1, 0, -1))).firstFull(), "an even count: the middle two");
        assertEquals("6 (2/2)", new SeedRuns(List.of(run(0, 0, 4), run(1, 0, 8))).firstFull());
    }

    @Test
    void resultsGiveEachCellItsRunsInTheOrderOfTheSeeds() {
        LearnerRun s1 = new LearnerRun(Learner.S, IDEAL, 1, new int[0], 0, -1, 60, NONE, null, null, 0);
        CompareResults results = new CompareResults(CompareSettings.quick(1), List.of(run(2, 0, 1), s1, run(0, 0, 1), run(1, 0, 1)), List.of(),
                List.of(), 0);
        assertEquals(List.of(0, 1, 2), results.seeds(IDEAL, Learner.NP).list().stream().map(LearnerRun::seed).toList());
        assertEquals(List.of(s1), results.seeds(IDEAL, Learner.S).list());
        assertEquals(0, results.seeds(Condition.on(Axis.named("delay"), 4), Learner.NP).size());
    }

    @Test
    void aLostRunIsListedAndItsCellCountsTheSeedsThatRan() {
        CompareResults results = new CompareResults(CompareSettings.quick(1), List.of(run(0, 3, 1), run(2, 5, 1)), List.of(),
                List.of(new CompareResults.Lost(IDEAL, Learner.NP, 1, "the loop's watchdog stopped the run: READ_FAULT (3 attempts)")), 0);
        List<String> text = new CompareReport(results).text();
        assertTrue(text.contains("  seed 1 ideal H: NP: the loop's watchdog stopped the run: READ_FAULT (3 attempts)"), String.join("\n", text));
        assertTrue(text.stream().anyMatch(l -> l.contains("H: NP") && l.contains("| 2/2 ")), "met over the two seeds that ran: "
                + String.join("\n", text));
    }

    @Test
    void theLearningCurveIsTheMeanOverSeedsOfATenEpisodeMovingMean() {
        int[] ones = new int[12];
        int[] rising = new int[12];
        for (int e = 0; e < 12; e++) {
            ones[e] = 10;
            rising[e] = 10 * (e + 1);
        }
        LearningCurve curve = LearningCurve.of(new SeedRuns(List.of(run(0, -1, -1, ones), run(1, -1, -1, rising))));
        assertEquals(12, curve.length());
        assertEquals(1, curve.episodes()[0]);
        assertEquals(10, curve.mean()[0], 1e-12, "episode 1: both seeds at 10");
        // episode 12: the window is episodes 3 to 12, whose rising mean is 75; with the other seed's 10, 42.5
        assertEquals(42.5, curve.mean()[11], 1e-12);
        assertEquals(32.5, curve.sem()[11], 1e-12, "SEM of {10, 75}: |75 - 10| / 2");
        assertArrayEquals(new double[0], LearningCurve.of(new SeedRuns(List.of())).mean());
    }
}
