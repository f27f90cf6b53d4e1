package org.neurorig.bridge;

import java.util.concurrent.atomic.AtomicInteger;
import jssc.SerialPortException;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.Protocol;

/**
 * A link's open port and its {@link LinkStatus}, shared without a lock by the link's I/O thread, which
 * opens, reads and closes the port, and the senders: the control thread, and any thread with SAFE.
 *
 * <p>A sender announces itself in {@code writers} and then checks the status; the I/O thread marks the
 * link down and then waits for {@code writers} to drain before it closes the port. With volatile
 * (sequentially consistent) accesses on both sides, either the sender sees the link down or the I/O
 * thread sees the sender, so a frame never goes to a closed or reopened port, and a handshake (which
 * writes while the link is not UP) and the control thread never send at the same time.
 */
final class SharedPort {

    private final AtomicInteger txSeq = new AtomicInteger();
    private final AtomicInteger writers = new AtomicInteger();
    private volatile LinkStatus status = LinkStatus.NEW;
    private volatile SerialPortChannel port;
    private volatile boolean writeFailed;
    private volatile long lastRequestNanos;

    LinkStatus status() {
        return status;
    }

    /** Whether frames can go out: the link is up and no write has failed since (a failed write is a dead port). */
    boolean up() {
        return status == LinkStatus.UP && !writeFailed;
    }

    /** Whether a sender's write failed since the port was opened: the I/O thread then takes the link down. */
    boolean writeFailed() {
        return writeFailed;
    }

    /**
     * When a frame the device answers last went out (System.nanoTime(), taken before the write, so an
     * answer is always decoded after it): every type but SAFE.
     */
    long lastRequestNanos() {
        return lastRequestNanos;
    }

    /** The open port, for the I/O thread to read while the link is UP. */
    SerialPortChannel port() {
        return port;
    }

    /** The next frame sequence number, shared by every sender and the handshake. */
    int nextSeq() {
        return txSeq.getAndIncrement() & 0xFFFF;
    }

    /** A handshake on {@code p} succeeded: senders may use it from now on. */
    void open(SerialPortChannel p) {
        port = p;
        status = LinkStatus.UP; // last: a sender that sees UP sees the port
    }

    /** The device must not be driven any more (a handshake refused it); no port is open. */
    void fail() {
        status = LinkStatus.FAILED;
    }

    /** Takes the link down to {@code next}, waits for the senders that saw it UP, and closes the port. */
    void shut(LinkStatus next) {
        status = next;
        while (writers.get() != 0) {
            Thread.onSpinWait(); // a sender that saw UP finishes its one write
        }
        SerialPortChannel p = port;
        port = null;
        if (p != null) {
            p.close();
        }
        writeFailed = false;
    }

    /**
     * Sends the frame whose payload is in {@code encoder.frame()}; returns its seq, or -1 when it did not
     * go out. Allocates nothing, takes no lock, never throws.
     */
    int send(FrameEncoder encoder, int type, int payloadLength) {
        writers.incrementAndGet();
        try {
            if (status != LinkStatus.UP || writeFailed) {
                return -1;
            }
            SerialPortChannel p = port;
            int seq = nextSeq();
            byte[] wire = encoder.encode(type, seq, payloadLength);
            if (type != Protocol.SAFE) {
                lastRequestNanos = System.nanoTime();
            }
            p.write(wire);
            return seq;
        } catch (SerialPortException e) {
            writeFailed = true;
            return -1;
        } finally {
            writers.decrementAndGet();
        }
    }
}
