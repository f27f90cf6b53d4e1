package org.neurorig.mop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.neurorig.bridge.EmulatedUno;
import org.neurorig.bridge.FirmwareBuild;
import org.neurorig.bridge.FirmwarePlant;
import org.neurorig.bridge.LinkSettings;
import org.neurorig.device.DeviceException;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.neuromop.PlantMopController;
import org.neurorig.plant.CartPoleParameters;

/**
 * The reference firmware's emulated cart-pole (Gymnasium's CartPole-v1 in float32 on the AVR) on QEMU's
 * Arduino Uno, as a {@link FirmwarePlant} over the emulator's serial port: the path a real Uno on USB takes.
 * Builds the plant image (make does nothing when it is current), starts the emulator, shakes hands, and
 * kills the emulator on {@link #close()}.
 */
final class FirmwareCartPole implements AutoCloseable {

    private final EmulatedUno uno;
    private final FirmwarePlant plant;

    private FirmwareCartPole(EmulatedUno uno, FirmwarePlant plant) {
        this.uno = uno;
        this.plant = plant;
    }

    /** Why the firmware plant cannot run here (one line saying what to install), or empty. */
    static Optional<String> unavailable() {
        Optional<String> toolchain = FirmwareBuild.toolchainMissing();
        return toolchain.isPresent() ? toolchain : EmulatedUno.unavailable();
    }

    /**
     * Starts the emulated Uno with the plant image at the default build settings (115200 baud, 20 ms tick)
     * and connects to it.
     *
     * @param actuatorDelay the firmware's one tick of actuator delay (as shipped: on, like a real H-bridge
     *                      behind a latched PWM), or none
     */
    static FirmwareCartPole start(boolean actuatorDelay) {
        Optional<String> missing = unavailable();
        if (missing.isPresent()) {
            throw new IllegalStateException("cannot run the firmware plant: " + missing.get());
        }
        EmulatedUno uno = null;
        FirmwarePlant plant = null;
        try {
            Path image = FirmwareBuild.build(FirmwareBuild.Mode.PLANT, FirmwareBuild.Options.defaults());
            uno = EmulatedUno.start(image, null);
            // the firmware-bridge tests' settings for a shared machine: QEMU notices a new pseudo-terminal about
            // once a second, and a starved emulator runs missed ticks back to back, so the link tolerates a second
            // of silence and the firmware's command watchdog half a second
            plant = new FirmwarePlant(LinkSettings.of(uno.port()).withHandshakeTimeout(Duration.ofSeconds(5))
                    .withLossTimeoutPeriods(50).withWatchdogMs(500).withActuatorDelay(actuatorDelay));
            plant.configure();
            plant.activate();
            return new FirmwareCartPole(uno, plant);
        } catch (IOException e) {
            closeQuietly(uno, plant);
            throw new UncheckedIOException("cannot start the emulated Uno: " + e.getMessage(), e);
        } catch (DeviceException e) {
            closeQuietly(uno, plant);
            throw new IllegalStateException("the emulated Uno did not connect: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(uno, plant);
            throw e;
        }
    }

    private static void closeQuietly(EmulatedUno uno, FirmwarePlant plant) {
        if (plant != null) {
            plant.close();
        }
        if (uno != null) {
            uno.close();
        }
    }

    FirmwarePlant plant() {
        return plant;
    }

    /** The physics the firmware simulates, as it announces them: CartPole-v1 at its own tick. */
    CartPoleParameters physics() {
        CartPoleParameters gym = CartPoleParameters.gym();
        if (Math.abs(plant.dt() - gym.dt()) > 1e-9 || plant.identity().actuatorScales()[0] != gym.forceMag()) {
            throw new IllegalStateException("the firmware announces dt " + plant.dt() + " s and full scale "
                    + plant.identity().actuatorScales()[0] + " N; the agents are trained for CartPole-v1 (dt "
                    + gym.dt() + " s, " + gym.forceMag() + " N)");
        }
        return gym;
    }

    @Override
    public void close() {
        closeQuietly(uno, plant);
    }

    /** Lifetimes of {@code episodes} episodes from rest and how each ended. */
    record Episodes(int[] lifetimes, int faults, String faultStatuses, double seconds) {

        double mean() {
            double sum = 0;
            for (int l : lifetimes) {
                sum += l;
            }
            return sum / lifetimes.length;
        }

        /** Ticks of every episode, including each one's terminal tick. */
        long ticks() {
            long sum = 0;
            for (int l : lifetimes) {
                sum += l + 1;
            }
            return sum;
        }

        /** Wall time per tick: the plant's period when a real-time plant kept its pace. */
        double msPerTick() {
            return 1e3 * seconds / ticks();
        }

        Stat stat() {
            double[] v = new double[lifetimes.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = lifetimes[i];
            }
            return Stat.of(v);
        }
    }

    /**
     * Runs {@code episodes} episodes of {@code controller} on {@code plant} from rest, at most {@code steps}
     * ticks each; episode e's policy seed is {@code seed + e}, the same on every plant. An episode a fault
     * ended (a dead link, no state for a second) counts its ticks before the fault, and is counted.
     */
    static Episodes run(PlantMopController controller, Plant plant, int episodes, int steps, long seed) {
        int[] lifetimes = new int[episodes];
        int faults = 0;
        StringBuilder statuses = new StringBuilder();
        // re-armed: a firmware left without commands has gone safe on its watchdog, and a plant that has been
        // commanding it since before then would take that state for commands not getting through
        plant.deactivate();
        plant.activate();
        long t0 = System.nanoTime();
        for (int e = 0; e < episodes; e++) {
            lifetimes[e] = controller.runEpisode(plant, new double[4], steps, new SplittableRandom(seed + e));
            if (controller.lastEnd() != DeviceStatus.OK) {
                faults++;
                statuses.append(statuses.isEmpty() ? "" : ", ").append("episode ").append(e).append(' ')
                        .append(controller.lastEnd()).append(" after ").append(lifetimes[e]).append(" ticks");
            }
        }
        plant.safeState();
        return new Episodes(lifetimes, faults, statuses.toString(), (System.nanoTime() - t0) / 1e9);
    }
}
