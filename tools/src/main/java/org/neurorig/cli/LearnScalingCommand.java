package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.neurorig.experiment.LearningScaling.Cell;
import org.neurorig.experiment.LearningScaling;
import org.neurorig.experiment.ScalingReport;
import org.neurorig.experiment.StudentTeacher.Method;
import org.neurorig.experiment.StudentTeacher.Size;
import org.neurorig.plot.Charts;
import org.neurorig.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurorig learn scaling}: Werfel, Xie and Seung (2005)'s table, measured. */
@Command(name = "scaling",
        mixinStandardHelpOptions = true,
        description = {"How many trials the gradient, node and weight perturbation need as tasks grow.",
                "Trials to criterion of the exact gradient, node perturbation and weight perturbation on linear "
                        + "student-teacher tasks as inputs N, outputs M and trial length T grow, each learner at its "
                        + "fastest learning rate (Werfel, Xie and Seung 2005; Zuege, Klos and Memmesheimer 2021). "
                        + "Prints the tables of ratios beside the predictions and writes them and a PNG plot to a run "
                        + "folder."})
public final class LearnScalingCommand implements Callable<Integer> {

    private static final String PLOT = "learn-scaling.png";
    private static final String TABLES = "tables.txt";

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds per cell (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int seeds;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads, seeds run in parallel (default: the number of cores, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR",
            description = "the run folder for " + PLOT + " and " + TABLES + " (default: runs/learn-scaling-DATE-TIME)")
    Path out;

    @Option(names = "--quick", description = "small sizes only (N, M, T up to 8), for a check in seconds")
    boolean quick;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (seeds < 1 || seeds > 100) {
            throw new IllegalArgumentException("--seeds: " + seeds + " is out of range: expected 1 to 100");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads: " + threads + " is out of range: expected 1 to 256");
        }
        Charts.requireDrawable();
        RunFolder folder = RunFolder.create(out, "learn-scaling"); // before the minutes of work: a bad --out fails now
        LearningScaling.Plan base = quick ? quickPlan() : LearningScaling.defaultPlan();
        LearningScaling.Plan plan = new LearningScaling.Plan(seeds, base.criterion(), base.maxTrials(), base.nSweep(),
                base.mSweep(), base.tSweep());
        stdout.printf(Locale.ROOT, "Linear student-teacher, Gaussian inputs; criterion: generalization error below %.0f%% of its "
                + "start;%n", 100 * plan.criterion());
        stdout.printf(Locale.ROOT, "%d seeds per cell on %d threads; each learner at its fastest learning rate (searched).%n",
                plan.seeds(), threads);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Map<Method, Cell>> n;
        List<Map<Method, Cell>> m;
        List<Map<Method, Cell>> t;
        try {
            LearningScaling scaling = new LearningScaling(plan, pool, stdout);
            stdout.println("N sweep:");
            n = scaling.run(plan.nSweep());
            stdout.println("M sweep:");
            m = scaling.run(plan.mSweep().stream().filter(s -> !plan.nSweep().contains(s)).toList());
            m = merge(plan.mSweep(), n, m);
            stdout.println("T sweep:");
            t = scaling.run(plan.tSweep().stream().filter(s -> !plan.mSweep().contains(s)).toList());
            t = merge(plan.tSweep(), m, t);
        } finally {
            pool.shutdownNow();
        }
        String tables = String.join(System.lineSeparator(),
                ScalingReport.sizeTable("Trials to criterion (median over seeds) as the inputs N grow:", n),
                ScalingReport.sizeTable("As the outputs M grow:", m),
                ScalingReport.temporalTable("Temporal counterpoint: trials of T steps, the error of the output summed over"
                        + " the trial, fresh NP noise at each step:", t),
                "Predicted (Werfel, Xie and Seung 2005, large N and M): NP/grad = M, WP/NP = N; at finite size,",
                "for Gaussian inputs and noise: NP/grad = M+2, WP/NP = (NM+2)/(M+2). Temporal: NP's noise",
                "dimension is M T and WP's M N, so NP/WP is about (MT+2)/(MN+2) and passes 1 near T = N.",
                "");
        stdout.println();
        stdout.print(tables);
        Files.writeString(folder.file(TABLES), tables);
        ScalingReport.plot(folder.file(PLOT), n, m, t);
        stdout.printf(Locale.ROOT, "wall time: %.0f s%nrun folder: %s (%s, %s)%n", (System.nanoTime() - start) / 1e9,
                TerminalText.line(folder.dir().toAbsolutePath().toString()), TABLES, PLOT);
        return 0;
    }

    /** Rows for {@code sizes}, taking each from an earlier sweep when it was already run. */
    private static List<Map<Method, Cell>> merge(List<Size> sizes, List<Map<Method, Cell>> earlier,
            List<Map<Method, Cell>> fresh) {
        java.util.ArrayList<Map<Method, Cell>> rows = new java.util.ArrayList<>();
        for (Size s : sizes) {
            Map<Method, Cell> found = null;
            for (Map<Method, Cell> row : earlier) {
                if (row.get(Method.GRADIENT).size().equals(s)) {
                    found = row;
                }
            }
            for (Map<Method, Cell> row : fresh) {
                if (row.get(Method.GRADIENT).size().equals(s)) {
                    found = row;
                }
            }
            rows.add(found);
        }
        return rows;
    }

    private static LearningScaling.Plan quickPlan() {
        return new LearningScaling.Plan(3, 0.01, 200_000,
                List.of(new Size(4, 2, 1), new Size(8, 2, 1)),
                List.of(new Size(8, 1, 1), new Size(8, 2, 1)),
                List.of(new Size(8, 2, 1), new Size(8, 2, 16)));
    }
}
