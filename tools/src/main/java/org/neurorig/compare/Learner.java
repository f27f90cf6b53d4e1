package org.neurorig.compare;

/** The learners compared: one in software, three on the hardware, and software then hardware. */
enum Learner {
    /** The model-based gradient (BPTT) on the nominal model, then deployed unchanged. */
    S("S", "model-based gradient (BPTT) on the nominal model, deployed as is"),
    /** Node perturbation on the readout, online, in the loop on the hardware. */
    NP("H: NP", "node perturbation, online, in the loop on the hardware"),
    /** Weight perturbation of the readout, per episode, in the loop on the hardware. */
    WP("H: WP", "weight perturbation, per episode, in the loop on the hardware"),
    /** REINFORCE with Bernoulli (bang-bang) actions, in the loop on the hardware. */
    REINFORCE("H: REINFORCE", "REINFORCE, bang-bang actions, in the loop on the hardware"),
    /** S's weights fine-tuned with node perturbation in the loop on the hardware. */
    S_TO_H("S->H", "S's weights fine-tuned on the hardware with node perturbation");

    private final String label;
    private final String description;

    Learner(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** Whether it trains in the loop on the hardware. */
    boolean inLoop() {
        return this != S;
    }
}
