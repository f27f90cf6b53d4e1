package org.neurorig.rig;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How to run an assembled rig, beyond what its profile says.
 *
 * @param invoker   step the loop by hand ({@link Rig#step()}) on an injected clock that each step moves
 *                  on by one period, instead of a real-time thread: for tests and for running a
 *                  simulated rig as fast as it computes. Only for devices that keep no time of their own
 *                  (simulated plants, the emulated Uno, which is then stepped in lockstep, a Raspberry Pi
 *                  rig whose I/O the step services)
 * @param telemetry the telemetry log to write (one record per tick), or null for none
 * @param resume    a checkpoint to load into the network before the first tick, or null
 * @param warnings  where warnings go (a real-time setting the OS refused, a CPU that does not exist):
 *                  one line each; the rig runs on
 * @param piContext the Pi4J context for a Raspberry Pi device instead of the Pi's own kernel interfaces
 *                  (tests pass one built from Pi4J's mock plugin); null for the real one
 * @param checkpoint where a learning rig saves its weights while it runs, at its profile's
 *                  {@code [checkpoint]} interval, or null for no checkpoints while it runs
 */
public record RigOptions(boolean invoker, Path telemetry, Path resume, Consumer<String> warnings,
        Supplier<Context> piContext, Path checkpoint) {

    /** A rig on its own real-time thread, no telemetry, warnings to standard error. */
    public static RigOptions defaults() {
        return new RigOptions(false, null, null, w -> System.err.println("warning: " + w), null, null);
    }

    /** Stepped by hand on an injected clock ({@link Rig#step()}). */
    public RigOptions inInvokerMode() {
        return new RigOptions(true, telemetry, resume, warnings, piContext, checkpoint);
    }

    public RigOptions withTelemetry(Path file) {
        return new RigOptions(invoker, file, resume, warnings, piContext, checkpoint);
    }

    public RigOptions resumingFrom(Path file) {
        return new RigOptions(invoker, telemetry, file, warnings, piContext, checkpoint);
    }

    public RigOptions withWarnings(Consumer<String> sink) {
        return new RigOptions(invoker, telemetry, resume, sink, piContext, checkpoint);
    }

    public RigOptions withPiContext(Supplier<Context> contexts) {
        return new RigOptions(invoker, telemetry, resume, warnings, contexts, checkpoint);
    }

    /** Saves the learning network's weights to {@code file} while it runs, at the profile's {@code [checkpoint]} interval. */
    public RigOptions checkpointingTo(Path file) {
        return new RigOptions(invoker, telemetry, resume, warnings, piContext, file);
    }
}
