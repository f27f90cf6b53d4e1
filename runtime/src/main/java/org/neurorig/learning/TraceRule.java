package org.neurorig.learning;

import java.util.List;
import org.neurorig.kernel.Kernels;

/**
 * The three-factor structure, built once: one {@link EligibilityTrace} per plastic layer, the third
 * factor from a {@link RewardBaseline}, the {@link Timing}, the {@link LearningControls}. Subclasses
 * say only what is rule-specific: the perturbation they inject and the postsynaptic factor of each
 * tick's eligibility term.
 *
 * <p>A tick's eligibility term is staged in {@code afterStep()} and added when it is next needed: at a
 * reward in the same tick, the fused kernel adds it to the trace and applies the trace to the weights in
 * one pass; otherwise it is added before the next step (or at the episode's end). The presynaptic
 * vectors it reads are valid until then (live arrays the next step overwrites, or snapshots).
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

    private int context;
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
        for (int l = 0; l < this.layers.length; l++) {
            PlasticLayer layer = this.layers[l];
            traces[l] = new EligibilityTrace(layer.rows, layer.cols, timing.traceDecay(), kernels);
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

    /** The rule's reward baseline (one running prediction per context). */
    public RewardBaseline baseline() {
        return baseline;
    }

    public Timing timing() {
        return timing;
    }

    /** The eligibility trace of the {@code l}-th plastic layer, in the order the layers were given. */
    public EligibilityTrace trace(int l) {
        flush();
        return traces[l];
    }

    /** The plastic layers, in the order given. */
    public List<PlasticLayer> layers() {
        return List.of(layers);
    }

    @Override
    public void beginEpisode(int context) {
        baseline.requireContext(context);
        this.context = context;
        episodeReturn = 0f;
        pending = false;
        for (EligibilityTrace trace : traces) {
            trace.clear();
        }
    }

    @Override
    public final void beforeStep() {
        flush();
        tickEnabled = controls.enabled();
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
        for (EligibilityTrace trace : traces) {
            trace.decay();
        }
        pending = term;
    }

    @Override
    public void reward(float r) {
        if (!tickEnabled) {
            return;
        }
        if (!timing.online()) {
            episodeReturn += r;
            return;
        }
        apply(controls.learningRate() * baseline.predictionError(context, r));
    }

    @Override
    public void endEpisode() {
        if (!timing.online() && controls.enabled()) {
            apply(controls.learningRate() * baseline.predictionError(context, episodeReturn));
        }
        flush();
        episodeReturn = 0f;
    }

    /** Injects this tick's perturbation (before the step). */
    abstract void perturb();

    /**
     * After the step: removes what {@link #perturb()} injected, adds any output perturbation, and fills
     * {@link #post} and {@link #alpha} with this tick's eligibility term. Returns whether there is one.
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
