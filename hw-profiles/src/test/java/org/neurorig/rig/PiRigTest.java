package org.neurorig.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurorig.pi.MockRig;
import org.neurorig.pi.PiCartPole;
import org.neurorig.plant.CartPole;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.ProfileLoader;
import org.neurorig.profile.RigProfile;

/**
 * The rpi-cartpole profile assembled and run on Pi4J's mock plugin: there is no GPIO, PWM or I2C on
 * this machine (nor in CI), so the mock providers stand in for the Pi's, wired to a simulated cart-pole
 * (firmware-bridge's {@link MockRig}): the mock PWM duty, direction and enable pins push the simulated
 * cart, its position comes back as quadrature edges and the pole's angle as the AS5600's registers.
 * The rig runs in invoker mode and services the device's I/O agent around each tick itself.
 *
 * <p>A real rig cannot be reset into a state: between episodes the motor holds its safe value until
 * the "operator" (this test) has set the pole upright and held it still for the profile's hold time.
 */
class PiRigTest {

    private static final double[] UPRIGHT = {0, 0, 0.01, 0};

    @Test
    void rpiCartpoleRunsOnTheMockPluginAndWaitsForItsOperatorBetweenEpisodes() throws Exception {
        RigProfile profile = ProfileLoader.load("rpi-cartpole", List.of());
        MockRig mock = MockRig.hardwareOnly(PiSetup.config((DeviceSpec.RaspberryPi) profile.device(), profile), UPRIGHT);
        List<String> warnings = new ArrayList<>();
        try (Rig rig = Rig.assemble(profile, RigOptions.defaults().inInvokerMode().withWarnings(warnings::add)
                .withPiContext(mock::context))) {
            mock.attach();
            PiCartPole pi = (PiCartPole) rig.device();
            int holdTicks = (int) Math.round(profile.episodes().restartHoldSeconds() * profile.rateHz());
            double maxForce = 0;
            int waitingTicks = 0;
            int episodeTicks = 0;
            int[] waitsBeforeEpisode = new int[3];
            int episodesSeen = 0;
            for (int t = 0; t < 5000 && rig.history().count() < 3; t++) {
                boolean waiting = t == 0 || rig.awaitingOperator();
                if (waiting) {
                    mock.setState(UPRIGHT); // the operator holds the pole up, the cart at the centre
                    waitingTicks++;
                    waitsBeforeEpisode[(int) Math.min(2, rig.history().count())]++;
                }
                mock.showCart();
                rig.step();
                if (!rig.awaitingOperator()) {
                    episodeTicks++;
                    maxForce = Math.max(maxForce, Math.abs(mock.motorForce()));
                } else {
                    assertEquals(0.0, mock.motorForce(), 0.0, "tick " + t + ": the motor is safe while the loop waits");
                }
                mock.step();
                if (rig.history().count() > episodesSeen) {
                    episodesSeen++;
                    EpisodeHistory.Episode e = rig.history().get(episodesSeen - 1);
                    assertEquals(EpisodeHistory.End.TERMINAL, e.end(), "the untrained network drops the pole: " + e);
                    double[] s = mock.trueState();
                    assertTrue(Math.abs(s[CartPole.THETA]) > 0.2 || Math.abs(s[CartPole.X]) > 0.35,
                            "it ended at a terminal condition: " + java.util.Arrays.toString(s));
                }
            }
            assertEquals(3, rig.history().count(), "three episodes on the mock rig");
            for (int e = 0; e < 3; e++) {
                assertTrue(waitsBeforeEpisode[e] >= holdTicks, "episode " + e + " began after " + waitsBeforeEpisode[e]
                        + " ticks of waiting; the profile asks for " + holdTicks + " ticks of the pole held up");
            }
            assertTrue(maxForce > 0, "the network drove the motor during the episodes");
            assertTrue(maxForce <= 8.0 + 0.1 + 1e-9, "the profile's 8 N limit reached the pins (to 1% duty): " + maxForce);
            assertEquals(PiCartPole.Fault.NONE, pi.fault(), "no fault latched in the device");
            assertEquals(0, rig.loop().trips());
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("realtime.cpu = 3 does not exist here"))
                    || Runtime.getRuntime().availableProcessors() > 3, warnings.toString());
            rig.stop();
            assertEquals(0.0, mock.motorForce(), 0.0, "stopped: PWM off");
            System.out.printf("rpi-cartpole on Pi4J's mock plugin: 3 episodes, %d ticks driven, %d waiting for the"
                    + " operator; largest force on the pins %.2f N%n", episodeTicks, waitingTicks, maxForce);
        }
    }
}
