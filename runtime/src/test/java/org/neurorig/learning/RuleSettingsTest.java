package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

class RuleSettingsTest {

    private final RateNetwork network = new RateNetwork(NetworkConfig.of(8).withInputs(4).withOutputs(1));

    @Test
    void eachKindBuildsItsRuleWithItsControls() {
        for (RuleSettings.Kind kind : RuleSettings.Kind.values()) {
            assertEquals(kind, RuleSettings.Kind.parse(" " + kind.key().toUpperCase() + " "));
            RuleSettings s = RuleSettings.defaults(kind);
            ThreeFactorRule rule = s.build(network, 1);
            assertEquals(s.learningRate(), rule.controls().learningRate());
            assertTrue(rule.controls().enabled());
            switch (kind) {
                case NODE_PERTURBATION -> assertInstanceOf(NodePerturbation.class, rule);
                case WEIGHT_PERTURBATION -> assertTrue(((WeightPerturbation) rule).twoSided());
                case REINFORCE -> assertInstanceOf(ReinforceReadout.class, rule);
            }
        }
        RuleSettings np = RuleSettings.defaults(RuleSettings.Kind.NODE_PERTURBATION).withLearningRate(3e-4f).withNoise(0.2f);
        assertEquals("np: eta 0.000300, sigma 0.200, online lambda 0.900, baseline decay 0.990, [readout]", np.describe());
    }

    @Test
    void inconsistentSettingsAreRefusedWithAReason() {
        assertEquals("unknown learning rule 'bptt': expected np, wp or reinforce",
                assertThrows(IllegalArgumentException.class, () -> RuleSettings.Kind.parse("bptt")).getMessage());
        RuleSettings wp = RuleSettings.defaults(RuleSettings.Kind.WEIGHT_PERTURBATION);
        assertEquals("weight perturbation learns per episode: its timing must be episodic",
                assertThrows(IllegalArgumentException.class, () -> wp.withTiming(Timing.online(0.9f))).getMessage());
        RuleSettings np = RuleSettings.defaults(RuleSettings.Kind.NODE_PERTURBATION);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> np.withTwoSided(true)).getMessage()
                .startsWith("two-sided (antithetic) trials are a weight-perturbation setting"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> np.withBaselineDecay(1f)).getMessage()
                .startsWith("baseline decay = 1.0 is out of range"));
        assertThrows(IllegalArgumentException.class, () -> np.withLearningRate(-1f));
        assertEquals("REINFORCE on a rate network learns its readout only: plastic must be readout",
                assertThrows(IllegalArgumentException.class, () -> new RuleSettings(RuleSettings.Kind.REINFORCE, 1e-3f, 0f,
                        Timing.online(0.9f), 0.9f, false, EnumSet.of(WeightGroup.RECURRENT))).getMessage());
        assertEquals(Set.of(WeightGroup.READOUT), np.plastic());
    }
}
