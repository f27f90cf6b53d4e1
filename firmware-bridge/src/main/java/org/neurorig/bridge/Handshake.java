package org.neurorig.bridge;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import jssc.SerialPortException;
import org.neurorig.bridge.codec.ConfigFrame;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.HelloFrame;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.device.DeviceException;

/**
 * Greets a device on a freshly opened port: HELLO until IDENTITY (each HELLO with a copy in protocol
 * version 1's layout, which only a device of that version answers:
 * {@link FrameEncoder#encodeVersionOneHello}), a check of its protocol version and shape (when lockstep
 * is asked for, that it can step; after a loss, that it is the device it was), then CONFIG until ACK.
 * Runs on the caller's thread at {@link FirmwareLink#connect()} and on the link's I/O thread when it
 * reconnects; the port is not UP meanwhile, so the control thread does not send.
 */
final class Handshake {

    private static final long HELLO_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CONFIG_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The device answered but must not be driven: another protocol version, or another device. */
    static final class Refused extends DeviceException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final LinkSettings settings;
    private final SharedPort shared;
    private final Receiver receiver;
    private final DeviceReports reports;
    private final BooleanSupplier closing;
    private final FrameEncoder encoder = new FrameEncoder();
    private final HelloFrame helloOut = new HelloFrame();
    private final ConfigFrame configOut = new ConfigFrame();

    Handshake(LinkSettings settings, SharedPort shared, Receiver receiver, DeviceReports reports, BooleanSupplier closing) {
        this.settings = settings;
        this.shared = shared;
        this.receiver = receiver;
        this.reports = reports;
        this.closing = closing;
    }

    /**
     * Greets the device on {@code p} and configures it; blocks for at most the handshake timeout (and
     * the configuration's acknowledgement). The first time ({@code expected} null) the receiver learns
     * the device's shape before CONFIG, so the states that follow the ACK are published.
     *
     * @param expected the device that answered before the link was lost, or null at the first handshake
     * @throws Refused when the device answered but must not be driven
     */
    FirmwareIdentity greet(SerialPortChannel p, FirmwareIdentity expected) throws DeviceException, SerialPortException {
        long start = System.nanoTime();
        long deadline = start + settings.handshakeTimeout().toNanos();
        receiver.restart();
        int hellos = 0;
        long nextHello = start;
        while (receiver.answered() == null) {
            long now = System.nanoTime();
            if (closing.getAsBoolean()) {
                throw new DeviceException("link to " + settings.port() + " closed during the handshake");
            }
            if (now - deadline > 0) {
                throw new DeviceException(noAnswer(hellos));
            }
            if (now - nextHello >= 0) {
                // a version 1 device drops our HELLO but answers this one, so it is refused by its version
                p.write(encoder.encodeVersionOneHello(shared.nextSeq()));
                p.write(encoder.encode(Protocol.HELLO, shared.nextSeq(), helloOut.wrap(encoder.frame()).set(Protocol.VERSION)));
                hellos++;
                nextHello = now + HELLO_INTERVAL_NANOS;
            }
            if (receiver.pump(p) == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        FirmwareIdentity id = receiver.answered();
        check(id, expected);
        if (expected == null) {
            receiver.expect(id);
        }
        configure(p, id, deadline);
        return id;
    }

    private void check(FirmwareIdentity id, FirmwareIdentity expected) throws Refused {
        if (id.protocolVersion() != Protocol.VERSION) {
            throw new Refused(versionMismatch(id));
        }
        if (id.sensorCount() > Protocol.MAX_SENSORS || id.actuatorCount() < 1 || id.actuatorCount() > Protocol.MAX_ACTUATORS
                || id.tickMicros() <= 0) {
            throw new Refused("the device at " + settings.port() + " announced an impossible shape: " + id.describe());
        }
        if (settings.lockstep() && !id.lockstep()) {
            throw new Refused("the device at " + settings.port() + ", " + id.describe() + ", cannot be stepped in lockstep: "
                    + (id.emulatedPlant() ? "its firmware predates lockstep; build the firmware of this release (tools/neurorig"
                    + " firmware build) and flash it, or open it in real time" : "a real rig runs in real time; open it"
                    + " without lockstep"));
        }
        if (expected != null && !id.sameDeviceAs(expected)) {
            throw new Refused("a different device answered at " + settings.port() + " after the link was lost: it was "
                    + expected.describe() + ", it is now " + id.describe() + "; not driving it");
        }
    }

    private void configure(SerialPortChannel p, FirmwareIdentity id, long deadline) throws DeviceException, SerialPortException {
        boolean delay = settings.actuatorDelay() && (id.capabilities() & Protocol.CAP_ACTUATOR_DELAY) != 0;
        int flags = (delay ? Protocol.CONFIG_ACTUATOR_DELAY : 0) | (settings.lockstep() ? Protocol.CONFIG_LOCKSTEP : 0);
        long giveUp = Math.max(deadline, System.nanoTime() + 2 * CONFIG_RETRY_NANOS);
        while (true) {
            int seq = shared.nextSeq();
            int n = configOut.wrap(encoder.frame()).set(settings.watchdogMs(), settings.stateDivider(), flags);
            p.write(encoder.encode(Protocol.CONFIG, seq, n));
            long retry = System.nanoTime() + CONFIG_RETRY_NANOS;
            while (System.nanoTime() - retry < 0) {
                int result = reports.ackResult(Protocol.CONFIG, seq);
                if (result >= 0) {
                    if (result != Protocol.ACK_OK) {
                        throw new Refused(String.format(Locale.ROOT, "the device at %s refused the configuration "
                                + "(watchdog %d ms, a state every %d ticks, actuator delay %s, %s): %s", settings.port(),
                                settings.watchdogMs(), settings.stateDivider(), delay ? "on" : "off",
                                settings.lockstep() ? "lockstep" : "real time", Protocol.ackResultName(result)));
                    }
                    return;
                }
                if (closing.getAsBoolean()) {
                    throw new DeviceException("link to " + settings.port() + " closed during the handshake");
                }
                if (receiver.pump(p) == 0) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
            if (System.nanoTime() - giveUp > 0) {
                throw new DeviceException("the device at " + settings.port() + " answered HELLO but did not acknowledge "
                        + "its configuration: the link loses frames; check the cable and the baud rate");
            }
        }
    }

    /**
     * Both versions, and the two ways out: this release's firmware on the device (make's flash target
     * builds and writes it; tools/neurorig firmware build prints the line for other settings), or a host
     * of the firmware's release.
     */
    private String versionMismatch(FirmwareIdentity id) {
        return String.format(Locale.ROOT, "the device at %s speaks protocol version %d (%s %s), this host speaks version"
                + " %d: reflash it with this release's firmware (make -C firmware-bridge/firmware flash MODE=%s PORT=%s;"
                + " for another baud rate or tick, the flash line that tools/neurorig firmware build prints;"
                + " firmware-bridge/README.md, 'Wiring and flashing a real Uno'), or drive it from a neurorig release"
                + " of protocol version %d", settings.port(), id.protocolVersion(), id.name(), id.firmware(),
                Protocol.VERSION, id.emulatedPlant() ? "plant" : "rig", settings.port(), id.protocolVersion());
    }

    private String noAnswer(int hellos) {
        long bytesSeen = receiver.bytesSeen();
        String heard = bytesSeen == 0 ? "nothing came back"
                : bytesSeen + " bytes came back but no valid frame (a wrong baud rate, or another program talking)";
        return String.format(Locale.ROOT, "no answer to the handshake from %s within %.1f s (%d HELLOs sent, %s): is the "
                + "neurorig firmware on the device (tools/neurorig firmware build; README, 'Flashing a real Uno'), at %d "
                + "baud, and is this the right port?", settings.port(), settings.handshakeTimeout().toMillis() / 1000.0,
                hellos, heard, settings.baud());
    }
}
