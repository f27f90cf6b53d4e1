package org.neurorig.mop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatTest {

    @Test
    void aDifferenceCountsOnlyBeyondTwiceItsStandardError() {
        Stat a = new Stat(1.0, 0.3, 10);
        Stat b = new Stat(0.0, 0.4, 10); // the difference's SEM is 0.5: 1.0 is 2 SEM, not beyond
        assertEquals("not resolved (within 2 SEM)", a.largerThan(b));
        assertEquals("yes", new Stat(1.01, 0.3, 10).largerThan(b));
        assertEquals("NO", b.largerThan(new Stat(1.01, 0.3, 10)));
    }

    @Test
    void pairedDifferencesAreJudgedAgainstZero() {
        assertEquals("yes", Stat.of(new double[] {0.010, 0.012, 0.011, 0.009}).positive());
        assertEquals("not resolved (within 2 SEM)", Stat.of(new double[] {0.003, -0.002, 0.004, -0.001}).positive());
        assertEquals("NO", Stat.of(new double[] {-0.010, -0.012, -0.011, -0.009}).positive());
        assertEquals("not measured", Stat.of(new double[] {Double.NaN}).positive());
    }
}
