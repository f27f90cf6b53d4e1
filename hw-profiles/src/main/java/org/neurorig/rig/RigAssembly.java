package org.neurorig.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.neurorig.learning.PeriodicCheckpoint;
import org.neurorig.loop.ControlLoopBuilder;
import org.neurorig.device.Plant;
import org.neurorig.episode.Episodes;
import org.neurorig.kernel.KernelWarmUp;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.ControlLoop;
import org.neurorig.loop.WatchdogConfig;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.profile.LoopThreadSettings;
import org.neurorig.profile.RigProfile;
import org.neurorig.telemetry.TelemetryWriter;

/**
 * A profile made into a rig ready to run: the device opened and checked, the controller built, and the
 * control loop between them (the profile's rate, the channels' actuator limits, the watchdog of
 * {@code [safety]}, episodes ending at the terminal conditions, telemetry), set up for the run mode the
 * options ask for.
 */
final class RigAssembly {

    private static final int TELEMETRY_RING_BYTES = 1 << 22;
    private static final int ACTIVITY_UNITS = 16;
    private static final int ACTIVITY_EVERY = 10;

    private final RigProfile profile;
    private final DeviceSetup setup;
    private final RigController controller;

    private RigAssembly(RigProfile profile, DeviceSetup setup, RigController controller) {
        this.profile = profile;
        this.setup = setup;
        this.controller = controller;
    }

    /** @see Rig#assemble(RigProfile, RigOptions) */
    static Rig assemble(RigProfile profile, RigOptions options) throws RigException {
        DeviceSetup setup = DeviceSetup.open(profile, options);
        try {
            RigController controller = RigController.build(profile, options.resume());
            Consumer<String> warnings = options.warnings() != null ? options.warnings() : w -> { };
            RealTimeSettings realTime = realTimeHere(profile.realtime(), warnings);
            RigRunner runner = options.invoker() ? new InvokerRunner(warnings)
                    : new RealTimeRunner(realTime, profile.realtime().waitMode(), warnings);
            ControlLoop loop = new RigAssembly(profile, setup, controller).buildLoop(runner, options.telemetry() != null);
            KernelWarmUp.Report warmUp = KernelWarmUp.ensure(controller.network().kernels());
            if (!warmUp.allWarm()) {
                warnings.accept("the SIMD kernels " + warmUp.cold() + " still allocated after warming up (the JIT had not compiled them): "
                        + "the first ticks that use them may allocate and run slowly");
            }
            TelemetryWriter telemetry = options.telemetry() == null ? null : telemetryWriter(loop, options.telemetry());
            PeriodicCheckpoint checkpoints = options.checkpoint() == null ? null
                    : controller.periodicCheckpoint(options.checkpoint(), profile.checkpoint(), warnings);
            return new Rig(profile, setup, controller, loop, runner, telemetry, checkpoints);
        } catch (RigException | RuntimeException e) {
            setup.closeAll();
            throw e;
        }
    }

    /** The profile's real-time settings on this machine, in either run mode: a CPU it does not have is a warning, and no pinning. */
    private static RealTimeSettings realTimeHere(LoopThreadSettings asked, Consumer<String> warnings) {
        int cpu = asked.cpu();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpu >= cpus) {
            warnings.accept("realtime.cpu = " + cpu + " does not exist here (CPUs 0 to " + (cpus - 1) + "): the loop runs unpinned");
            cpu = -1;
        }
        return new RealTimeSettings(asked.priority(), cpu, asked.lockMemory());
    }

    private ControlLoop buildLoop(RigRunner runner, boolean telemetry) {
        long period = profile.periodNanos();
        TerminalConditions terminal = new TerminalConditions(profile.safety(), profile.sensors());
        Plant plant = setup.plant();
        if (CalibratedPlant.needed(profile.sensors())) {
            plant = new CalibratedPlant(plant, profile.sensors());
        }
        Episodes episodes = new Episodes(plant, new RigTask(terminal, profile.episodes().reward()),
                profile.episodes().maxTicks(), initialStates(plant.stateSize()));
        if (!setup.resetsIntoAState()) {
            episodes = episodes.startingWhen(OperatorRestart.of(profile));
        }
        ControlLoopBuilder b = ControlLoop.builder().devices(plant).controller(controller.loopController()).limits(limits(profile))
                .periodNanos(period).watchdog(watchdog(profile, period)).episodes(episodes);
        runner.configure(b);
        if (telemetry) {
            b.telemetry(TELEMETRY_RING_BYTES, ACTIVITY_UNITS, ACTIVITY_EVERY);
        }
        return b.build();
    }

    /** Every command's limits, from the actuator channels. */
    static ActuatorLimits[] limits(RigProfile profile) {
        return profile.actuators().stream().map(a -> new ActuatorLimits(a.min(), a.max(), a.slewRate(), a.safe()))
                .toArray(ActuatorLimits[]::new);
    }

    /**
     * The watchdog from {@code [safety]}: a device silent (no fresh sample) or a call blocked for the
     * watchdog time trips it, as does a tick more than max_overrun_periods late. Timing is judged from
     * two seconds on: a JVM's first ticks load classes and run interpreted.
     */
    static WatchdogConfig watchdog(RigProfile profile, long period) {
        long timeout = Math.round(profile.safety().watchdogTimeoutMs() * 1e6);
        int staleTicks = (int) Math.max(1, Math.ceil((double) timeout / period));
        int grace = (int) Math.ceil(2e9 / period);
        return new WatchdogConfig(staleTicks, timeout, profile.safety().maxOverrunPeriods(), 0, grace);
    }

    /** Each episode's start: drawn on the loop thread without allocating; an antithetic WP trial repeats its pair's. */
    private Episodes.InitialStates initialStates(int size) {
        if (!setup.resetsIntoAState()) {
            return s -> Arrays.fill(s, 0.0); // a real rig starts where its operator set it
        }
        CartPoleParameters spread = SimulatedSetup.parameters(profile);
        SplittableRandom random = new SplittableRandom(profile.episodes().seed());
        double[] previous = new double[size];
        return s -> {
            if (controller.repeatsInitialState()) {
                System.arraycopy(previous, 0, s, 0, size);
            } else {
                CartPole.drawInitialState(spread, random, s);
                System.arraycopy(s, 0, previous, 0, size);
            }
        };
    }

    private static TelemetryWriter telemetryWriter(ControlLoop loop, Path file) throws RigException {
        try {
            return new TelemetryWriter(loop.telemetry().ring(), loop.telemetry().layout(), file);
        } catch (IOException e) {
            throw new RigException("cannot write telemetry to " + file + ": " + e.getMessage()
                    + " (check that its folder exists and is writable)", e);
        }
    }
}
