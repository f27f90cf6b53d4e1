package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.testing.PackageCycles;

/** No package of firmware-bridge's main classes reaches back to itself through the others. */
class NoPackageCycleTest {

    @Test
    void firmwareBridgesPackagesHaveNoCycle() {
        assertEquals(List.of(), PackageCycles.in(Path.of("target/classes")));
    }
}
