package org.neurorig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Guards the width-specific test runs: each must really run at the width it claims to test. */
@Tag("simd")
class VectorWidthTest {

    @Test
    void vectorKernelsRunAtTheWidthThisTestRunWasStartedFor() {
        String expected = System.getProperty("neurorig.test.vectorBits");
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), Kernels.vectorBits(), "-XX:MaxVectorSize did not take effect");
            assertEquals("vector-" + expected, Kernels.vector().name());
        }
        assertTrue(Kernels.allNative().contains(Kernels.scalar()));
        assertEquals(Kernels.hasVectorKernels() ? Kernels.vector() : Kernels.scalar(), Kernels.best());
    }
}
