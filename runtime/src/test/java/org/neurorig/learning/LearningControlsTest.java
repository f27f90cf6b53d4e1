package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

/**
 * The learning rate, the noise level and on/off are changed from another thread while the tick runs,
 * and the tick sees each change at its next read, without a lock. Also: what "off" means (a clean
 * network on unchanged weights), and that a rule's noise goes into the step without being written into
 * the network's currents or readout.
 */
class LearningControlsTest {

    private static final Set<WeightGroup> ALL = EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT, WeightGroup.INPUT);

    private static RateNetwork network() {
        RateNetwork net = new RateNetwork(NetworkConfig.of(32).withInputs(2).withOutputs(1).withG(1.2), Kernels.best());
        for (int i = 0; i < 32; i++) {
            net.readoutWeights()[i] = 0.1f * (i % 5 - 2);
        }
        return net;
    }

    private static void tick(RateNetwork net, ThreeFactorRule rule, int t) {
        net.input()[0] = (float) Math.sin(0.1 * t);
        rule.beforeStep();
        net.step(rule.unitNoise());
        rule.afterStep();
        float z = rule.action(net.readout())[0];
        rule.reward(-z * z);
    }

    /** A change made on another thread, handed over through a latch, is seen by the very next tick. */
    @Test
    void aChangeFromAnotherThreadTakesEffectAtTheNextTick() throws InterruptedException {
        RateNetwork net = network();
        LearningControls controls = new LearningControls(1e-3f, 0.05f);
        NodePerturbation np = NodePerturbation.forNetwork(net, ALL, Timing.online(0.8f), RewardBaseline.running(0.9f),
                controls, 1);
        np.beginEpisode();
        for (int t = 0; t < 50; t++) {
            tick(net, np, t);
        }
        float[] before = net.recurrentWeights().clone();
        tick(net, np, 50);
        assertFalse(java.util.Arrays.equals(before, net.recurrentWeights()), "learning on: the weights move");

        runOnOtherThread(() -> controls.setEnabled(false));
        float[] frozen = net.recurrentWeights().clone();
        float[] frozenReadout = net.readoutWeights().clone();
        RateNetwork clean = network(); // same seed, stepped without any rule from the same state and weights
        System.arraycopy(net.state(), 0, clean.state(), 0, 32);
        clean.setState(net.state());
        System.arraycopy(frozen, 0, clean.recurrentWeights(), 0, frozen.length);
        System.arraycopy(frozenReadout, 0, clean.readoutWeights(), 0, frozenReadout.length);
        System.arraycopy(net.inputWeights(), 0, clean.inputWeights(), 0, net.inputWeights().length);
        for (int t = 51; t < 100; t++) {
            tick(net, np, t);
            clean.input()[0] = (float) Math.sin(0.1 * t);
            clean.step();
            assertArrayEquals(clean.readout(), np.action(net.readout()), "off: the network runs clean (no noise) at tick " + t);
        }
        assertArrayEquals(frozen, net.recurrentWeights(), "off: the weights do not move");

        runOnOtherThread(() -> {
            controls.setEnabled(true);
            controls.setLearningRate(0f);
        });
        float[] noisyReadout = new float[1];
        tick(net, np, 100);
        noisyReadout[0] = np.action(net.readout())[0];
        clean.input()[0] = (float) Math.sin(0.1 * 100);
        clean.step();
        assertNotEquals(clean.readout()[0], noisyReadout[0], "on with rate 0: the noise is back");
        assertArrayEquals(frozen, net.recurrentWeights(), "rate 0: perturbing, but the weights do not move");

        runOnOtherThread(() -> controls.setNoise(0.5f));
        tick(net, np, 101);
        double big = rms(np.noise(1));
        runOnOtherThread(() -> controls.setNoise(0.005f));
        tick(net, np, 102);
        double small = rms(np.noise(1));
        assertEquals(100, big / small, 40, "the injected noise follows the noise level (rms " + big + " vs " + small + ")");
    }

    private static double rms(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v * v;
        }
        return Math.sqrt(s / a.length);
    }

    private static void runOnOtherThread(Runnable change) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            change.run();
            done.countDown();
        }, "controls-writer");
        writer.start();
        assertTrue(done.await(10, TimeUnit.SECONDS), "the writer thread did not finish");
        writer.join();
    }

    /**
     * A writer thread toggles the controls continuously while the tick runs: the tick never blocks or
     * fails, the weights stay finite, and it sees both states of the switch (each within a bounded
     * number of ticks: the writer has the other core).
     */
    @Test
    void theTickRunsUnharmedWhileAnotherThreadTurnsTheKnobs() throws InterruptedException {
        RateNetwork net = network();
        LearningControls controls = new LearningControls(1e-4f, 0.02f);
        NodePerturbation np = NodePerturbation.forNetwork(net, ALL, Timing.online(0.8f), RewardBaseline.running(0.9f),
                controls, 2);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                controls.setEnabled(i % 2 == 0);
                controls.setLearningRate(1e-4f * (i % 3));
                controls.setNoise(0.01f * (1 + i % 4));
                i++;
                Thread.onSpinWait();
            }
        }, "knob-turner");
        writer.start();
        int on = 0;
        int off = 0;
        try {
            np.beginEpisode();
            for (int t = 0; t < 20_000_000 && (on < 1000 || off < 1000); t++) {
                if (controls.enabled()) {
                    on++;
                } else {
                    off++;
                }
                tick(net, np, t);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(on >= 1000 && off >= 1000, "ticks seen with learning on " + on + ", off " + off);
        for (float[] w : new float[][] {net.recurrentWeights(), net.readoutWeights(), net.inputWeights()}) {
            for (float v : w) {
                assertTrue(Float.isFinite(v), "a weight became " + v);
            }
        }
    }

    @Test
    void theStepAddsTheNoiseToTheControllersOwnCurrentsWithoutWritingThem() {
        RateNetwork net = network();
        NodePerturbation np = NodePerturbation.forNetwork(net, EnumSet.of(WeightGroup.RECURRENT), Timing.episodic(),
                RewardBaseline.running(0.9f), new LearningControls(1e-3f, 0.3f), 3);
        for (int i = 0; i < 32; i++) {
            net.current()[i] = 0.1f * i + 0.013f; // a NeuroMOP-style action current
        }
        float[] action = net.current().clone();
        RateNetwork reference = network(); // stepped once with the currents plus the noise written in
        np.beginEpisode();
        np.beforeStep();
        float[] noise = np.noise(0);
        assertFalse(java.util.Arrays.equals(new float[32], noise), "the rule drew its noise");
        for (int i = 0; i < 32; i++) {
            reference.current()[i] = action[i] + noise[i];
        }
        net.step(np.unitNoise());
        np.afterStep();
        reference.step();
        assertArrayEquals(reference.state(), net.state(), "the step saw the currents plus the noise");
        assertArrayEquals(action, net.current(), "the controller's currents are as it wrote them, bit for bit");
    }

    /** No rule writes into the network's currents or readout: its noise and its actions are its own arrays. */
    @Test
    void noRuleWritesIntoTheNetworksCurrentsOrReadout() {
        List<Function<RateNetwork, ThreeFactorRule>> rules = List.of(
                n -> NodePerturbation.forNetwork(n, ALL, Timing.episodic(), RewardBaseline.running(0.9f),
                        new LearningControls(1e-3f, 0.3f), 3),
                n -> new MiconiPerturbation(n, EnumSet.of(WeightGroup.RECURRENT, WeightGroup.INPUT), Timing.episodic(),
                        RewardBaseline.running(0.75f), new LearningControls(1e-3f, 1f),
                        new MiconiPerturbation.Settings(0.5, 0.05f, 3e-4f), 4),
                n -> new ReinforceReadout(n, Timing.episodic(), RewardBaseline.running(0.9f), new LearningControls(1e-3f, 0f), 5));
        for (Function<RateNetwork, ThreeFactorRule> make : rules) {
            RateNetwork net = network();
            ThreeFactorRule rule = make.apply(net);
            for (int i = 0; i < 32; i++) {
                net.current()[i] = 0.1f * i + 0.013f;
            }
            float[] currents = net.current().clone();
            rule.beginEpisode();
            for (int t = 0; t < 20; t++) {
                net.input()[0] = (float) Math.sin(0.1 * t);
                rule.beforeStep();
                net.step(rule.unitNoise());
                float[] readout = net.readout().clone();
                rule.afterStep();
                float[] acted = rule.action(net.readout());
                rule.reward(-acted[0] * acted[0]);
                assertArrayEquals(currents, net.current(), rule.name() + ": the currents after tick " + t);
                assertArrayEquals(readout, net.readout(), rule.name() + ": the readout after tick " + t);
            }
            rule.endEpisode();
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LearningControls(-1f, 0.1f));
        assertEquals("learning rate = -1.0 is out of range: expected a finite number >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LearningControls(0.1f, Float.NaN));
        assertEquals("noise = NaN is out of range: expected a finite number >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Timing.online(1.5f));
        assertTrue(e.getMessage().startsWith("trace decay = 1.5 is out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightGroup.parse("readout,recurent"));
        assertEquals("unknown weight group 'recurent': expected readout, recurrent, input or bias", e.getMessage());
        RateNetwork net = network();
        NodePerturbation np = NodePerturbation.forNetwork(net, ALL, Timing.episodic(), RewardBaseline.running(2, 0.9f),
                new LearningControls(0.1f, 0.1f), 4);
        e = assertThrows(IllegalArgumentException.class, () -> np.beginEpisode(2));
        assertEquals("context 2 is out of range: this baseline has 2 context(s), 0 to 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MiconiPerturbation(net, EnumSet.of(WeightGroup.READOUT),
                Timing.episodic(), RewardBaseline.running(0.75f), new LearningControls(0.1f, 16f),
                MiconiPerturbation.Settings.paper(), 5));
        assertTrue(e.getMessage().startsWith("Miconi's rule learns the units' weights"), e.getMessage());
    }

    @Test
    void eachContextKeepsItsOwnBaseline() {
        RewardBaseline b = RewardBaseline.running(2, 0.5f);
        assertEquals(0f, b.predictionError(0, 10f), "the first reward of a context sets its baseline");
        assertEquals(0f, b.predictionError(1, -4f));
        assertEquals(2f, b.predictionError(0, 12f));
        assertEquals(11f, b.value(0));
        assertEquals(-4f, b.value(1), "context 1 is untouched by context 0's rewards");
        assertEquals(7f, RewardBaseline.none().predictionError(0, 7f));
    }
}
