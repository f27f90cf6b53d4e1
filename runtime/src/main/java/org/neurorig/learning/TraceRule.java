package org.neurorig.learning;

import java.util.List;
import org.neurorig.kernel.Kernels;

/**
 * The three-factor structure, built once: one {@link EligibilityTrace} per plastic layer, the third
 * factor from a {@link RewardBaseline}, the {@link Timing}, the {@link LearningControls}. Subclasses
 * say only what is rule-specific: the perturbation they draw and the postsynaptic factor of each
 * tick's eligibility term.
 *
 * <p>Online rules without clipping defer their ticks in the traces (how, and why the weights come out
 * the same to the bit: {@link EligibilityTrace}). This class decides when: {@code afterStep()} records
 * the tick, {@code reward()} records {@code eta (r - rbar)} against it, and the block is applied at
 * the reward of its K-th tick, where the per-tick rule updates, or at the next {@code beforeStep()} if
 * that tick had no reward, or earlier when learning is switched off, the episode ends or begins, or
 * {@link #applyPendingUpdates()} is called. With K = 1 the weights also change at the same calls as
 * the per-tick rule's. With {@link Timing#spread()} a complete block is handed on instead and each
 * {@code beforeStep()} applies the next ceil(rows / K) of its rows, across episode boundaries too (a
 * new episode restarts the trace at its place in the deferred ticks).
 *
 * <p>Episodic and clipped rules stage a tick's term in {@code afterStep()} and add it when it is next
 * needed: at a (clipped, online) reward in the same tick, or before the next step, or at the episode's
 * end. The presynaptic vectors it reads are valid until then (live arrays the next step overwrites, or
 * snapshots).
 */
abstract class TraceRule implements ThreeFactorRule {

    final Kernels kernels;
    final PlasticLayer[] layers;
    final EligibilityTrace[] traces;
    /** Per layer, the postsynaptic factor of this tick's term; layers with one site share the array. */
    final float[][] post;
    /** Per layer, the scalar of this tick's term. */
    final float[] alpha;
    final Timing timing;
    final RewardBaseline baseline;
    final LearningControls controls;
    private final float clipLimit;
    /** Online and unclipped: ticks are deferred in the traces and applied K at a time. */
    private final boolean deferring;
    private final int updateEvery;
    /** Deferring with each block's pass spread over the next K ticks; per layer, the rows per tick. */
    private final boolean spread;
    private final int[] rowsPerTick;

    private int context;
    /** The rewards this episode has had so far: the place of the next one, for a per-step baseline. */
    private int rewardsThisEpisode;
    private float episodeReturn;
    private boolean pending;
    /** controls().enabled() as read at this tick's beforeStep(). */
    boolean tickEnabled;

    TraceRule(List<PlasticLayer> layers, Timing timing, RewardBaseline baseline, LearningControls controls,
            float clipLimit, Kernels kernels) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no plastic weights: a rule needs at least one plastic layer");
        }
        this.kernels = kernels;
        this.layers = layers.toArray(PlasticLayer[]::new);
        this.traces = new EligibilityTrace[this.layers.length];
        this.post = new float[this.layers.length][];
        this.alpha = new float[this.layers.length];
        boolean clipped = clipLimit != Float.POSITIVE_INFINITY;
        if (clipped && timing.updateEvery() != 1) {
            throw new IllegalArgumentException("update every = " + timing.updateEvery()
                    + " ticks: a clipped update cannot be deferred (each tick's update is clipped on its own); use 1");
        }
        this.deferring = timing.online() && !clipped;
        this.updateEvery = timing.updateEvery();
        this.spread = deferring && timing.spreadUpdates();
        this.rowsPerTick = new int[this.layers.length];
        for (int l = 0; l < this.layers.length; l++) {
            PlasticLayer layer = this.layers[l];
            rowsPerTick[l] = (layer.rows + updateEvery - 1) / updateEvery;
            traces[l] = new EligibilityTrace(layer.rows, layer.cols, timing.traceDecay(), deferring ? updateEvery : 0,
                    kernels);
        }
        this.timing = timing;
        this.baseline = baseline;
        this.controls = controls;
        this.clipLimit = clipLimit;
    }

    @Override
    public LearningControls controls() {
        return controls;
    }

    /** The rule's reward baseline. */
    public RewardBaseline baseline() {
        return baseline;
    }

    public Timing timing() {
        return timing;
    }

    /**
     * The eligibility trace of the {@code l}-th plastic layer, in the order the layers were given, with
     * every pending update applied first.
     */
    public EligibilityTrace trace(int l) {
        applyPendingUpdates();
        return traces[l];
    }

    /**
     * Ticks whose updates are recorded but not yet (wholly) applied to the weights: 0 to K, or to 2K
     * with {@link Timing#spread()} (a block recording, a block applying).
     */
    public int pendingTicks() {
        return deferring ? traces[0].deferredTicks() + traces[0].applyingTicks() : 0;
    }

    @Override
    public void applyPendingUpdates() {
        if (deferring) {
            for (int l = 0; l < layers.length; l++) {
                traces[l].applyDeferred(layers[l].weights);
            }
        } else {
            flush();
        }
    }

    /** The plastic layers, in the order given. */
    public List<PlasticLayer> layers() {
        return List.of(layers);
    }

    @Override
    public void beginEpisode(int context) {
        baseline.requireContext(context);
        baseline.endEpisode(); // an episode that ended without endEpisode() still informs the predictions
        this.context = context;
        rewardsThisEpisode = 0;
        episodeReturn = 0f;
        pending = false;
        if (spread) { // the pending passes go on across the boundary; the trace restarts at its place in them
            for (EligibilityTrace trace : traces) {
                trace.restart();
            }
            return;
        }
        if (deferring) {
            applyPendingUpdates(); // rewards already received keep their effect on the weights
        }
        for (EligibilityTrace trace : traces) {
            trace.clear();
        }
    }

    @Override
    public final void beforeStep() {
        tickEnabled = controls.enabled();
        if (deferring) {
            if (!tickEnabled) {
                if (pendingTicks() > 0) {
                    applyPendingUpdates();
                }
            } else {
                if (traces[0].deferredTicks() == updateEvery) {
                    closeBlock();
                }
                if (spread) {
                    for (int l = 0; l < layers.length; l++) {
                        traces[l].applyRows(layers[l].weights, rowsPerTick[l]);
                    }
                }
            }
        } else {
            flush();
        }
        for (PlasticLayer layer : layers) {
            layer.capturePre();
        }
        if (tickEnabled) {
            perturb();
        }
    }

    @Override
    public final void afterStep() {
        if (!tickEnabled) {
            measureWhileOff();
            return;
        }
        boolean term = measure();
        if (deferring) {
            if (traces[0].deferredTicks() == updateEvery) {
                closeBlock(); // afterStep() twice without beforeStep(): keep the order anyway
            }
            for (int l = 0; l < layers.length; l++) {
                traces[l].deferTick(term ? alpha[l] : 0f, post[l], layers[l].pre);
            }
            return;
        }
        for (EligibilityTrace trace : traces) {
            trace.decay();
        }
        pending = term;
    }

    @Override
    public void reward(float r) {
        int step = rewardsThisEpisode++;
        if (!tickEnabled) {
            return;
        }
        if (!timing.online()) {
            episodeReturn += r;
            return;
        }
        float beta = controls.learningRate() * baseline.predictionError(context, step, r);
        if (deferring) {
            if (beta != 0f && Float.isFinite(beta)) { // a non-finite reward teaches nothing; the weights stay finite
                for (int l = 0; l < layers.length; l++) {
                    traces[l].deferReward(layers[l].weights, beta);
                }
            }
            if (traces[0].deferredTicks() == updateEvery) {
                closeBlock(); // at the K-th tick's reward, where the per-tick rule updates (K = 1: it is that rule)
            }
            return;
        }
        apply(beta);
    }

    @Override
    public void endEpisode() {
        if (!timing.online() && controls.enabled()) {
            apply(controls.learningRate() * baseline.predictionError(context, episodeReturn));
        }
        baseline.endEpisode();
        if (!spread) {
            applyPendingUpdates();
        }
        episodeReturn = 0f;
    }

    @Override
    public float rewardPrediction() {
        return baseline.value(context);
    }

    @Override
    public void abandonEpisode() {
        applyPendingUpdates(); // rewards already received keep their effect, as at beginEpisode
        baseline.endEpisode();
        pending = false;
        episodeReturn = 0f;
    }

    /** A block of K recorded ticks is complete: apply it now, or hand it on to be applied over the next K ticks. */
    private void closeBlock() {
        if (!spread) {
            applyPendingUpdates();
            return;
        }
        for (int l = 0; l < layers.length; l++) {
            traces[l].startApplying(layers[l].weights);
        }
    }

    /** Draws this tick's perturbation of the units' currents, before the step ({@link #unitNoise()}). */
    abstract void perturb();

    /**
     * After the step: draws any perturbation of the outputs ({@link #action}), and fills {@link #post}
     * and {@link #alpha} with this tick's eligibility term. Returns whether there is one.
     */
    abstract boolean measure();

    /** After the step of a tick with learning off; nothing to do for rules that only add noise. */
    void measureWhileOff() {
        // the network ran clean
    }

    /** {@code W += beta e} for every layer, adding a staged term first. */
    private void apply(float beta) {
        if (beta == 0f || !Float.isFinite(beta)) {
            flush(); // a non-finite reward teaches nothing; the weights stay finite
            return;
        }
        boolean fuse = pending && clipLimit == Float.POSITIVE_INFINITY;
        for (int l = 0; l < layers.length; l++) {
            PlasticLayer layer = layers[l];
            if (fuse) {
                traces[l].accumulateAndAddTo(alpha[l], post[l], layer.pre, layer.weights, beta);
            } else {
                if (pending) {
                    traces[l].accumulate(alpha[l], post[l], layer.pre);
                }
                if (clipLimit == Float.POSITIVE_INFINITY) {
                    traces[l].addTo(layer.weights, beta);
                } else {
                    traces[l].clippedAddTo(layer.weights, beta, clipLimit);
                }
            }
        }
        pending = false;
    }

    private void flush() {
        if (pending) {
            for (int l = 0; l < layers.length; l++) {
                traces[l].accumulate(alpha[l], post[l], layers[l].pre);
            }
            pending = false;
        }
    }
}
