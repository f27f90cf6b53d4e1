package org.neurorig.mop;

import java.util.List;
import org.neurorig.neuromop.Trajectory;

/** Small conversions from recorded trajectories to plottable arrays. */
final class Traces {

    private Traces() {
    }

    static float[] state(Trajectory t, int step) {
        float[] x = new float[t.stateSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.state(step, i);
        }
        return x;
    }

    static double[] steps(int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i;
        }
        return x;
    }

    static double[] entropies(Trajectory t) {
        double[] h = new double[t.lifetime()];
        for (int s = 0; s < h.length; s++) {
            h[s] = t.entropy(s);
        }
        return h;
    }

    /** [network][epoch] of a per-epoch measure. */
    static double[][] perEpoch(List<NetworkResult> results, java.util.function.ToDoubleFunction<org.neurorig.neuromop.EpochReport> f) {
        double[][] v = new double[results.size()][];
        for (int n = 0; n < results.size(); n++) {
            v[n] = results.get(n).epochs().stream().mapToDouble(f).toArray();
        }
        return v;
    }

    /** Occupancy pooled over every network's test trajectories (each network weighs the same). */
    static double[][] pooledOccupancy(List<NetworkResult> results, int context, int first, int second, double lo,
            double hi, int bins) {
        double[][] sum = new double[bins][bins];
        for (NetworkResult r : results) {
            List<Trajectory> t = context < 0 ? r.allTests() : r.tests().get(context);
            double[][] g = org.neurorig.neuromop.TrajectoryMetrics.occupancy(t, first, second, lo, hi, bins);
            for (int i = 0; i < bins; i++) {
                for (int j = 0; j < bins; j++) {
                    sum[i][j] += g[i][j] / results.size();
                }
            }
        }
        return sum;
    }

    /** Mean of y in equal-width bins of x over [lo, hi]; empty bins are NaN. Returns {centres, means}. */
    static double[][] binnedMean(double[] x, double[] y, int n, double lo, double hi, int bins) {
        double[] sum = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < n; i++) {
            if (x[i] >= lo && x[i] < hi) {
                int b = Math.min(bins - 1, (int) ((x[i] - lo) / (hi - lo) * bins));
                sum[b] += y[i];
                count[b]++;
            }
        }
        int filled = 0;
        for (int c : count) {
            filled += c >= 20 ? 1 : 0;
        }
        double[] centres = new double[filled];
        double[] means = new double[filled];
        int k = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] >= 20) { // a bin with fewer decisions is noise
                centres[k] = lo + (b + 0.5) * (hi - lo) / bins;
                means[k] = sum[b] / count[b];
                k++;
            }
        }
        return new double[][] {centres, means};
    }
}
