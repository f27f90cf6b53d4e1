package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void listNamesEveryShippedProfileWithItsDevice() {
        CliRun o = run("profiles", "list");
        assertEquals(0, o.code(), o.err());
        for (String name : new String[] {"sim-cartpole", "uno-emulated", "uno-usb", "rpi-cartpole"}) {
            assertTrue(o.out().contains(name), o.out());
        }
        assertTrue(!o.out().contains("INVALID"), o.out());
    }

    @Test
    void checkSaysValidOrListsEveryProblemAndExitsTwo(@TempDir Path dir) throws IOException {
        assertEquals(0, run("profiles", "check", "sim-cartpole").code());
        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, "extends = \"sim-cartpole\"\n[network]\nn = 0\nphi = \"sigmoid\"\n");
        CliRun o = run("profiles", "check", bad.toString());
        assertEquals(2, o.code());
        assertEquals(bad + ":3: network.n: 0 is out of range: expected an integer in [1, 8192]\n"
                + bad + ":4: network.phi: \"sigmoid\" is not one of tanh, relu\n"
                + "2 problems\n", o.err());
    }

    @Test
    void showPrintsTheResolvedProfile() {
        CliRun o = run("profiles", "show", "uno-emulated", "--set", "network.n=16");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("emulated = true"), o.out());
        assertTrue(o.out().contains("n = 16    # --set"), o.out());
    }
}
