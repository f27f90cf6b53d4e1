package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurorig.bench.JvmFlags;
import org.neurorig.bench.MopBenchmark;
import org.neurorig.kernel.Kernels;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurorig mop bench}: successor evaluations per second next to the kernels' plain matrix product. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"NeuroMOP's hot loop against a plain matrix product (JMH).",
                "One decision (256 successors of an N = 100 network through the value network) and matrix "
                        + "products of the given shapes, side by side in one run."})
public final class MopBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--hidden", paramLabel = "N", description = "hidden units of the value network (default: ${DEFAULT-VALUE})",
            defaultValue = "32")
    int hidden;

    @Option(names = "--shapes", split = ",", paramLabel = "RxIxC", description = "(default: ${DEFAULT-VALUE}) matMul shapes, rows x inner x cols",
            defaultValue = "256x100x32,256x256x256")
    List<String> shapes;

    private Path log;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("--hidden: " + hidden + " is out of range: expected 1 to 4096");
        }
        for (String s : shapes) {
            if (!s.matches("[1-9][0-9]{0,3}x[1-9][0-9]{0,3}x[1-9][0-9]{0,3}")) {
                throw new IllegalArgumentException("--shapes: '" + s + "' is not ROWSxINNERxCOLS (each 1 to 9999)");
            }
        }
        log = Files.createTempFile("neurorig-mop-bench-", ".log");
        List<String> impls = new ArrayList<>(List.of("scalar", "vector"));
        if (Kernels.openBlas().isPresent()) {
            impls.add("openblas");
        }
        out.printf(Locale.ROOT, "vectors of %d bits; value network 100 -> %d -> 1; 256 successors per decision%n",
                Kernels.vectorBits(), hidden);
        double flopsPerDecision = MopBenchmark.matMulFlops(256, 100, hidden);
        for (String impl : List.of("scalar", "vector")) {
            double ns = measure("decide", impl, "256x100x32");
            out.printf(Locale.ROOT, "decide   %-8s %10.0f ns/decision  %12.0f successors/s  %7.2f GFLOP/s in the hidden layer%n",
                    impl, ns, 256 / ns * 1e9, flopsPerDecision / ns);
        }
        for (String shape : shapes) {
            String[] d = shape.split("x");
            double flops = MopBenchmark.matMulFlops(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
            for (String impl : impls) {
                double ns = measure("matMul", impl, shape);
                out.printf(Locale.ROOT, "matMul   %-8s %-12s %10.0f ns  %7.2f GFLOP/s%n", impl, shape, ns, flops / ns);
            }
        }
        out.println("Medians of the measured iterations (JMH: 1 fork, 3 x 0.5 s warm-up (decide: 12), 5 x 0.5 s measured).");
        Files.deleteIfExists(log);
        return 0;
    }

    private double measure(String benchmark, String impl, String shape) {
        List<String> flags = new ArrayList<>(JvmFlags.fromBuild());
        flags.add("-Xms256m");
        var options = new OptionsBuilder()
                .include(MopBenchmark.class.getName() + "." + benchmark + "$")
                .param("kernels", impl)
                .param("hidden", Integer.toString(hidden))
                .param("shape", shape)
                .jvmArgsAppend(flags.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .output(log.toString())
                .shouldFailOnError(true)
                // decide: until C2 has compiled the vector code, a decision runs the Vector API's Java fallback
                // at milliseconds a call, and on a loaded 2-core machine C2 needs seconds to get there
                .forks(1).warmupIterations(benchmark.equals("decide") ? 12 : 3).warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(5).measurementTime(TimeValue.milliseconds(500));
        try {
            return new Runner(options.build()).runSingle().getPrimaryResult().getStatistics().getPercentile(50);
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + benchmark + " " + impl + "; its log is " + log, e);
        }
    }
}
