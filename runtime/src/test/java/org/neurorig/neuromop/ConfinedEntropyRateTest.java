package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Nonlinearity;

class ConfinedEntropyRateTest {

    /**
     * A three-node graph, the node number being the state. Node 0's four actions lead to 0, 0, 1 and 2;
     * node 1's to 0, 2, 2 and 2; node 2 is outside the region. Staying sequences grow as the largest
     * eigenvalue of [[2, 1], [1, 0]], 1 + sqrt 2, while a uniform walk among the staying actions averages
     * only (3/4) ln 3 of ln(count): the two differ by 0.057 nats.
     */
    private static final class Graph implements SuccessorModel {
        private static final int[][] NEXT = {{0, 0, 1, 2}, {0, 2, 2, 2}, {2, 2, 2, 2}};

        @Override
        public int stateSize() {
            return 1;
        }

        @Override
        public int actionCount() {
            return 4;
        }

        @Override
        public int actionDimensions() {
            return 1;
        }

        @Override
        public float actionComponent(int action, int k) {
            return action;
        }

        @Override
        public void successors(float[] state, float[] successors) {
            int node = (int) state[0];
            for (int a = 0; a < 4; a++) {
                successors[a] = NEXT[node][a];
            }
        }
    }

    private static final ConfinedEntropyRate.Region NOT_TWO = (s, o) -> s[o] != 2f;

    @Test
    void theRateIsTheGrowthOfStayingSequencesNotTheUniformWalksEntropy() {
        double rate = new ConfinedEntropyRate(new Graph(), 2000, 20, 400).estimate(new float[] {1}, NOT_TWO, 3);
        assertEquals(Math.log(1 + Math.sqrt(2)), rate, 0.015);
        assertTrue(rate > 0.75 * Math.log(3) + 0.03, "rate " + rate + " is the uniform walk's, not the sequences'");
    }

    @Test
    void aRegionEveryActionStaysInHasTheFullRate() {
        RecurrentModel model = new RecurrentModel(new RecurrentParameters(12, 3, 1.5, 0.1, 1.0, 1.5,
                Nonlinearity.TANH, 5));
        double rate = new ConfinedEntropyRate(model, 5, 2, 10).estimate(new float[12], (s, o) -> true, 1);
        assertEquals(Math.log(8), rate, 1e-12);
    }

    @Test
    void aRegionNoSequenceCanStayInHasNoRate() {
        ConfinedEntropyRate.Region onlyOne = (s, o) -> s[o] == 1f; // node 1 never leads back to itself
        assertEquals(Double.NEGATIVE_INFINITY,
                new ConfinedEntropyRate(new Graph(), 10, 0, 5).estimate(new float[] {1}, onlyOne, 1));
    }

    @Test
    void aStartOutsideTheRegionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfinedEntropyRate(new Graph(), 10, 0, 5).estimate(new float[] {2}, NOT_TWO, 1));
    }
}
