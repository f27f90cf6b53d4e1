package org.neurorig.bridge;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.neurorig.bridge.codec.Cobs;
import org.neurorig.bridge.codec.Protocol;

/**
 * The reference firmware of protocol version 1 (the release before the CRC-32C) on a pseudo-terminal, as
 * the handshake sees it: it answers a HELLO in version 1's layout (8 bytes decoded: header, 2 bytes of
 * payload, a 2-byte check) with its IDENTITY, taken from the shared vectors, and drops every other
 * frame, as that firmware drops every frame of version 2 at its length check.
 */
public final class VersionOneDevice implements AutoCloseable {

    private static final int VERSION_ONE_HELLO = 8;

    private final PseudoTerminal pty;
    private final byte[] identity;
    private final Thread thread;
    private final AtomicInteger hellosAnswered = new AtomicInteger();
    private volatile boolean running = true;

    private VersionOneDevice(PseudoTerminal pty, byte[] identity) {
        this.pty = pty;
        this.identity = identity;
        this.thread = new Thread(this::serve, "neurorig-version-1-device");
        this.thread.setDaemon(true);
    }

    /** Creates the pseudo-terminal and starts answering on it. */
    public static VersionOneDevice start() throws IOException {
        VersionOneDevice d = new VersionOneDevice(PseudoTerminal.create(), identityOnTheWire());
        d.thread.start();
        return d;
    }

    /** cartpole-emu 1.0.0's IDENTITY as version 1 sent it, COBS and delimiter included. */
    private static byte[] identityOnTheWire() throws IOException {
        Path vectors = FirmwareBuild.sourceDirectory().resolve("test").resolve("vectors.txt");
        for (String line : Files.readAllLines(vectors)) {
            if (line.startsWith("v1-frame | identity_cartpole_emu_of_version_1 |")) {
                return HexFormat.of().parseHex(line.substring(line.lastIndexOf('|') + 1).strip());
            }
        }
        throw new IOException("no version 1 IDENTITY in " + vectors);
    }

    /** The path a link opens. */
    public String port() {
        return pty.slavePath();
    }

    /** How many HELLOs of version 1's layout it has answered. */
    public int hellosAnswered() {
        return hellosAnswered.get();
    }

    private void serve() {
        byte[] stuffed = new byte[256];
        byte[] frame = new byte[256];
        int n = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(256);
            MemorySegment out = arena.allocate(identity.length);
            MemorySegment.copy(identity, 0, out, ValueLayout.JAVA_BYTE, 0, identity.length);
            MemorySegment pollfd = arena.allocate(8);
            while (running) {
                int got = pty.read(in, 256, pollfd, 20);
                if (got < 0) {
                    return;
                }
                for (int i = 0; i < got; i++) {
                    byte b = in.get(ValueLayout.JAVA_BYTE, i);
                    if (b != 0) {
                        if (n < stuffed.length) {
                            stuffed[n++] = b;
                        }
                        continue;
                    }
                    int length = Cobs.decode(stuffed, 0, n, frame, 0);
                    n = 0;
                    if (length == VERSION_ONE_HELLO && frame[0] == Protocol.HELLO && frame[1] == 2) {
                        hellosAnswered.incrementAndGet();
                        pty.write(out, identity.length);
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
