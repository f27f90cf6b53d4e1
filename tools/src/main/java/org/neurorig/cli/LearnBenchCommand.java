package org.neurorig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurorig.bench.InterleavedTiming;
import org.neurorig.bench.JmhRuns;
import org.neurorig.bench.MeasurementContext;
import org.neurorig.bench.LearningTickBenchmark;
import org.neurorig.kernel.Kernels;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurorig learn bench}: the per-tick cost of node perturbation next to a network step. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Benchmark the per-tick cost of online node perturbation.",
                "Times the eligibility and weight update for a 1 x N readout and the N x N recurrent matrix, every "
                        + "tick and deferred to every K = 1, 4, 8 or 16 ticks, next to one network step (JMH, then "
                        + "the same operations interleaved in one JVM)."})
public final class LearnBenchCommand implements Callable<Integer> {

    /** A row of the tables: the benchmark method, what it measures, and its period in calls. */
    private record Row(String benchmark, String label, int period) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("step", "network step (N x N recurrent, 4 inputs, 1 readout)", 1),
            new Row("readoutUpdate", "NP update, 1 x N readout (eligibility + weights)", 1),
            new Row("recurrentEligibility", "NP eligibility only, N x N (episodic tick)", 1),
            new Row("recurrentUpdate", "NP update, N x N recurrent, per tick (fused rank-1)", 1),
            new Row("recurrentUpdateEvery1", "NP update, N x N recurrent, deferred, K = 1", 1),
            new Row("recurrentUpdateEvery4", "NP update, N x N recurrent, deferred, K = 4", 4),
            new Row("recurrentUpdateEvery8", "NP update, N x N recurrent, deferred, K = 8", 8),
            new Row("recurrentUpdateEvery16", "NP update, N x N recurrent, deferred, K = 16", 16),
            new Row("exactSchemeExtra", "exact deferral's extra: trace matvec E a, N x N", 1),
            new Row("learningTick", "whole online NP tick (noise, step, readout + J), K = 1", 1),
            new Row("learningTickEvery16", "whole online NP tick (noise, step, readout + J), K = 16", 16));

    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", description = "network size N (default: ${DEFAULT-VALUE})", defaultValue = "512")
    int n;

    @Option(names = "--kernels", paramLabel = "NAME", description = "scalar or vector (default: ${DEFAULT-VALUE})", defaultValue = "vector")
    String kernels;

    @Option(names = "--full", description = "longer runs: 2 forks, 5 warm-up and 5 measured iterations of 1 s")
    boolean full;

    @Option(names = "--no-jmh", description = "skip the JMH runs: only the interleaved timing, which takes seconds")
    boolean noJmh;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (n < 1 || n > 4096) {
            throw new IllegalArgumentException("--n: " + n + " is out of range: expected 1 to 4096");
        }
        Kernels.named(kernels); // an unknown name fails here, with the names that exist
        if (kernels.equals("openblas")) {
            throw new IllegalArgumentException("--kernels: openblas is a yardstick for the step only; expected scalar or vector");
        }
        out.print(MeasurementContext.current().header());
        out.printf(Locale.ROOT, "N = %d, %s kernels%n", n, kernels);
        out.printf(Locale.ROOT, "load average before the run: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!noJmh) {
            jmh(out);
        }
        out.println("The same operations interleaved in this JVM (rounds of ~2 ms batches, one of each per round, in");
        out.println("rotating order; ratios are per round, then the median), robust to load that comes and goes:");
        out.print(interleavedTable(interleaved()));
        out.printf(Locale.ROOT, "load average after the run: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
        return 0;
    }

    private void jmh(PrintWriter out) throws IOException {
        Path log = Files.createTempFile("neurorig-learn-bench-", ".log");
        Collection<RunResult> results;
        try {
            results = new Runner(JmhRuns.options(full, log, List.of())
                    .include(LearningTickBenchmark.class.getName() + "\\.")
                    .param("n", Integer.toString(n))
                    .param("kernels", kernels)
                    .build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed; its log is " + log, e);
        }
        Map<String, Double> median = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            median.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        out.print(table(median));
        out.println();
        out.flush();
        Files.deleteIfExists(log);
    }

    private Map<String, InterleavedTiming.Result> interleaved() {
        LearningTickBenchmark b = new LearningTickBenchmark();
        b.n = n;
        b.kernels = kernels;
        b.setUp();
        Map<String, java.util.function.DoubleSupplier> bodies = new LinkedHashMap<>();
        bodies.put("step", b::step);
        bodies.put("readoutUpdate", b::readoutUpdate);
        bodies.put("recurrentEligibility", b::recurrentEligibility);
        bodies.put("recurrentUpdate", b::recurrentUpdate);
        bodies.put("recurrentUpdateEvery1", b::recurrentUpdateEvery1);
        bodies.put("recurrentUpdateEvery4", b::recurrentUpdateEvery4);
        bodies.put("recurrentUpdateEvery8", b::recurrentUpdateEvery8);
        bodies.put("recurrentUpdateEvery16", b::recurrentUpdateEvery16);
        bodies.put("exactSchemeExtra", b::exactSchemeExtra);
        bodies.put("learningTick", b::learningTick);
        bodies.put("learningTickEvery16", b::learningTickEvery16);
        List<InterleavedTiming.Operation> ops = ROWS.stream()
                .map(r -> new InterleavedTiming.Operation(r.benchmark(), bodies.get(r.benchmark()), r.period()))
                .toList();
        return InterleavedTiming.measure(ops, full ? 200 : 100, full ? 1000 : 300, 2_000_000);
    }

    static String interleavedTable(Map<String, InterleavedTiming.Result> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-58s %12s %10s%n", "per tick", "median ns", "vs step"));
        for (Row row : ROWS) {
            InterleavedTiming.Result r = results.get(row.benchmark());
            if (r != null) {
                b.append(String.format(Locale.ROOT, "%-58s %12.0f %9.2fx%n", row.label(), r.medianNanos(), r.medianRatio()));
            }
        }
        return b.toString();
    }

    /** The medians in ns with each row's ratio to the network step. */
    static String table(Map<String, Double> median) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-58s %12s %10s%n", "per tick", "median ns", "vs step"));
        Double step = median.get("step");
        for (Row row : ROWS) {
            Double ns = median.get(row.benchmark());
            if (ns == null) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-58s %12.0f %9.2fx%n", row.label(), ns,
                    step == null ? Double.NaN : ns / step));
        }
        b.append("Each row is the median of the measured iterations (JMH, average time per call).\n");
        return b.toString();
    }
}
