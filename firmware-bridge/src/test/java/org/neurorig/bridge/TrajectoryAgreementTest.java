package org.neurorig.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.device.DeviceStatus;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;

/**
 * The firmware integrates the cart-pole in float32 on the AVR (avr-libc's sinf and cosf, soft float);
 * the runtime's CartPole does it in float64 with StrictMath. Fed the force the firmware actually applied
 * (each state carries its 8-bit output), the Java model must reproduce the firmware's true state: one
 * step from each observed state, and the whole closed-loop episode replayed from its first state. The
 * episode is driven by the runtime's ControlLoop ({@link PacedLoop}, twice the firmware's rate).
 */
@Tag("emulator")
class TrajectoryAgreementTest {

    private static final int TICKS = 200;

    @Test
    void theFirmwaresFloat32PhysicsAgreesWithTheJavaModel() throws Exception {
        double[][] truth;
        long[] time;
        double[] force = new double[TICKS];
        try (EmulatedUno uno = Emulators.start(); FirmwarePlant plant = new FirmwarePlant(Emulators.settings(uno.port()))) {
            plant.configure();
            RecordingPlant recorded = new RecordingPlant(plant);
            Feedback feedback = new Feedback(recorded, TICKS);
            try (PacedLoop paced = new PacedLoop(recorded, feedback, TimeUnit.MILLISECONDS.toNanos(10), 200)) {
                assertEquals(DeviceStatus.OK, plant.reset(new double[] {0, 0, 0.05, 0}));
                paced.ticksUntil(() -> feedback.full() || paced.loop.trips() > 0, 100 * TICKS);
                assertEquals(0, paced.loop.trips(), () -> paced.loop.lastTripReason() + ": " + plant.link().health().lastProblem());
            }
            assertTrue(plant.lastSample().has(Protocol.STATE_TRUTH));
            truth = feedback.truth;
            time = feedback.times;
            for (int t = 0; t < TICKS; t++) {
                force[t] = feedback.outputs[t] * 10.0 / 255.0; // the force applied in the step that led to this state
            }
        }
        CartPole model = new CartPole(CartPoleParameters.gym());
        double[] next = new double[4];
        double oneStep = 0;
        int pairs = 0;
        for (int t = 1; t < TICKS; t++) {
            if (time[t] - time[t - 1] != 20_000) {
                continue;
            }
            model.setState(truth[t - 1]);
            model.step(force[t]);
            model.state(next);
            for (int i = 0; i < 4; i++) {
                oneStep = Math.max(oneStep, Math.abs(next[i] - truth[t][i]));
            }
            pairs++;
        }
        // The episode replayed in float64 from its first state with the recorded forces, as far as the states
        // are consecutive. The forces are fixed, so the replay runs open loop on an unstable system (the upright
        // pole): the last bit of float32 rounding grows exponentially.
        model.setState(truth[0]);
        double[] thetaErrorAt = new double[TICKS];
        int replayed = 0;
        for (int t = 1; t < TICKS && time[t] - time[t - 1] == 20_000; t++) {
            model.step(force[t]);
            model.state(next);
            thetaErrorAt[t] = Math.max(thetaErrorAt[t - 1], Math.abs(next[2] - truth[t][2]));
            replayed++;
        }
        System.out.printf("trajectory: one step from each of %d states: max |float64 - float32| %.3g;"
                + " replayed open loop from the first state, max |theta error| after 10/25/50/100/%d steps:"
                + " %.2g / %.2g / %.2g / %.2g / %.2g rad%n", pairs, oneStep, replayed, thetaErrorAt[Math.min(10, replayed)],
                thetaErrorAt[Math.min(25, replayed)], thetaErrorAt[Math.min(50, replayed)],
                thetaErrorAt[Math.min(100, replayed)], thetaErrorAt[replayed]);
        assertTrue(pairs > TICKS / 2, "only " + pairs + " consecutive pairs");
        assertTrue(oneStep < 1e-6, "one-step disagreement " + oneStep);
        if (replayed >= 25) {
            assertTrue(thetaErrorAt[25] < 1e-5, "replay drifted within half a second: " + thetaErrorAt[25]);
        }
    }
}
