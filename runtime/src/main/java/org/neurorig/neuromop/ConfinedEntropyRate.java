package org.neurorig.neuromop;

import java.util.SplittableRandom;

/**
 * The entropy rate, in nats per step, of the action sequences that keep a deterministic model inside a
 * region: {@code h = lim (1/T) ln N_T}, with N_T the number of action sequences of T steps whose every
 * state lies in the region. It is the most action entropy per step that any policy staying in the region
 * for good can have (the maximum-entropy policy on those sequences has exactly this rate).
 *
 * <p>Why it matters: with an extrinsic reward mu per step inside a region R of a larger viable set V, a
 * soft-optimal controller gives up {@code h(V) - h(R)} nats per step to stay in R and gains mu, so its
 * occupancy collapses into R only when mu exceeds that difference (the paper's appendix I). How much the
 * difference is depends on how far one step moves the state compared with R's size, which the paper does
 * not publish.
 *
 * <p>Estimated with a population of walkers: at each step every walker counts the actions whose successor
 * is in the region, moves along one of them at random, and the population is then resampled in proportion
 * to those counts. The resampling keeps the walkers distributed as the end points of uniformly chosen
 * confined sequences, so the mean fraction of staying actions over the population is N_{t+1} / (A N_t);
 * a single walker's average of ln(count) would instead be the (smaller) entropy of the uniform walk.
 */
public final class ConfinedEntropyRate {

    /** A set of states: the region the sequences must stay in. */
    @FunctionalInterface
    public interface Region {
        /** Whether the state at {@code states[offset ..]} is in the region. */
        boolean contains(float[] states, int offset);
    }

    private final SuccessorModel model;
    private final int walkers;
    private final int burnIn;
    private final int steps;

    /**
     * @param walkers population size
     * @param burnIn  steps run before the rate is measured (the walkers forget the start state)
     * @param steps   steps over which the rate is averaged
     */
    public ConfinedEntropyRate(SuccessorModel model, int walkers, int burnIn, int steps) {
        if (walkers < 1 || burnIn < 0 || steps < 1) {
            throw new IllegalArgumentException("confined entropy rate: " + walkers + " walkers, " + burnIn
                    + " burn-in steps and " + steps + " steps; expected at least 1, 0 and 1");
        }
        this.model = model;
        this.walkers = walkers;
        this.burnIn = burnIn;
        this.steps = steps;
    }

    /**
     * The rate for sequences that start at {@code start} (which must be in the region), in nats per step;
     * negative infinity when every walker is left without a staying action.
     */
    public double estimate(float[] start, Region region, long seed) {
        int n = model.stateSize();
        int actions = model.actionCount();
        if (start.length != n) {
            throw new IllegalArgumentException("start has " + start.length + " values; the model's state has " + n);
        }
        if (!region.contains(start, 0)) {
            throw new IllegalArgumentException("the start state is not in the region");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] current = new float[walkers * n];
        float[] moved = new float[walkers * n];
        for (int w = 0; w < walkers; w++) {
            System.arraycopy(start, 0, current, w * n, n);
        }
        float[] state = new float[n];
        float[] successors = new float[actions * n];
        int[] staying = new int[actions];
        int[] counts = new int[walkers];
        double logSum = 0;
        for (int t = 0; t < burnIn + steps; t++) {
            long total = 0;
            for (int w = 0; w < walkers; w++) {
                System.arraycopy(current, w * n, state, 0, n);
                model.successors(state, successors);
                int count = 0;
                for (int a = 0; a < actions; a++) {
                    if (region.contains(successors, a * n)) {
                        staying[count++] = a;
                    }
                }
                counts[w] = count;
                total += count;
                if (count > 0) {
                    System.arraycopy(successors, staying[random.nextInt(count)] * n, moved, w * n, n);
                }
            }
            if (total == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (t >= burnIn) {
                logSum += Math.log((double) total / ((long) walkers * actions));
            }
            resample(moved, current, counts, total, n, random);
        }
        return Math.log(actions) + logSum / steps;
    }

    /** Draws each walker of {@code to} from {@code from} with probability count / total (walkers without a way on never). */
    private void resample(float[] from, float[] to, int[] counts, long total, int n, SplittableRandom random) {
        for (int w = 0; w < walkers; w++) {
            long u = random.nextLong(total);
            int pick = 0;
            long cumulative = counts[0];
            while (u >= cumulative) {
                cumulative += counts[++pick];
            }
            System.arraycopy(from, pick * n, to, w * n, n);
        }
    }
}
