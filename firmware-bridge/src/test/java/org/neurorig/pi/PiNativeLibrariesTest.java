package org.neurorig.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pi4J's JNI libraries for aarch64 load and answer. Pi4J ships them for ARM only (lib/aarch64 and
 * lib/armhf in pi4j-library-gpiod and pi4j-library-linuxfs), so on x86 the tests skip; tools/lanes pi4
 * and pi5 run them on Debian's arm64 JDK under QEMU. Neither call needs GPIO hardware: a library that is
 * missing, of the wrong architecture or with an unresolved symbol fails here, before a Pi does.
 *
 * <p>Pi4J's own loader unpacks them only on a board it recognises as a Pi, which an emulator is not, so
 * the test unpacks the same files from the same jars and points Pi4J's {@code pi4j.library.path} at them.
 */
class PiNativeLibrariesTest {

    private static final String[] LIBRARIES = {"pi4j-gpiod/libgpiod.so", "pi4j-gpiod/libpi4j-gpiod.so",
            "pi4j-linuxfs/libpi4j-linuxfs.so"};

    @TempDir
    static Path unpacked;

    private static boolean aarch64() {
        return System.getProperty("os.arch").equals("aarch64");
    }

    @BeforeAll
    static void unpackPi4jsLibraries() throws IOException {
        if (!aarch64()) {
            return;
        }
        for (String library : LIBRARIES) {
            try (InputStream in = PiNativeLibrariesTest.class.getClassLoader().getResourceAsStream("lib/aarch64/" + library)) {
                assertNotNull(in, "Pi4J's jars have no lib/aarch64/" + library);
                Files.copy(in, unpacked.resolve(Path.of(library).getFileName()));
            }
        }
        System.setProperty("pi4j.library.path", unpacked.toString());
    }

    private static void onAarch64Only() {
        assumeTrue(aarch64(), "Pi4J's native libraries are built for ARM only; this JVM is "
                + System.getProperty("os.arch") + " (tools/lanes pi4 runs this)");
    }

    @Test
    void libgpiodAndPi4jsBindingLoadAndReportTheirVersion() throws Exception {
        onAarch64Only();
        // package-private in Pi4J: its provider calls it; the version string comes from libgpiod itself
        Method version = Class.forName("com.pi4j.library.gpiod.internal.GpioD").getDeclaredMethod("getVersion");
        version.setAccessible(true);
        String v = (String) version.invoke(null);
        assertTrue(v != null && v.matches("\\d+\\.\\d+.*"), "libgpiod's version: " + v);
    }

    /** LinuxFile is what the linuxfs plugin's I2C bus (the AS5600's) opens /dev/i2c-N and calls ioctl through. */
    @Test
    void linuxfsBindingLoadsAndCallsTheCLibrary() throws Exception {
        onAarch64Only();
        Method strerror = Class.forName("com.pi4j.library.linuxfs.LinuxFile").getDeclaredMethod("strerror", int.class);
        strerror.setAccessible(true);
        assertEquals("No such file or directory", strerror.invoke(null, 2));
    }
}
