package org.neurorig.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker itself finds a cycle where there is one, and runtime's main classes have none. */
class PackageCyclesTest {

    @Test
    void aRingOfPackagesIsOneCycleAndALineIsNone() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(),
                "e", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), PackageCycles.cycles(uses));
        assertEquals(List.of(), PackageCycles.cycles(Map.of("a", Set.of("b"), "b", Set.of("c"))));
    }

    @Test
    void jdepsSeesTheDependenciesBetweenRuntimesPackages() {
        Map<String, Set<String>> uses = PackageCycles.dependencies(Path.of("target/classes"));
        // ControlLoop drives a Device; nothing in device knows of the loop
        assertTrue(uses.get("org.neurorig.loop").contains("org.neurorig.device"), uses.toString());
        assertFalse(uses.get("org.neurorig.device").contains("org.neurorig.loop"), uses.toString());
    }

    @Test
    void runtimesPackagesHaveNoCycle() {
        assertEquals(List.of(), PackageCycles.in(Path.of("target/classes")));
    }
}
