package org.neurorig.plant.nonideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.plant.Friction;
import org.neurorig.plant.TickJitter;
import org.neurorig.testing.AllocationMeter;
import org.neurorig.testing.BalancingFeedback;

class NonIdealCartPoleTest {

    private static final CartPoleParameters GYM = CartPoleParameters.gym();

    /**
     * Runs episodes under the feedback controller (bang-bang: its sign) and returns every sensor value
     * and true-state value seen, as raw bits, so two runs compare bit for bit.
     */
    private static long[] trace(Plant plant, ForceMode mode, int episodes, int steps) {
        long[] out = new long[episodes * steps * 8];
        int k = 0;
        double[] start = new double[4];
        double[] sensors = new double[4];
        double[] state = new double[4];
        double[] command = new double[1];
        SplittableRandom random = new SplittableRandom(11);
        plant.activate();
        for (int e = 0; e < episodes; e++) {
            CartPole.drawInitialState(GYM, random, start);
            plant.reset(start);
            for (int t = 0; t < steps; t++) {
                plant.read(t, sensors);
                double u = BalancingFeedback.force(sensors);
                command[0] = mode == ForceMode.BANG_BANG ? (u > 0 ? 1 : 0) : u;
                plant.write(t, command);
                plant.trueState(state);
                for (int i = 0; i < 4; i++) {
                    out[k++] = Double.doubleToRawLongBits(sensors[i]);
                    out[k++] = Double.doubleToRawLongBits(state[i]);
                }
            }
        }
        return out;
    }

    @Test
    void noNonIdealitiesIsTheIdealPlantItselfBitForBit() {
        for (ForceMode mode : ForceMode.values()) {
            Plant none = NonIdealCartPole.create(GYM, mode, NonIdealities.none(), 1);
            assertInstanceOf(CartPolePlant.class, none, "wrapped in nothing");
            Plant zeros = NonIdealCartPole.create(GYM, mode,
                    new NonIdealities(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1);
            long[] ideal = trace(new CartPolePlant(GYM, mode), mode, 3, 300);
            assertTrue(Arrays.equals(ideal, trace(none, mode, 3, 300)), mode + ": none()");
            assertTrue(Arrays.equals(ideal, trace(zeros, mode, 3, 300)), mode + ": the all-zero record");
        }
    }

    /**
     * Every wrapper that has a neutral setting, stacked at that setting, on the continuous plant with
     * explicit zero friction, zero jitter and zero mismatch, behind the discrete-action converter: the
     * same bits as Gymnasium's bang-bang plant.
     */
    @Test
    void wrappersAtTheirNeutralSettingsChangeNoBit() {
        Plant p = new CartPolePlant(GYM.withMismatch(0, 0, 0), ForceMode.CONTINUOUS, new Friction(0, 0, 0), new TickJitter(0, 9));
        p = new Saturation(p, 0, GYM.forceMag());
        p = new MotorGainError(p, 0);
        p = new ForceBias(p, 0);
        p = new Deadband(p, 0, GYM.forceMag());
        p = new SensorOffset(p, new double[4]);
        p = new SensorNoise(p, new double[4], 9);
        p = new DiscreteForce(p, GYM.forceMag());
        assertTrue(Arrays.equals(trace(new CartPolePlant(GYM, ForceMode.BANG_BANG), ForceMode.BANG_BANG, 3, 300),
                trace(p, ForceMode.BANG_BANG, 3, 300)));
    }

    /** Open loop, a random force in +-forceMag each tick: every effect alone changes the sensors or the state. */
    @Test
    void everyEffectAloneChangesWhatTheControllerSees() {
        long[] ideal = randomForces(new CartPolePlant(GYM, ForceMode.CONTINUOUS));
        for (Effect e : Effect.values()) {
            Plant p = NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS, NonIdealities.only(e, 1), 1);
            assertInstanceOf(NonIdealCartPole.class, p);
            assertTrue(!Arrays.equals(ideal, randomForces(p)), e + " made no difference");
        }
    }

    private static long[] randomForces(Plant plant) {
        SplittableRandom random = new SplittableRandom(2);
        double[] s = new double[4];
        double[] u = new double[1];
        long[] out = new long[100 * 8];
        plant.activate();
        plant.reset(new double[] {0, 0, 0.01, 0});
        for (int t = 0; t < 100; t++) {
            plant.read(t, s);
            u[0] = random.nextDouble(-GYM.forceMag(), GYM.forceMag());
            plant.write(t, u);
            for (int i = 0; i < 4; i++) {
                out[8 * t + i] = Double.doubleToRawLongBits(s[i]);
            }
            plant.trueState(s);
            for (int i = 0; i < 4; i++) {
                out[8 * t + 4 + i] = Double.doubleToRawLongBits(s[i]);
            }
        }
        return out;
    }

    /**
     * The bias is a force the motor does not make: behind a motor saturated at 7 N it still adds its
     * 0.5 N, and the cart gets 7.5 N, as an ideal plant given 7.5 N.
     */
    @Test
    void theForceBiasActsBehindTheSaturatedMotor() {
        NonIdealities n = NonIdealities.none().with("saturation", 0.3).with("force_bias", 0.5);
        Plant rig = NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS, n, 1);
        CartPolePlant ideal = new CartPolePlant(GYM, ForceMode.CONTINUOUS);
        double[] start = {0.01, -0.02, 0.03, 0.04};
        rig.activate();
        ideal.activate();
        rig.reset(start);
        ideal.reset(start);
        double[] a = new double[4];
        double[] b = new double[4];
        for (int t = 0; t < 5; t++) {
            rig.write(t, new double[] {10});
            ideal.write(t, new double[] {7.5});
            rig.trueState(a);
            ideal.trueState(b);
            assertTrue(Arrays.equals(a, b), "tick " + t + ": " + Arrays.toString(a) + " against " + Arrays.toString(b));
        }
    }

    /**
     * The angle offset is in the reading, not in the pole: the true state and the termination rule are
     * the ideal plant's, and a pole encoder counts the angle from the offset zero (the offset added
     * after the encoder would read 15 counts plus 0.035 rad here, not 18 counts).
     */
    @Test
    void theAngleOffsetIsInTheReadingAndTheEncoderCountsFromIt() {
        double offset = 0.035;
        Plant rig = NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS, NonIdealities.none().with("theta_offset", offset), 1);
        CartPolePlant ideal = new CartPolePlant(GYM, ForceMode.CONTINUOUS);
        double[] start = {0, 0, GYM.thetaThreshold() - 0.02, 0};
        rig.activate();
        ideal.activate();
        rig.reset(start);
        ideal.reset(start);
        double[] read = new double[4];
        double[] truth = new double[4];
        rig.read(0, read);
        rig.trueState(truth);
        assertEquals(start[2] + offset, read[2], 0.0);
        assertEquals(start[2], truth[2], 0.0);
        assertTrue(read[2] > GYM.thetaThreshold() && !rig.terminated(), "the reading is past the threshold, the pole is not");

        int cpr = 512;
        double step = 2 * Math.PI / cpr;
        Plant encoded = NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS,
                NonIdealities.none().with("theta_offset", offset).with("pole_encoder_cpr", cpr), 1);
        encoded.activate();
        encoded.reset(start);
        encoded.read(0, read);
        assertEquals(Math.rint((start[2] + offset) / step) * step, read[2], 0.0, "counted from the offset zero");
    }

    @Test
    void theFeedbackBalancesTheIdealPlantAndStrongNonIdealitiesHurtIt() {
        int ideal = survivedSteps(NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS, NonIdealities.none(), 1));
        int strong = survivedSteps(NonIdealCartPole.create(GYM, ForceMode.CONTINUOUS, NonIdealities.preset("strong"), 1));
        assertEquals(10 * 500, ideal, "the ideal plant is balanced for 500 steps in every episode");
        assertTrue(strong < ideal, "strong non-idealities cost steps: " + strong);
    }

    private static int survivedSteps(Plant plant) {
        double[] start = new double[4];
        double[] s = new double[4];
        double[] u = new double[1];
        SplittableRandom random = new SplittableRandom(5);
        plant.activate();
        int total = 0;
        for (int e = 0; e < 10; e++) {
            CartPole.drawInitialState(GYM, random, start);
            plant.reset(start);
            for (int t = 0; t < 500 && !plant.terminated(); t++) {
                plant.read(t, s);
                u[0] = BalancingFeedback.force(s);
                plant.write(t, u);
                total++;
            }
        }
        return total;
    }

    @Test
    void theSameSeedRepeatsARunAndAnotherSeedDoesNot() {
        NonIdealities strong = NonIdealities.preset("strong");
        long[] a = trace(NonIdealCartPole.create(GYM, ForceMode.BANG_BANG, strong, 3), ForceMode.BANG_BANG, 2, 100);
        long[] b = trace(NonIdealCartPole.create(GYM, ForceMode.BANG_BANG, strong, 3), ForceMode.BANG_BANG, 2, 100);
        long[] c = trace(NonIdealCartPole.create(GYM, ForceMode.BANG_BANG, strong, 4), ForceMode.BANG_BANG, 2, 100);
        assertTrue(Arrays.equals(a, b));
        assertTrue(!Arrays.equals(a, c));
    }

    @Test
    void theRigRunsWithMismatchedParametersAndKeepsTheLifecycle() {
        Plant p = NonIdealCartPole.create(GYM, ForceMode.BANG_BANG, NonIdealities.preset("mismatch"), 1);
        NonIdealCartPole rig = assertInstanceOf(NonIdealCartPole.class, p);
        assertEquals(1.3, rig.rigParameters().massCart(), 1e-15);
        assertEquals("cartpole+nonideal", rig.name());
        assertEquals(DeviceStatus.INACTIVE, p.write(0, new double[] {1}), "refused before activation, through the chain");
        p.activate();
        assertEquals(DeviceStatus.OK, p.write(0, new double[] {1}));
        p.deactivate();
        assertEquals(DeviceStatus.INACTIVE, p.write(0, new double[] {1}));
        assertNotEquals(GYM, rig.rigParameters());
    }

    /**
     * The tick through every wrapper at once (strong: all effects on) allocates nothing once compiled:
     * read, write and the episode restarts, 100,000 ticks, zero bytes.
     */
    @Test
    void aTickThroughEveryNonIdealityAllocatesNothing() {
        for (ForceMode mode : ForceMode.values()) {
            Plant p = NonIdealCartPole.create(GYM, mode, NonIdealities.preset("strong"), 1);
            p.activate();
            Ticker ticker = new Ticker(p);
            for (int run = 0; run < 3; run++) {
                ticker.run(100_000); // compiled before warmUp judges: the tick allocates nothing even when interpreted
            }
            AllocationMeter.warmUp(() -> ticker.run(100_000), 5);
            assertEquals(0, AllocationMeter.bytesAllocatedBy(() -> ticker.run(100_000)), mode + ": bytes over 100,000 ticks");
        }
    }

    private static final class Ticker {
        private final Plant plant;
        private final double[] start = new double[4];
        private final double[] sensors = new double[4];
        private final double[] command = new double[1];
        private final SplittableRandom random = new SplittableRandom(1);

        Ticker(Plant plant) {
            this.plant = plant;
        }

        void run(int ticks) {
            for (int t = 0; t < ticks; t++) {
                if (t % 200 == 0 || plant.terminated()) {
                    CartPole.drawInitialState(GYM, random, start);
                    plant.reset(start);
                }
                plant.read(t, sensors);
                command[0] = BalancingFeedback.force(sensors);
                plant.write(t, command);
            }
        }
    }
}
