package org.neurorig.compare;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.RigProfile;
import org.neurorig.run.ProgressLine;

/**
 * The {@code compare} command's work: settings from the options, the run, the report. Holds the
 * profile's hardware when one is given ({@code --hardware}), open from {@link #prepare} to {@link #close}.
 */
public final class Comparison implements AutoCloseable {

    /**
     * The command's options as given (null: not given).
     *
     * @param axes     each {@code --axis}: a name, or a name and values ({@code delay=0,2,4})
     * @param realTime the hardware at its own rate even where it could be stepped ({@code --real-time})
     */
    public record Options(boolean quick, boolean full, Integer seeds, Integer episodes, Integer fineTuneEpisodes, Integer ticks,
            List<String> axes, String learners, String hardware, boolean realTime, List<String> sets, Long seed, int threads) {
    }

    private final CompareSettings settings;

    private Comparison(CompareSettings settings) {
        this.settings = settings;
    }

    /** Checks every option before anything runs; a bad one is refused with one line naming it. */
    public static Comparison prepare(Options o) {
        if (o.threads() < 1 || o.threads() > 256) {
            throw new IllegalArgumentException("--threads: " + o.threads() + " is out of range: expected 1 to 256");
        }
        if (o.quick() && o.full()) {
            throw new IllegalArgumentException("--quick and --full: choose one");
        }
        if (o.realTime() && o.hardware() == null) {
            throw new IllegalArgumentException("--real-time paces a device's profile: give it with --hardware PROFILE, e.g. --hardware uno-emulated");
        }
        if (o.hardware() != null && (o.full() || !o.axes().isEmpty())) {
            throw new IllegalArgumentException("--hardware takes a profile as it is: it has no --axis to sweep" + (o.full() ? " (--full)" : ""));
        }
        RigProfile profile = o.hardware() == null ? null : ProfileHardware.load(o.hardware());
        CompareSettings s = o.quick() ? CompareSettings.quick(o.threads())
                : o.full() ? CompareSettings.full(o.threads()) : CompareSettings.defaults(o.threads());
        if (profile != null && !(profile.device() instanceof DeviceSpec.Simulated) && !o.quick()) {
            s = s.onDevice();
        }
        if (o.seeds() != null) {
            s = s.withSeeds(o.seeds());
        }
        if (o.seed() != null) {
            s = s.withBaseSeed(o.seed());
        }
        TrainingSchedule p = s.schedule();
        int e = count("--episodes", o.episodes(), p.episodes());
        int f = count("--fine-tune-episodes", o.fineTuneEpisodes(), p.fineTuneEpisodes());
        int t = count("--ticks", o.ticks(), p.maxTicks());
        s = s.withSchedule(new TrainingSchedule(e, f, p.checkEvery(), p.checkStarts(), p.testEpisodes(), t));
        if (!o.axes().isEmpty()) {
            s = s.withAxes(parseAxes(o.axes()));
        }
        if (o.learners() != null) {
            s = s.withLearners(Learner.parse(o.learners()));
        }
        for (String set : o.sets()) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + set + ": expected KEY=VALUE, e.g. --set np.eta=3e-4");
            }
            s = s.with(set.substring(0, eq).trim(), set.substring(eq + 1));
        }
        if (o.hardware() != null) {
            // last: every option is valid before an emulator is started
            s = s.withHardware(ProfileHardware.open(o.hardware(), profile, o.realTime()));
        }
        return new Comparison(s);
    }

    private static int count(String option, Integer given, int otherwise) {
        if (given == null) {
            return otherwise;
        }
        if (given < 1 || given > 100_000) {
            throw new IllegalArgumentException(option + ": " + given + " is out of range: expected 1 to 100000");
        }
        return given;
    }

    /** Closes the profile's hardware, if any: its device, its emulator. */
    @Override
    public void close() {
        if (settings.hardware() != null) {
            settings.hardware().close();
        }
    }

    /** The keys {@code --set} accepts. */
    public static List<String> settingKeys() {
        return CompareSettings.KEYS;
    }

    /** The axes' names, for the help. */
    public static List<String> axisNames() {
        return Axis.names();
    }

    static List<Axis> parseAxes(List<String> given) {
        List<Axis> axes = new ArrayList<>();
        for (String text : given) {
            int eq = text.indexOf('=');
            Axis axis = Axis.named(eq < 0 ? text : text.substring(0, eq));
            if (eq >= 0) {
                List<Double> values = new ArrayList<>();
                for (String v : text.substring(eq + 1).split(",")) {
                    try {
                        values.add(Double.parseDouble(v.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--axis " + text + ": '" + v.trim() + "' is not a number");
                    }
                }
                axis = axis.withValues(values);
            }
            Axis a = axis;
            if (axes.stream().anyMatch(x -> x.name().equals(a.name()))) {
                throw new IllegalArgumentException("--axis " + a.name() + " is given twice: give it once, with all its values");
            }
            axes.add(axis);
        }
        return axes;
    }

    /**
     * Runs, shows {@code progress} (on {@code out}), prints the table and the reading, and writes the run
     * folder {@code dir} (which exists).
     */
    public void run(Path dir, String command, PrintWriter out, ProgressLine progress) {
        out.println("compare: " + settings.seeds() + " seeds x " + settings.conditions().size() + " hardwares x " + settings.learners().size()
                + " learners on " + settings.threads()
                + " threads; run folder " + dir.toAbsolutePath());
        if (settings.hardware() != null) {
            out.println("hardware: " + settings.hardware().describe());
        }
        out.flush();
        CompareReport report = new CompareReport(new CompareExperiment(settings, progress).run());
        List<String> files = report.write(dir, command);
        report.print(out);
        out.println("run folder: " + dir.toAbsolutePath() + " (" + String.join(", ", files) + ")");
        out.flush();
    }
}
