package org.neurorig.bridge;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import jssc.SerialPortException;
import org.neurorig.device.DeviceException;

/**
 * The body of a link's I/O thread, which owns the receiving side from the first handshake on. While
 * the link is UP it reads the port (JSSC's reads allocate, so they stay off the control tick) and
 * watches it: a port error (a pseudo-terminal whose emulator died, a USB adapter pulled out), a failed
 * write, or {@link LinkSettings#lossTimeoutPeriods} of silence marks the link lost. Then it reopens the
 * same path and greets the device again until it answers, or gives up when another device answers.
 *
 * <p>In lockstep the device speaks only when spoken to, so silence counts only while it owes an answer:
 * from the first frame sent after its last frame. While it owes one, the port is polled at the full rate,
 * since the control thread is waiting for the step's state.
 */
final class IoLoop implements Runnable {

    /** After a send, poll at the full rate this long: a PONG or an ACK is usually on its way. */
    private static final long ANSWER_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long NOT_OWED = Long.MIN_VALUE;

    private final LinkSettings settings;
    private final FirmwareIdentity identity;
    private final SharedPort shared;
    private final Receiver receiver;
    private final Handshake handshake;
    private final LinkHealth health;
    private final BooleanSupplier closing;
    private final long lossTimeoutNanos;
    private final long maxIdleParkNanos;
    // lockstep: since when the device has owed an answer, or NOT_OWED
    private long owedSince = NOT_OWED;

    /** A loop for the link whose first handshake answered {@code identity}. */
    IoLoop(LinkSettings settings, FirmwareIdentity identity, SharedPort shared, Receiver receiver, Handshake handshake,
            LinkHealth health, BooleanSupplier closing) {
        this.settings = settings;
        this.identity = identity;
        this.shared = shared;
        this.receiver = receiver;
        this.handshake = handshake;
        this.health = health;
        this.closing = closing;
        long periodNanos = identity.tickMicros() * settings.stateDivider() * 1000L;
        this.lossTimeoutNanos = (long) (settings.lossTimeoutPeriods() * periodNanos);
        // idle polling backs off to a twentieth of the state period: at most 5% of a period late, and
        // a quiet link costs a few hundred wake-ups a second instead of twenty thousand
        this.maxIdleParkNanos = Math.max(settings.pollInterval().toNanos(), periodNanos / 20);
    }

    @Override
    public void run() {
        long pollNanos = settings.pollInterval().toNanos();
        long park = pollNanos;
        while (!closing.getAsBoolean()) {
            LinkStatus s = shared.status();
            if (s == LinkStatus.UP) {
                int n;
                try {
                    n = receiver.pump(shared.port());
                } catch (SerialPortException | RuntimeException e) {
                    lost("the port failed (" + reason(e) + ")");
                    continue;
                }
                if (shared.writeFailed()) {
                    lost("a write to the port failed");
                    continue;
                }
                long now = System.nanoTime();
                long silent = settings.lockstep() ? owedSilence(now) : now - receiver.lastFrameNanos();
                if (silent > lossTimeoutNanos) {
                    lost(String.format(Locale.ROOT, "no %s for %.0f ms (%.1f state periods)",
                            settings.lockstep() ? "answer" : "frame", silent / 1e6, settings.lossTimeoutPeriods()));
                    continue;
                }
                boolean answerDue = settings.lockstep() ? owedSince != NOT_OWED
                        : now - shared.lastRequestNanos() < ANSWER_WINDOW_NANOS;
                if (n > 0 || answerDue) {
                    park = pollNanos;
                }
                if (n == 0) {
                    LockSupport.parkNanos(park);
                    park = Math.min(2 * park, maxIdleParkNanos);
                }
            } else if (s == LinkStatus.RECONNECTING) {
                reconnectOnce();
            } else {
                return;
            }
        }
    }

    /** Lockstep: how long the device has owed an answer (0 when it owes none). */
    private long owedSilence(long now) {
        long request = shared.lastRequestNanos();
        long frame = receiver.lastFrameNanos();
        if (request - frame <= 0) {
            owedSince = NOT_OWED; // answered since (the request's time is taken before its write)
            return 0;
        }
        if (owedSince == NOT_OWED || frame - owedSince > 0) {
            owedSince = request; // the newest request seen: silence is timed at most one poll short
        }
        return now - owedSince;
    }

    private static String reason(Exception e) {
        return e instanceof SerialPortException se ? se.getExceptionType() : e.toString();
    }

    private void lost(String why) {
        owedSince = NOT_OWED;
        health.lost(System.nanoTime(), "link to " + settings.port() + " lost: " + why);
        shared.shut(settings.reconnect() ? LinkStatus.RECONNECTING : LinkStatus.FAILED);
    }

    private void reconnectOnce() {
        SerialPortChannel p;
        try {
            p = SerialPortChannel.open(settings.port(), settings.baud());
        } catch (DeviceException e) {
            health.problem("reconnecting: " + e.getMessage());
            LockSupport.parkNanos(settings.reconnectInterval().toNanos());
            return;
        }
        try {
            handshake.greet(p, identity);
            receiver.upSince(System.nanoTime());
            health.reconnected();
            shared.open(p);
        } catch (Handshake.Refused e) {
            p.close();
            health.problem(e.getMessage());
            shared.fail();
        } catch (DeviceException | SerialPortException | RuntimeException e) {
            p.close();
            health.problem("reconnecting: " + (e instanceof SerialPortException se ? se.getExceptionType() : e.getMessage()));
            LockSupport.parkNanos(settings.reconnectInterval().toNanos());
        }
    }
}
