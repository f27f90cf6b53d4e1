package org.neurorig.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On a clock that only the operations advance, so that every time measured is known exactly. */
class InterleavedTimingTest {

    private long now;
    private long periodicCalls;

    /** 10 ns a call. */
    private InterleavedTiming.Operation step() {
        return new InterleavedTiming.Operation("step", () -> now += 10);
    }

    /** A block of 200 ns every 4th call, nothing in between: 50 ns a call on average. */
    private InterleavedTiming.Operation everyFourth() {
        return new InterleavedTiming.Operation("recurrentUpdateEvery4", () -> now += ++periodicCalls % 4 == 0 ? 200 : 0, 4);
    }

    @Test
    void periodicOperationsAreTimedInWholePeriods() {
        Map<String, InterleavedTiming.Result> results = InterleavedTiming.measure(List.of(step(), everyFourth()), 2, 5, 100_000,
                () -> now);
        assertEquals(0, periodicCalls % 4, "whole periods only: " + periodicCalls + " calls");
        assertEquals(50.0, results.get("recurrentUpdateEvery4").medianNanos(), "the block's cost over 4, exactly");
        assertEquals(5.0, results.get("recurrentUpdateEvery4").medianRatio());
    }

    @Test
    void everyOperationIsReportedInItsOrderAgainstTheFirst() {
        InterleavedTiming.Operation fourTimesTheStep = new InterleavedTiming.Operation("recurrentUpdate", () -> now += 40);
        Map<String, InterleavedTiming.Result> results = InterleavedTiming.measure(List.of(step(), fourTimesTheStep, everyFourth()), 1,
                3, 50_000, () -> now);
        assertEquals(List.of("step", "recurrentUpdate", "recurrentUpdateEvery4"), List.copyOf(results.keySet()));
        assertEquals(new InterleavedTiming.Result(10, 1), results.get("step"), "the reference against itself");
        assertEquals(new InterleavedTiming.Result(40, 4), results.get("recurrentUpdate"));
        assertEquals(new InterleavedTiming.Result(50, 5), results.get("recurrentUpdateEvery4"));
    }

    @Test
    void aPeriodBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InterleavedTiming.Operation("x", () -> 0, 0));
        assertEquals("x: period = 0 calls; expected 1 or more", e.getMessage());
    }
}
