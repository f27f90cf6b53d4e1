package org.neurorig.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The cart-pole against Gymnasium's own: gymnasium-cartpole-v1.csv was written by Gymnasium 1.3.0's
 * CartPole-v1 (NumPy 2.4.6, glibc libm, x86_64; the script beside it makes it again): 8 episodes of
 * random pushes until the pole falls and 3 balanced to the 500-step limit. Each episode is replayed
 * open loop from its initial state; every state variable must have Gymnasium's bits at every step, and
 * termination must come at the same step. The 500-step episodes are the hard part: the pole is
 * unstable, so one different bit early on grows into a visible difference long before the end.
 */
class GymnasiumFidelityTest {

    @Test
    void everyStepHasGymnasiumsBits() throws IOException {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.BANG_BANG);
        plant.activate();
        double[] logged = new double[4];
        double[] state = new double[4];
        double[] action = new double[1];
        int rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("gymnasium-cartpole-v1.csv")), StandardCharsets.US_ASCII))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                for (int i = 0; i < 4; i++) {
                    logged[i] = Double.parseDouble(f[3 + i]);
                }
                String where = "episode " + f[0] + " step " + f[1];
                if (f[1].equals("0")) {
                    plant.reset(logged);
                    continue;
                }
                action[0] = Double.parseDouble(f[2]);
                plant.write(0, action);
                plant.trueState(state);
                for (int i = 0; i < 4; i++) {
                    assertEquals(Double.doubleToRawLongBits(logged[i]), Double.doubleToRawLongBits(state[i]),
                            where + " variable " + i + ": " + state[i] + " vs Gymnasium's " + logged[i]);
                }
                assertEquals(f[7].equals("1"), plant.terminated(), where + " terminated");
                rows++;
            }
        }
        assertEquals(1671, rows, "steps compared");
    }
}
