package org.neurorig.telemetry;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A window of a file of any size, mapped read-only, that moves forward as a reader asks for bytes past its
 * end. Offsets in the file are longs; inside the window they are ints, so the window is at most 2 GiB and
 * the file has no limit. Only one window is mapped at a time (the previous one is unmapped when the window
 * moves), so reading a log of any length keeps at most one window's pages resident.
 */
final class MappedWindow implements AutoCloseable {

    /** Large enough that moving costs nothing next to reading, small enough to keep resident memory low. */
    static final int DEFAULT_BYTES = 64 << 20;

    private final FileChannel channel;
    private final long fileSize;
    private final int windowBytes;
    private static final byte[] NOTHING = new byte[0];

    private final UnsafeBuffer buffer = new UnsafeBuffer(NOTHING);
    private ByteBuffer bytes;
    private Arena arena;
    private long base;
    private long end;

    /**
     * @param windowBytes the window's size; a reader asks for at most this many bytes at once
     */
    MappedWindow(FileChannel channel, long fileSize, int windowBytes) {
        if (windowBytes < 1) {
            throw new IllegalArgumentException("window of " + windowBytes + " bytes");
        }
        this.channel = channel;
        this.fileSize = fileSize;
        this.windowBytes = windowBytes;
    }

    /** The most bytes one {@link #reach} can ask for. */
    int windowBytes() {
        return windowBytes;
    }

    /**
     * Makes the bytes {@code [at, at + length)} of the file readable through {@link #buffer()} and
     * {@link #bytes()}, moving the window to start at {@code at} when they are not all in it; returns the
     * index of {@code at} in the window. The caller keeps {@code at + length} within the file.
     */
    int reach(long at, int length) throws IOException {
        if (at >= base && at + length <= end) {
            return (int) (at - base);
        }
        if (length > windowBytes || at < 0 || at + length > fileSize) {
            throw new IllegalArgumentException("bytes " + at + " to " + (at + length) + " of a file of " + fileSize
                    + " through a window of " + windowBytes);
        }
        unmap();
        long size = Math.min(windowBytes, fileSize - at);
        arena = Arena.ofConfined();
        MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, at, size, arena);
        bytes = mapped.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        buffer.wrap(bytes);
        base = at;
        end = at + size;
        return 0;
    }

    /** The window's bytes; index 0 is the file's byte {@code base}. */
    UnsafeBuffer buffer() {
        return buffer;
    }

    /** The same bytes as a little-endian buffer, for checks that read a ByteBuffer (its position and limit are free to use). */
    ByteBuffer bytes() {
        return bytes;
    }

    private void unmap() {
        if (arena != null) {
            buffer.wrap(NOTHING); // nothing may read the unmapped pages through it
            bytes = null;
            arena.close();
            arena = null;
            base = 0;
            end = 0;
        }
    }

    @Override
    public void close() {
        unmap();
    }
}
