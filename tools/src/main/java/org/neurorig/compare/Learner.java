package org.neurorig.compare;

/** The learners compared: one in software, three on the hardware, and software then hardware. */
enum Learner {
    /** The model-based gradient (BPTT) on the nominal model, then deployed unchanged. */
    S("S"),
    /** Node perturbation on the readout, online, in the loop on the hardware. */
    NP("H: NP"),
    /** Weight perturbation of the readout, per episode, in the loop on the hardware. */
    WP("H: WP"),
    /** REINFORCE with Bernoulli (bang-bang) actions, in the loop on the hardware. */
    REINFORCE("H: REINFORCE"),
    /** S's weights fine-tuned with node perturbation in the loop on the hardware. */
    S_TO_H("S->H");

    private final String label;

    Learner(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
