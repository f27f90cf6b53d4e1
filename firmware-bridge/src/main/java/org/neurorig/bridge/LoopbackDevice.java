package org.neurorig.bridge;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.neurorig.bridge.codec.AckFrame;
import org.neurorig.bridge.codec.ConfigFrame;
import org.neurorig.bridge.codec.FrameDecoder;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.HelloFrame;
import org.neurorig.bridge.codec.IdentityFrame;
import org.neurorig.bridge.codec.PingFrame;
import org.neurorig.bridge.codec.PongFrame;
import org.neurorig.bridge.codec.Protocol;

/**
 * A device in this process on a pseudo-terminal, answering the handshake, configurations and pings at
 * once and nothing else. With it, {@code neurorig firmware ping --loopback} times the host's own stack
 * (the codec, JSSC, the link's I/O thread, the kernel's pseudo-terminal) without an emulator or a wire,
 * which separates what the host adds from what QEMU's serial model adds.
 */
public final class LoopbackDevice implements AutoCloseable {

    private final PseudoTerminal pty;
    private final String name;
    private final Thread thread;
    private volatile boolean running = true;

    private LoopbackDevice(PseudoTerminal pty, String name) {
        this.pty = pty;
        this.name = name;
        this.thread = new Thread(this::serve, "neurorig-loopback-device");
        this.thread.setDaemon(true);
    }

    /** Creates the pseudo-terminal and starts answering on it, as {@code loopback}. */
    public static LoopbackDevice start() throws IOException {
        return start("loopback");
    }

    /**
     * Creates the pseudo-terminal and starts answering on it with {@code name} in its IDENTITY (at most
     * 12 ASCII characters, sent as they are): a peer that says whatever a test needs, an escape sequence
     * included.
     */
    public static LoopbackDevice start(String name) throws IOException {
        LoopbackDevice d = new LoopbackDevice(PseudoTerminal.create(), name);
        d.thread.start();
        return d;
    }

    /** The path a link opens. */
    public String port() {
        return pty.slavePath();
    }

    private void serve() {
        FrameDecoder decoder = FrameDecoder.forDevice(1);
        FrameEncoder encoder = new FrameEncoder();
        HelloFrame hello = new HelloFrame();
        ConfigFrame config = new ConfigFrame();
        PingFrame ping = new PingFrame();
        long start = System.nanoTime();
        int seq = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(256);
            MemorySegment out = arena.allocate(Protocol.MAX_WIRE);
            MemorySegment pollfd = arena.allocate(8);
            while (running) {
                int n = pty.read(in, 256, pollfd, 20);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (!decoder.push(in.get(ValueLayout.JAVA_BYTE, i))) {
                        continue;
                    }
                    byte[] f = decoder.frame();
                    byte[] wire = null;
                    switch (decoder.type()) {
                        case Protocol.HELLO -> {
                            hello.wrap(f);
                            int len = new IdentityFrame().wrap(encoder.frame()).set(Protocol.VERSION, 1, 0, 0, 0, 20_000,
                                    100, 0, name, new float[] {1, 1, 1, 1}, new float[] {1});
                            seq = 0;
                            wire = encoder.encode(Protocol.IDENTITY, seq++, len);
                        }
                        case Protocol.CONFIG -> {
                            config.wrap(f);
                            int len = new AckFrame().wrap(encoder.frame()).set(Protocol.CONFIG, config.seq(), Protocol.ACK_OK);
                            wire = encoder.encode(Protocol.ACK, seq++, len);
                        }
                        case Protocol.PING -> {
                            ping.wrap(f);
                            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                            int len = new PongFrame().wrap(encoder.frame()).set((int) ping.token(), micros, 0, 0);
                            wire = encoder.encode(Protocol.PONG, seq++, len);
                        }
                        default -> {
                            // commands, resets and SAFE: a loopback has nothing to move
                        }
                    }
                    if (wire != null) {
                        MemorySegment.copy(wire, 0, out, ValueLayout.JAVA_BYTE, 0, wire.length);
                        pty.write(out, wire.length);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }
}
