package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurorig.bench.JmhRuns;
import org.neurorig.bench.MeasurementContext;
import org.neurorig.bench.NetworkStepBenchmark;
import org.neurorig.bench.StepBenchTable;
import org.neurorig.kernel.Kernels;
import org.neurorig.run.RunFolder;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurorig bench}: one network step, scalar vs Vector API vs OpenBLAS, side by side in one run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Benchmark one network step: scalar Java, the Vector API and OpenBLAS.",
                "Runs JMH on each implementation side by side in one run and prints the median ns per step, "
                        + "GFLOP/s and the ratios."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "network sizes (default: ${DEFAULT-VALUE})", defaultValue = "64,128,256,512,1024,2048")
    List<Integer> sizes;

    @Option(names = "--full", description = "longer runs: 2 forks, 5 warm-up and 5 measured iterations of 1 s "
            + "(default: 1 fork, 3 x 0.3 s warm-up, 5 x 0.3 s measured)")
    boolean full;

    @Option(names = "--no-narrow", description = "skip the extra vector run capped at 256-bit vectors")
    boolean noNarrow;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the run folder for summary.txt, this output with its machine and commit (default: runs/bench-DATE-TIME)")
    Path out;

    private Path jmhLog;

    @Override
    public Integer call() throws IOException {
        for (int n : sizes) {
            if (n < 1 || n > 8192) {
                throw new IllegalArgumentException("--sizes: " + n + " is out of range: expected 1 to 8192");
            }
        }
        RunFolder folder = RunFolder.create(this.out, "bench");
        Transcript transcript = new Transcript(spec.commandLine().getOut());
        PrintWriter out = transcript.out();
        out.print(MeasurementContext.current().header());
        try {
            jmhLog = Files.createTempFile("neurorig-bench-", ".log"); // after validation: a typo leaves no file
            List<String> implementations = new ArrayList<>(List.of("scalar", "vector"));
            if (Kernels.openBlas().isPresent()) {
                implementations.add("openblas");
            } else {
                out.println("note: " + Kernels.openBlasUnavailableReason() + "; its column is left out.");
            }
            boolean narrow = !noNarrow && Kernels.vectorBits() > 256;
            StepBenchTable table = new StepBenchTable();
            for (int n : sizes) {
                for (String impl : implementations) {
                    double ns = measure(n, impl, List.of());
                    table.add(n, impl, ns);
                    out.printf(Locale.ROOT, "  N=%-5d %-10s %12.0f ns/step%n", n, impl, ns);
                }
                if (narrow) {
                    double ns = measure(n, "vector", List.of("-XX:MaxVectorSize=32"));
                    table.add(n, "vector-256", ns);
                    out.printf(Locale.ROOT, "  N=%-5d %-10s %12.0f ns/step%n", n, "vector-256", ns);
                }
            }
            out.println();
            out.print(table.render());
            if (narrow) {
                out.println("vector-256: the same kernels with the JIT capped at 256-bit vectors (-XX:MaxVectorSize=32, AVX2)");
            }
            out.println("Each cell is the median of the measured iterations (JMH, average time per step).");
            out.println("run folder: " + TerminalText.line(folder.dir().toAbsolutePath().toString()) + " (summary.txt, this text)");
            transcript.save(folder.file("summary.txt"));
        } catch (RuntimeException | IOException e) {
            folder.discardIfUnused(); // nothing measured: no empty folder left behind
            throw e;
        }
        Files.deleteIfExists(jmhLog);
        return 0;
    }

    private double measure(int n, String impl, List<String> extraFlags) {
        ChainedOptionsBuilder options = JmhRuns.options(full, jmhLog, extraFlags)
                .include(NetworkStepBenchmark.class.getName() + ".step")
                .param("n", Integer.toString(n))
                .param("kernels", impl);
        try {
            RunResult result = new Runner(options.build()).runSingle();
            return result.getPrimaryResult().getStatistics().getPercentile(50);
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on N=" + n + " " + impl + "; its log is " + jmhLog, e);
        }
    }
}
