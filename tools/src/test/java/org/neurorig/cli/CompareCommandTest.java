package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickRunPrintsProgressAndTheTablesAndFillsTheRunFolder() throws IOException {
        Path run = dir.resolve("run");
        CliRun o = CliRun.of("compare", "--quick", "--threads", "2", "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        // 2 seeds x 2 points of the delay axis x 6 learners
        assertTrue(o.out().contains("] 24/24 seed "), "progress is shown: " + o.out());
        assertTrue(o.out().contains("seed 1: S trained on the nominal model, cost "), o.out());
        assertTrue(o.out().contains("seed 1: S trained on the true model of delay 4, cost "), o.out());
        for (String row : List.of("delay 0        S ", "S on the true model", "H: NP", "H: WP", "H: REINFORCE", "S->H", "delay 4 ")) {
            assertTrue(o.out().contains(row), row + " in the table: " + o.out());
        }
        assertTrue(o.out().contains("Where S breaks: the first point, outward from the ideal"), "the breaking points: " + o.out());
        assertTrue(o.out().contains("On the ideal hardware (the model itself), with learning off: S "), "the reading: " + o.out());
        List<String> csv = Files.readAllLines(run.resolve("table.csv"));
        assertEquals(25, csv.size(), "a header and one line per run");
        assertTrue(csv.getFirst().startsWith("axis,value,hardware,learner,seed,criterion"));
        assertTrue(Files.readString(run.resolve("settings.txt")).startsWith("command: neurorig compare --quick --threads 2 --out "));
        assertTrue(Files.readString(run.resolve("settings.txt")).contains("axis delay (actuator delay, ticks): [0, 4]"));
        assertTrue(Files.readString(run.resolve("summary.txt")).contains("wall time: "));
        assertTrue(Files.readString(run.resolve("curves.csv")).startsWith("hardware,learner,episode,mean_length_10,sem,seeds\nideal,H: NP,1,"));
        List<String> progress = Files.readAllLines(run.resolve("progress.csv"));
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("delay 4,S,0,model rollouts,100,")), "S's snapshots: " + progress);
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("delay 4,H: NP,1,hardware episodes,40,")), "NP's checks: " + progress);
        assertTrue(o.out().contains("The bias itself: the cosine between S's model gradient and the hardware's"), o.out());
        assertTrue(o.out().contains("seed 1 delay 4: gradient cosine, S's model against the hardware: cosine "), o.out());
        List<String> cosines = Files.readAllLines(run.resolve("cosine.csv"));
        assertEquals(5, cosines.size(), "a header and a cosine per seed and hardware: " + cosines);
        assertTrue(cosines.get(1).startsWith("delay,0,ideal,0,"), cosines.get(1));
        for (String png : List.of("axis-delay.png", "gradient-cosine.png", "learning-curves.png", "cost.png")) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(run.resolve(png)), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png);
            assertTrue(Files.size(run.resolve(png)) > 10_000, png + " has content");
        }
    }

    private void refused(String message, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "compare";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun o = CliRun.of(full);
        assertEquals(2, o.code(), String.join(" ", args) + ": " + o.out());
        assertEquals("neurorig compare: " + message, o.err().strip());
        assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
    }

    @Test
    void badOptionsAreOneLineNamingTheOption() throws IOException {
        Path out = dir.resolve("x").toAbsolutePath();
        refused("--seeds: 0 is out of range: expected 1 to 100", "--seeds", "0", "--out", out.toString());
        refused("--axis: unknown axis 'wind': expected one of delay, hold, length, gain, offset, bias, severity", "--axis", "wind",
                "--out", out.toString());
        refused("--axis delay: 1.5 is out of range: expected an integer from 0 to 100 (ticks)", "--axis", "delay=0,1.5", "--out",
                out.toString());
        refused("--axis gain: -1 is out of range: expected a number from -0.99 to 10 (relative)", "--axis", "gain=-1,0", "--out",
                out.toString());
        refused("--axis delay=0,x: 'x' is not a number", "--axis", "delay=0,x", "--out", out.toString());
        refused("--axis delay is given twice: give it once, with all its values", "--axis", "delay", "--axis", "delay=1", "--out",
                out.toString());
        refused("--learners: unknown learner 'bptt': expected all, or some of s, strue, np, wp, reinforce, bernoulli, finetune",
                "--learners", "s,bptt", "--out", out.toString());
        refused("--quick and --full: choose one", "--quick", "--full", "--out", out.toString());
        refused("--ticks: 0 is out of range: expected 1 to 100000", "--ticks", "0", "--out", out.toString());
        refused("--hardware takes a profile as it is: it has no --axis to sweep", "--hardware", "sim-cartpole", "--axis", "delay", "--out",
                out.toString());
        refused("--real-time paces a device's profile: give it with --hardware PROFILE, e.g. --hardware uno-emulated", "--real-time",
                "--out", out.toString());
        refused("--real-time: sim-cartpole is simulated in this process and has no time of its own; give a device's profile (uno-emulated,"
                + " uno-usb, rpi-cartpole) or leave --real-time out", "--real-time", "--hardware", "sim-cartpole", "--out", out.toString());
        Path pendulum = Files.writeString(dir.resolve("pendulum.toml"), """
                extends = "sim-cartpole"
                [rig]
                name = "pendulum"
                [[actuators]]
                name = "torque"
                unit = "N m"
                min = -1.0
                max = 1.0
                safe = 0.0
                """);
        CliRun notACartPole = CliRun.of("compare", "--hardware", pendulum.toString(), "--out", out.toString());
        assertEquals(2, notACartPole.code(), notACartPole.out());
        assertTrue(notACartPole.err().startsWith("neurorig compare: --hardware " + pendulum + ": pendulum is not a cart-pole to train on"),
                notACartPole.err());
        assertEquals(1, notACartPole.err().strip().lines().count(), notACartPole.err());
        CliRun missing = CliRun.of("compare", "--hardware", "nosuch", "--out", out.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("neurorig compare: --hardware: nosuch: no profile named 'nosuch'"), missing.err());
        refused("--episodes: 0 is out of range: expected 1 to 100000", "--episodes", "0", "--out", out.toString());
        refused("--set np.eta=fast: not a number", "--set", "np.eta=fast", "--out", out.toString());
        refused("--set np.speed=1: unknown setting 'np.speed': expected one of " + String.join(", ",
                org.neurorig.compare.Comparison.settingKeys()), "--set", "np.speed=1", "--out", out.toString());
        refused("--set wp.eta=-1: learning rate = -1.0 is out of range: expected a finite number >= 0", "--set", "wp.eta=-1",
                "--out", out.toString());
        refused("--set noequals: expected KEY=VALUE, e.g. --set np.eta=3e-4", "--set", "noequals", "--out", out.toString());
        Path file = Files.writeString(dir.resolve("file"), "");
        CliRun inTheWay = CliRun.of("compare", "--quick", "--out", file.toString());
        assertEquals(2, inTheWay.code());
        assertTrue(inTheWay.err().startsWith("neurorig compare: cannot write the run folder " + file), inTheWay.err());
        assertEquals(1, inTheWay.err().strip().lines().count(), inTheWay.err());
        assertTrue(!Files.exists(out), "no run folder for a refused run");
    }
}
