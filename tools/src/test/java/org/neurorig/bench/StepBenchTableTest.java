package org.neurorig.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepBenchTableTest {

    @Test
    void rendersTimesThroughputAndRatios() {
        StepBenchTable table = new StepBenchTable();
        table.add(512, "scalar", 240_000);
        table.add(512, "vector", 12_000);
        table.add(512, "openblas", 15_000);
        String text = table.render();
        String row = text.lines().filter(l -> l.trim().startsWith("512")).findFirst().orElseThrow();
        // 2 N^2 + 10 N flops = 529,408 per step: 44.12 GFLOP/s at 12 us
        assertTrue(row.contains("44.12"), row);
        assertTrue(row.contains("20.00x"), row);
        assertTrue(row.contains("1.25x"), row);
        assertEquals(12_000, table.nanos(512, "vector"), 0);
    }

    @Test
    void jvmFlagsComeFromTheParentPom() {
        assertTrue(JvmFlags.fromBuild().contains("--add-modules=jdk.incubator.vector"), JvmFlags.fromBuild().toString());
    }
}
