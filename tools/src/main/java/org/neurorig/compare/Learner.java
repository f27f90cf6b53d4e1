package org.neurorig.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The learners compared: in software (on a model), on the hardware (in the loop), and software then
 * hardware. Each in-loop learner's settings are under its key ({@code --set np.eta=...}).
 */
enum Learner {
    /** The model-based gradient (BPTT) on the nominal model, then deployed unchanged. */
    S("S", "s"),
    /** The same, on a model that knows the hardware's effect: the control that tells bias from infeasibility. */
    S_TRUE("S on the true model", "strue"),
    /** Node perturbation on the readout, online: each tick's reward against the noise of the ticks before. */
    NP("H: NP", "np"),
    /** Weight perturbation of the readout, per episode, two-sided. */
    WP("H: WP", "wp"),
    /**
     * REINFORCE with a Gaussian policy on the continuous force: Williams' Gaussian unit is node
     * perturbation of the readout, here crediting each episode's return (episodic) rather than each
     * tick's reward.
     */
    REINFORCE("H: REINFORCE", "reinforce"),
    /** REINFORCE with Bernoulli units: bang-bang force, +-full scale. */
    BERNOULLI("H: REINFORCE bang-bang", "bernoulli"),
    /** S's weights fine-tuned with node perturbation in the loop on the hardware. */
    S_TO_H("S->H", "finetune");

    private final String label;
    private final String key;

    Learner(String label, String key) {
        this.label = label;
        this.key = key;
    }

    String label() {
        return label;
    }

    /** The learner's name on the command line ({@code --learners}) and its settings' prefix ({@code --set}). */
    String key() {
        return key;
    }

    /** Whether it learns in the loop on the hardware (S and S on the true model learn on a model). */
    boolean inLoop() {
        return this != S && this != S_TRUE;
    }

    /** Whether it starts from S's weights. */
    boolean startsFromS() {
        return this == S_TO_H;
    }

    /** The learners named in {@code text} (comma-separated keys, or {@code all}), or a one-line refusal. */
    static List<Learner> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(t.split(",")).map(String::trim).map(k -> Arrays.stream(values()).filter(l -> l.key.equals(k)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--learners: unknown learner '" + k + "': expected all, or some of "
                        + String.join(", ", Arrays.stream(values()).map(Learner::key).toList())))).distinct().sorted().toList();
    }
}
