package org.neurorig.bridge;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A serial cable that misbehaves on purpose: it sits between the emulator's pseudo-terminal and a new
 * one that the host opens, and corrupts, drops, delays or swallows bytes in either direction, from a
 * seeded random source (a failing run repeats). Corruption flips one bit of a non-zero byte and never
 * makes it zero, so frame boundaries survive and every corrupted frame is exactly one bad frame; it
 * counts the frames it damaged so a test can compare with what the receiver counted. A tap shows a test
 * every byte that passes, where the host's link keeps only the newest state.
 */
final class FaultyRelay implements AutoCloseable {

    /** One direction's faults and counters. */
    static final class Direction {
        volatile double corruptProbability;
        volatile double dropProbability;
        volatile long delayNanos;
        volatile boolean swallow;
        /** Sees every byte that goes on, after any fault (on the relay's thread), or null. */
        volatile IntConsumer tap;
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong corrupted = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong damagedFrames = new AtomicLong();
        final AtomicLong frames = new AtomicLong();
        private boolean currentDamaged;

        /** No more faults from now on. */
        void clean() {
            corruptProbability = 0;
            dropProbability = 0;
            delayNanos = 0;
            swallow = false;
        }
    }

    final Direction toHost = new Direction();
    final Direction toDevice = new Direction();
    private final PseudoTerminal device;
    private final PseudoTerminal host;
    private final Thread up;
    private final Thread down;
    private volatile boolean running = true;

    FaultyRelay(String devicePath, long seed) throws IOException {
        device = PseudoTerminal.open(devicePath);
        host = PseudoTerminal.create();
        SplittableRandom random = new SplittableRandom(seed);
        up = new Thread(() -> pump(device, host, toHost, random.split()), "relay device->host");
        down = new Thread(() -> pump(host, device, toDevice, random.split()), "relay host->device");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    /** The path the host opens. */
    String hostPath() {
        return host.slavePath();
    }

    /** Bytes held back by a delay, and when they are due. */
    private record Pending(long dueNanos, byte[] bytes) {
    }

    /**
     * Moves bytes one way. A delay holds each chunk back by that long from when it was read, without
     * slowing the stream: chunks read meanwhile queue up behind it (a cable with latency, not a
     * narrower one), and leave in order.
     */
    private void pump(PseudoTerminal from, PseudoTerminal to, Direction d, SplittableRandom random) {
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(512);
            MemorySegment out = arena.allocate(512);
            MemorySegment pollfd = arena.allocate(8);
            while (running) {
                int timeoutMs = 20;
                if (!pending.isEmpty()) {
                    long untilDue = pending.peekFirst().dueNanos() - System.nanoTime();
                    timeoutMs = (int) Math.max(0, Math.min(20, TimeUnit.NANOSECONDS.toMillis(untilDue)));
                }
                int n = from.read(in, 512, pollfd, timeoutMs);
                if (n < 0) {
                    return;
                }
                int m = 0;
                for (int i = 0; i < n; i++) {
                    byte b = in.get(ValueLayout.JAVA_BYTE, i);
                    d.bytes.incrementAndGet();
                    if (d.swallow || random.nextDouble() < d.dropProbability) {
                        d.dropped.incrementAndGet();
                        d.currentDamaged = true; // a lost delimiter merges this frame with the next: one bad frame
                        continue;
                    }
                    if (b != 0 && random.nextDouble() < d.corruptProbability) {
                        byte flipped;
                        do {
                            flipped = (byte) (b ^ (1 << random.nextInt(8)));
                        } while (flipped == 0);
                        b = flipped;
                        d.corrupted.incrementAndGet();
                        d.currentDamaged = true;
                    }
                    if (b == 0) {
                        d.frames.incrementAndGet();
                        if (d.currentDamaged) {
                            d.damagedFrames.incrementAndGet();
                        }
                        d.currentDamaged = false;
                    }
                    out.set(ValueLayout.JAVA_BYTE, m++, b);
                    IntConsumer tap = d.tap;
                    if (tap != null) {
                        tap.accept(b);
                    }
                }
                long delay = d.delayNanos;
                if (m > 0 && delay == 0 && pending.isEmpty()) {
                    to.write(out, m);
                } else if (m > 0) {
                    pending.addLast(new Pending(System.nanoTime() + delay, out.asSlice(0, m).toArray(ValueLayout.JAVA_BYTE)));
                }
                while (!pending.isEmpty() && pending.peekFirst().dueNanos() - System.nanoTime() <= 0) {
                    byte[] due = pending.pollFirst().bytes();
                    MemorySegment.copy(due, 0, out, ValueLayout.JAVA_BYTE, 0, due.length);
                    to.write(out, due.length);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            up.join(TimeUnit.SECONDS.toMillis(2));
            down.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        host.close();
        device.close();
    }
}
