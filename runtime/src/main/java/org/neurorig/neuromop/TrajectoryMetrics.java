package org.neurorig.neuromop;

import java.util.Arrays;
import java.util.List;

/** The paper's measures over recorded trajectories. */
public final class TrajectoryMetrics {

    private TrajectoryMetrics() {
    }

    /** Mean lifetime t_end. */
    public static double meanLifetime(List<Trajectory> trajectories) {
        return trajectories.stream().mapToInt(Trajectory::lifetime).average().orElse(0);
    }

    /** How many reached the horizon without a terminal state. */
    public static long survivors(List<Trajectory> trajectories) {
        return trajectories.stream().filter(t -> !t.terminated()).count();
    }

    /** Mean action entropy H(A | x_t) over every decision. */
    public static double meanEntropy(List<Trajectory> trajectories) {
        double sum = 0;
        long n = 0;
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.lifetime(); s++) {
                sum += t.entropy(s);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * The paper's &lt;sigma&gt;: the mean over trajectories and units of each unit's standard deviation
     * over time.
     */
    public static double meanStd(List<Trajectory> trajectories) {
        double total = 0;
        for (Trajectory t : trajectories) {
            total += unitStd(t, false);
        }
        return trajectories.isEmpty() ? 0 : total / trajectories.size();
    }

    /** The standard deviation of the one-step jumps x_i(t+1) - x_i(t), averaged over units and trajectories. */
    public static double jumpStd(List<Trajectory> trajectories) {
        double total = 0;
        int n = 0;
        for (Trajectory t : trajectories) {
            if (t.stateCount() > 2) {
                total += unitStd(t, true);
                n++;
            }
        }
        return n == 0 ? 0 : total / n;
    }

    private static double unitStd(Trajectory t, boolean jumps) {
        int count = jumps ? t.stateCount() - 1 : t.stateCount();
        if (count < 2) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < t.stateSize(); i++) {
            double sum = 0;
            double sumSq = 0;
            for (int s = 0; s < count; s++) {
                double v = jumps ? t.state(s + 1, i) - t.state(s, i) : t.state(s, i);
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / count;
            total += Math.sqrt(Math.max(0, sumSq / count - mean * mean));
        }
        return total / t.stateSize();
    }

    /**
     * The effective dimensionality of the actions taken far from and near the constraint:
     * {@code ED = (sum lambda)^2 / sum lambda^2} of the covariance of the sampled action vectors (the
     * participation ratio; M for independent components, 1 when they all move together). "Near" is the
     * quarter of all decisions whose state had the smallest terminal-set margin, "far" the quarter with
     * the largest (pooled over the trajectories given).
     *
     * @return {far, near}
     */
    public static double[] effectiveDimensionalityFarNear(List<Trajectory> trajectories) {
        int total = 0;
        for (Trajectory t : trajectories) {
            total += t.lifetime();
        }
        if (total < 8 || trajectories.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        float[] margins = new float[total];
        int k = 0;
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.lifetime(); s++) {
                margins[k++] = t.margin(s);
            }
        }
        float[] sorted = margins.clone();
        Arrays.sort(sorted);
        float nearBelow = sorted[total / 4];
        float farAbove = sorted[total - 1 - total / 4];
        int m = trajectories.get(0).actionDimensions();
        Covariance far = new Covariance(m);
        Covariance near = new Covariance(m);
        k = 0;
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.lifetime(); s++) {
                float margin = margins[k++];
                if (margin < nearBelow) {
                    near.add(t, s);
                } else if (margin > farAbove) {
                    far.add(t, s);
                }
            }
        }
        return new double[] {far.participationRatio(), near.participationRatio()};
    }

    /** ED of all actions taken. */
    public static double effectiveDimensionality(List<Trajectory> trajectories) {
        Covariance all = new Covariance(trajectories.isEmpty() ? 1 : trajectories.get(0).actionDimensions());
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.lifetime(); s++) {
                all.add(t, s);
            }
        }
        return all.participationRatio();
    }

    /**
     * Occupancy of the plane of units {@code first}, {@code second} over [lo, hi]^2 in bins x bins cells,
     * as fractions of all visited states (row = bin of the second unit, column = bin of the first).
     * States outside the window are counted in the total but in no cell.
     */
    public static double[][] occupancy(List<Trajectory> trajectories, int first, int second, double lo, double hi,
            int bins) {
        double[][] grid = new double[bins][bins];
        long n = 0;
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.stateCount(); s++) {
                n++;
                int c = bin(t.state(s, first), lo, hi, bins);
                int r = bin(t.state(s, second), lo, hi, bins);
                if (c >= 0 && r >= 0) {
                    grid[r][c]++;
                }
            }
        }
        if (n > 0) {
            for (double[] row : grid) {
                for (int c = 0; c < bins; c++) {
                    row[c] /= n;
                }
            }
        }
        return grid;
    }

    private static int bin(double v, double lo, double hi, int bins) {
        if (v < lo || v >= hi) {
            return -1;
        }
        return Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins));
    }

    /**
     * Fraction of visited states in each quadrant of the (first, second) plane:
     * {++, -+, --, +-} (counter-clockwise from the first).
     */
    public static double[] quadrants(List<Trajectory> trajectories, int first, int second) {
        double[] q = new double[4];
        long n = 0;
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.stateCount(); s++) {
                float a = t.state(s, first);
                float b = t.state(s, second);
                int i = a >= 0 ? (b >= 0 ? 0 : 3) : (b >= 0 ? 1 : 2);
                q[i]++;
                n++;
            }
        }
        for (int i = 0; i < 4 && n > 0; i++) {
            q[i] /= n;
        }
        return q;
    }

    /** Fraction of visited states where {@code reward} is positive. */
    public static double rewardedFraction(List<Trajectory> trajectories, ExtrinsicReward reward) {
        long n = 0;
        long hit = 0;
        float[] x = new float[trajectories.isEmpty() ? 0 : trajectories.get(0).stateSize()];
        for (Trajectory t : trajectories) {
            for (int s = 0; s < t.stateCount(); s++) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = t.state(s, i);
                }
                n++;
                if (reward.reward(x, 0) > 0) {
                    hit++;
                }
            }
        }
        return n == 0 ? 0 : (double) hit / n;
    }

    /** Running covariance of action vectors; its participation ratio needs no eigenvalues: tr(C)^2 / tr(C^2). */
    private static final class Covariance {
        private final int m;
        private final double[] sum;
        private final double[] products;
        private long n;

        Covariance(int m) {
            this.m = m;
            this.sum = new double[m];
            this.products = new double[m * m];
        }

        void add(Trajectory t, int s) {
            n++;
            for (int i = 0; i < m; i++) {
                double ai = t.action(s, i);
                sum[i] += ai;
                for (int j = 0; j < m; j++) {
                    products[i * m + j] += ai * t.action(s, j);
                }
            }
        }

        double participationRatio() {
            if (n < 2) {
                return Double.NaN;
            }
            double trace = 0;
            double traceSquare = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double c = products[i * m + j] / n - (sum[i] / n) * (sum[j] / n);
                    traceSquare += c * c;
                    if (i == j) {
                        trace += c;
                    }
                }
            }
            return traceSquare == 0 ? 0 : trace * trace / traceSquare;
        }
    }
}
