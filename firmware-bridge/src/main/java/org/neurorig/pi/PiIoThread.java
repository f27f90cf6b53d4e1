package org.neurorig.pi;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link PiIoAgent} on a thread of its own at a fixed period, to absolute deadlines (a late
 * cycle does not shift the ones after it). An exception from the agent stops the motor through the
 * device's safe state and ends the thread; {@link #close} stops it and waits for it.
 */
public final class PiIoThread implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private PiIoThread(PiCartPole device, long periodNanos) {
        PiIoAgent agent = device.ioAgent();
        this.thread = Thread.ofPlatform().name("neurorig-rpi-io").daemon().unstarted(() -> {
            long deadline = System.nanoTime();
            try {
                while (running) {
                    agent.doWork(System.nanoTime());
                    deadline += periodNanos;
                    long wait = deadline - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else {
                        deadline = System.nanoTime(); // overrun: start afresh rather than catch up in a burst
                    }
                }
            } catch (Throwable t) {
                failure = t;
                device.safeState();
            }
        });
    }

    /** Starts the I/O thread of a configured device, one cycle every {@code periodNanos}. */
    public static PiIoThread start(PiCartPole device, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("I/O period = " + periodNanos + " ns: expected > 0");
        }
        PiIoThread t = new PiIoThread(device, periodNanos);
        t.thread.start();
        return t;
    }

    /** What ended the thread, or null while it runs or after a clean close. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
