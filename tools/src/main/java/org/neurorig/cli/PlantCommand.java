package org.neurorig.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurorig.device.Plant;
import org.neurorig.os.FileKind;
import org.neurorig.plant.nonideal.Effect;
import org.neurorig.plant.nonideal.NonIdealities;
import org.neurorig.replay.PlantReplay;
import org.neurorig.replay.ReplayPlant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurorig plant}: the simulated plants, their non-idealities, and replaying logs on them. */
@Command(name = "plant",
        mixinStandardHelpOptions = true,
        description = "Simulated plants: list them and their non-idealities, replay logged episodes on them.",
        subcommands = {PlantCommand.Replay.class, PlantCommand.ListPlants.class})
public final class PlantCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code neurorig plant replay}. */
    @Command(name = "replay",
            mixinStandardHelpOptions = true,
            description = {"Replay logged episodes open loop on a simulated plant.",
                "From each episode's initial state (its step-0 row), applies the logged actions and writes the "
                        + "states the plant produces in the same CSV format (episode, step, action, x, x_dot, theta, "
                        + "theta_dot, terminated), every number in full float64 precision. Where the log has states "
                        + "of its own, the replay is compared with them."})
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--plant", paramLabel = "NAME", defaultValue = "cartpole-gym",
                description = "cartpole-gym (actions 0/1) or cartpole-continuous (action = force in N); default ${DEFAULT-VALUE}")
        String plantName;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "the log to replay (CSV)")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the replayed states (CSV)")
        Path out;

        @Option(names = "--nonideal", paramLabel = "PRESET", defaultValue = "none",
                description = "non-idealities to replay with: none, mild, moderate, strong, or one effect "
                        + "(delay, hold, pwm, deadband, saturation, gain, friction, noise, encoder, mismatch, jitter, offset, bias); "
                        + "default ${DEFAULT-VALUE}")
        String nonIdeal;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "change one non-ideality value, e.g. coulomb_friction=0.3 "
                + "(repeatable; 'neurorig plant list' shows the keys)")
        Map<String, String> settings;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "seed of the sensor noise and tick jitter; default ${DEFAULT-VALUE}")
        long seed;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            ReplayPlant kind = ReplayPlant.named(plantName);
            NonIdealities n = NonIdealities.preset(nonIdeal);
            if (settings != null) {
                for (Map.Entry<String, String> s : settings.entrySet()) {
                    n = n.with(s.getKey(), parseSetting(s.getKey(), s.getValue()));
                }
            }
            Path target = out.toAbsolutePath().normalize();
            if (Files.exists(in) && Files.exists(target) && Files.isSameFile(in, target)) {
                throw new IllegalArgumentException("--out " + out + " is the input file: write the replay to another file");
            }
            Path dir = target.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--out: the directory " + dir + " does not exist");
            }
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                // the replay is moved into place by a rename, which would put a file where /dev/null was
                throw new IllegalArgumentException("--out " + out + " is " + FileKind.describe(target,
                        Files.readAttributes(target, BasicFileAttributes.class)) + ": write the replay to a regular file");
            }
            Plant plant = kind.create(n, seed);
            // Written beside the target and moved into place as the log is read: a malformed log, or a
            // replay that cannot go on, leaves no half-written file.
            Path partial = Files.createTempFile(dir == null ? Path.of(".") : dir, ".replay-", ".csv.partial");
            PlantReplay.Summary summary;
            try {
                try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    summary = PlantReplay.run(in, kind, plant, w);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AccessDeniedException | NoSuchFileException e) {
                throw new IllegalArgumentException("--out: cannot write " + out + " (" + e.getClass().getSimpleName() + ")");
            } finally {
                Files.deleteIfExists(partial);
            }
            report(stdout, summary, kind, n);
            return 0;
        }

        private static double parseSetting(String key, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + key + "=" + value + ": '" + value + "' is not a number");
            }
        }

        private void report(PrintWriter o, PlantReplay.Summary s, ReplayPlant kind, NonIdealities n) {
            o.printf(Locale.ROOT, "replayed %d episodes, %d steps on %s (non-idealities: %s) into %s%n",
                    s.episodes(), s.steps(), kind.cliName(), n.describe(), TerminalText.line(out.toString()));
            if (s.stepsPastEnd() > 0) {
                o.printf(Locale.ROOT, "note: %d steps came after the plant had terminated (Gymnasium calls those undefined)%n",
                        s.stepsPastEnd());
            }
            if (s.compared() == 0) {
                o.println("the log gives no states after step 0: nothing to compare with");
                return;
            }
            o.printf(Locale.ROOT, "against the logged states: %d of %d steps identical to the bit; terminated differs in %d%n",
                    s.identical(), s.compared(), s.terminatedDiffer());
            String[] names = {"x", "x_dot", "theta", "theta_dot"};
            for (int i = 0; i < 4; i++) {
                o.printf(Locale.ROOT, "  %-9s max |difference| %.3g, rms %.3g%n", names[i], s.maxDifference()[i], s.rmsDifference()[i]);
            }
        }
    }

    /** {@code neurorig plant list}. */
    @Command(name = "list",
            mixinStandardHelpOptions = true,
            description = "List the plants, the non-ideality presets and every non-ideality parameter with its unit.")
    static final class ListPlants implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter o = spec.commandLine().getOut();
            o.println("plants:");
            for (ReplayPlant p : ReplayPlant.values()) {
                o.printf(Locale.ROOT, "  %-20s %s%n", p.cliName(), p.description());
            }
            o.println();
            o.println("non-ideality presets (--nonideal):");
            o.printf(Locale.ROOT, "  %-20s %s%n", "none", "the ideal plant");
            o.printf(Locale.ROOT, "  %-20s %s%n", "mild, moderate", "every effect at severity 1/3, 2/3");
            o.printf(Locale.ROOT, "  %-20s %s%n", "strong", "every effect at severity 1: " + NonIdealities.preset("strong").describe());
            for (Effect e : Effect.values()) {
                o.printf(Locale.ROOT, "  %-20s %s, alone, strong%n", e.presetName(), e.models());
            }
            o.println();
            o.println("non-ideality parameters (--set KEY=VALUE; a rig profile's [nonideal] table):");
            for (NonIdealities.Parameter p : NonIdealities.PARAMETERS) {
                o.printf(Locale.ROOT, "  %-20s %-23s %s%n", p.key(), p.unit(), p.meaning());
            }
        }
    }
}
