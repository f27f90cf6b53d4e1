package org.neurorig.rig;

import com.pi4j.context.Context;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceException;
import org.neurorig.device.Plant;
import org.neurorig.pi.PiCartPole;
import org.neurorig.pi.PiCartPoleConfig;
import org.neurorig.pi.PiContexts;
import org.neurorig.pi.PiIoAgent;
import org.neurorig.pi.PiIoThread;
import org.neurorig.profile.DeviceSpec;
import org.neurorig.profile.RigProfile;

/**
 * A Raspberry Pi cart-pole: {@link PiCartPole} on a Pi4J context (the Pi's own kernel interfaces, or a
 * context the caller passes, e.g. Pi4J's mock plugin in tests), its I/O agent on a {@link PiIoThread}
 * while the rig runs on its thread, or serviced around each tick in invoker mode.
 */
final class PiSetup implements DeviceSetup {

    private final PiCartPole device;
    private final Context context;
    private final HardwarePlant plant;
    private final long ioPeriodNanos;
    private PiIoThread io;

    private PiSetup(PiCartPole device, Context context, HardwarePlant plant, long ioPeriodNanos) {
        this.device = device;
        this.context = context;
        this.plant = plant;
        this.ioPeriodNanos = ioPeriodNanos;
    }

    static PiSetup open(DeviceSpec.RaspberryPi spec, RigProfile profile, RigOptions options) throws RigException {
        PiCartPoleConfig config;
        try {
            config = config(spec, profile);
        } catch (IllegalArgumentException e) {
            throw new RigException(profile.name() + ": " + e.getMessage(), e);
        }
        if (options.piContext() == null) {
            String missing = PiContexts.hardwareMissing();
            if (missing != null) {
                throw new RigException(profile.name() + " drives a Raspberry Pi's GPIO, PWM and I2C, and there is " + missing
                        + ": run it on the Pi (README, \"Deployment on a Raspberry Pi\"); here, 'neurorig profiles check "
                        + profile.name() + "' checks the profile");
            }
        }
        Context context = options.piContext() != null ? options.piContext().get() : PiContexts.hardware();
        PiCartPole device = new PiCartPole(config, context);
        try {
            device.configure();
        } catch (DeviceException e) {
            context.shutdown();
            throw new RigException(e.getMessage(), e);
        }
        return new PiSetup(device, context, new HardwarePlant(device, 1.0 / profile.rateHz()),
                spec.ioPeriodMicros() * 1000L);
    }

    /** The device's wiring and calibration from the profile; the limits and watchdog from its channels and safety. */
    static PiCartPoleConfig config(DeviceSpec.RaspberryPi spec, RigProfile profile) {
        return new PiCartPoleConfig(spec.pwmPin() - 18, spec.pwmFrequencyHz(), spec.directionPin(), spec.enablePin(),
                spec.encoderAPin(), spec.encoderBPin(), spec.countsPerRev(), spec.travelPerRev(), spec.i2cBus(),
                spec.i2cAddress(), spec.angleZeroCounts(), spec.angleReversed(), spec.forceAtFullDuty(),
                DeviceSetup.fullScale(profile), Math.round(profile.safety().watchdogTimeoutMs() * 1e6),
                Math.round(spec.velocityWindowMs() * 1e6));
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Plant plant() {
        return plant;
    }

    @Override
    public boolean resetsIntoAState() {
        return false;
    }

    @Override
    public String describe() {
        return "Raspberry Pi cart-pole: " + device.name();
    }

    @Override
    public void startIo() {
        if (io == null) {
            io = PiIoThread.start(device, ioPeriodNanos);
        }
    }

    @Override
    public void serviceIo(long nowNanos) {
        PiIoAgent agent = device.ioAgent();
        agent.doWork(nowNanos);
    }

    /** Whether the I/O thread runs (between {@link #startIo} and {@link #stopIo}). */
    boolean ioRunning() {
        return io != null;
    }

    @Override
    public void stopIo() {
        if (io != null) {
            io.close();
            io = null;
        }
    }

    @Override
    public void release() {
        context.shutdown();
    }
}
