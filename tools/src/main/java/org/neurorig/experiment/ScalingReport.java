package org.neurorig.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurorig.experiment.LearningScaling.Cell;
import org.neurorig.experiment.StudentTeacher.Method;

/**
 * The scaling experiment's tables (measured ratios beside the predicted ones) and its plot.
 *
 * <p>Predictions. Werfel, Xie and Seung state them for large N and M: node perturbation is slower than
 * the gradient by a factor of about M, weight perturbation slower again by about N. For Gaussian inputs
 * and small Gaussian perturbations, the same second-moment calculation at finite size (the speed at the
 * best rate is {@code 1/((N+2) d)} per trial, with {@code d = 1, M+2, NM+2} for the gradient, NP, WP)
 * gives {@code NP/gradient = M+2} and {@code WP/NP = (NM+2)/(M+2)}; both columns are printed. In the
 * temporal counterpoint (the error judges the output summed over T steps), the same calculation gives
 * NP a factor of about {@code MT+2} and WP {@code MN+2}: NP's advantage shrinks as T grows and turns
 * into a deficit once T exceeds N.
 */
public final class ScalingReport {

    private ScalingReport() {
    }

    private static double ratio(Map<Method, Cell> row, Method slow, Method fast) {
        return row.get(slow).median() / row.get(fast).median();
    }

    /** The table of one N or M sweep. */
    public static String sizeTable(String title, List<Map<Method, Cell>> rows) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(Locale.ROOT, "%4s %4s %10s %10s %10s | %8s %6s %5s | %8s %10s %5s | %9s %9s %9s%n",
                "N", "M", "gradient", "NP", "WP", "NP/grad", "M+2", "M", "WP/NP", "(NM+2)/(M+2)", "N",
                "eta grad", "eta NP", "eta WP"));
        for (Map<Method, Cell> row : rows) {
            StudentTeacher.Size s = row.get(Method.GRADIENT).size();
            out.append(String.format(Locale.ROOT, "%4d %4d %10s %10s %10s | %8s %6d %5d | %8s %10.1f %5d | %9.2e %9.2e %9.2e%n",
                    s.n(), s.m(), LearningScaling.format(row.get(Method.GRADIENT).median()),
                    LearningScaling.format(row.get(Method.NODE).median()), LearningScaling.format(row.get(Method.WEIGHT).median()),
                    formatRatio(ratio(row, Method.NODE, Method.GRADIENT)), s.m() + 2, s.m(),
                    formatRatio(ratio(row, Method.WEIGHT, Method.NODE)), (s.n() * s.m() + 2.0) / (s.m() + 2), s.n(),
                    row.get(Method.GRADIENT).eta(), row.get(Method.NODE).eta(), row.get(Method.WEIGHT).eta()));
        }
        return out.toString();
    }

    /** The table of the temporal sweep. */
    public static String temporalTable(String title, List<Map<Method, Cell>> rows) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(Locale.ROOT, "%4s %4s %4s %10s %10s %10s | %8s %12s | %8s | %9s %9s%n",
                "N", "M", "T", "gradient", "NP", "WP", "NP/WP", "(MT+2)/(MN+2)", "WP/grad", "NP dim MT", "WP dim MN"));
        for (Map<Method, Cell> row : rows) {
            StudentTeacher.Size s = row.get(Method.GRADIENT).size();
            out.append(String.format(Locale.ROOT, "%4d %4d %4d %10s %10s %10s | %8s %12.2f | %8s | %9d %9d%n",
                    s.n(), s.m(), s.t(), LearningScaling.format(row.get(Method.GRADIENT).median()),
                    LearningScaling.format(row.get(Method.NODE).median()), LearningScaling.format(row.get(Method.WEIGHT).median()),
                    formatRatio(ratio(row, Method.NODE, Method.WEIGHT)), (s.m() * s.t() + 2.0) / (s.m() * s.n() + 2),
                    formatRatio(ratio(row, Method.WEIGHT, Method.GRADIENT)), s.m() * s.t(), s.m() * s.n()));
        }
        return out.toString();
    }

    private static String formatRatio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f", r) : "-";
    }

    /** Three log-log panels (trials vs N, vs M, vs T) side by side, as one PNG. */
    public static void plot(Path png, List<Map<Method, Cell>> nSweep, List<Map<Method, Cell>> mSweep,
            List<Map<Method, Cell>> tSweep) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = new ArrayList<>();
        charts.add(panel("trials vs inputs N (M = " + nSweep.get(0).get(Method.GRADIENT).size().m() + ")", "N", nSweep,
                StudentTeacher.Size::n));
        charts.add(panel("trials vs outputs M (N = " + mSweep.get(0).get(Method.GRADIENT).size().n() + ")", "M", mSweep,
                StudentTeacher.Size::m));
        charts.add(panel("temporal: trials vs steps T (N = " + tSweep.get(0).get(Method.GRADIENT).size().n() + ", M = "
                + tSweep.get(0).get(Method.GRADIENT).size().m() + ")", "T", tSweep, StudentTeacher.Size::t));
        BitmapEncoder.saveBitmap(charts, 1, 3, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart panel(String title, String axis, List<Map<Method, Cell>> rows,
            ToIntFunction<StudentTeacher.Size> x) {
        XYChart chart = new XYChartBuilder().width(560).height(440).title(title).xAxisTitle(axis)
                .yAxisTitle("trials to 1% error (median)").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false).setYAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        for (Method method : Method.values()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Map<Method, Cell> row : rows) {
                double y = row.get(method).median();
                if (Double.isFinite(y)) {
                    xs.add((double) x.applyAsInt(row.get(method).size()));
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(method.label(), xs, ys);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
