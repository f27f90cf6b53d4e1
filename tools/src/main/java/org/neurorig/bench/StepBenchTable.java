package org.neurorig.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's table: median ns per step and GFLOP/s for each implementation at each N, and the
 * ratios the targets are stated in (vector over scalar, vector over OpenBLAS).
 */
public final class StepBenchTable {

    private final Map<Integer, Map<String, Double>> nanos = new TreeMap<>();
    private final List<String> columns = new ArrayList<>();

    /** Records the median time of one step, in nanoseconds. */
    public void add(int n, String implementation, double medianNanos) {
        if (!columns.contains(implementation)) {
            columns.add(implementation);
        }
        nanos.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(implementation, medianNanos);
    }

    public Double nanos(int n, String implementation) {
        Map<String, Double> row = nanos.get(n);
        return row == null ? null : row.get(implementation);
    }

    /** The table as fixed-width text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%6s", "N"));
        for (String c : columns) {
            out.append(String.format(Locale.ROOT, " %14s", c + " ns"));
        }
        for (String c : columns) {
            out.append(String.format(Locale.ROOT, " %11s", c.replace("vector", "vec") + " GF/s"));
        }
        boolean ratios = columns.contains("vector") && columns.contains("scalar");
        boolean blas = columns.contains("vector") && columns.contains("openblas");
        if (ratios) {
            out.append(String.format(Locale.ROOT, " %13s", "vector/scalar"));
        }
        if (blas) {
            out.append(String.format(Locale.ROOT, " %15s", "openblas/vector"));
        }
        out.append('\n');
        for (Map.Entry<Integer, Map<String, Double>> row : nanos.entrySet()) {
            int n = row.getKey();
            out.append(String.format(Locale.ROOT, "%6d", n));
            for (String c : columns) {
                Double ns = row.getValue().get(c);
                out.append(ns == null ? String.format(Locale.ROOT, " %14s", "-") : String.format(Locale.ROOT, " %14.0f", ns));
            }
            for (String c : columns) {
                Double ns = row.getValue().get(c);
                out.append(ns == null ? String.format(Locale.ROOT, " %11s", "-")
                        : String.format(Locale.ROOT, " %11.2f", NetworkStepBenchmark.flopsPerStep(n) / ns));
            }
            if (ratios) {
                out.append(ratio(row.getValue().get("scalar"), row.getValue().get("vector"), 13));
            }
            if (blas) {
                out.append(ratio(row.getValue().get("openblas"), row.getValue().get("vector"), 15));
            }
            out.append('\n');
        }
        if (ratios) {
            out.append("vector/scalar: speed-up of the Vector API over scalar Java (higher is better)\n");
        }
        if (blas) {
            out.append("openblas/vector: > 1 means the Vector API step is faster than the OpenBLAS one\n");
        }
        return out.toString();
    }

    private static String ratio(Double numerator, Double denominator, int width) {
        if (numerator == null || denominator == null) {
            return String.format(Locale.ROOT, " %" + width + "s", "-");
        }
        return String.format(Locale.ROOT, " %" + (width - 1) + ".2fx", numerator / denominator);
    }
}
