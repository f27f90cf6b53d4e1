package org.neurorig.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads of an exact byte range of a file at a given position: one call can return fewer bytes than
 * asked, so these loop until the range is read, and a file that ends first (it shrank while it was
 * read, after its size was checked) is an {@link IOException}, not a short buffer.
 */
public final class PositionedRead {

    private PositionedRead() {
    }

    /** Exactly {@code length} bytes from {@code at}, little-endian, ready to be read. */
    public static ByteBuffer bytes(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(channel, at, buffer);
        return buffer;
    }

    /** Fills {@code buffer}'s remaining bytes from {@code at}, then flips it. */
    public static void fill(FileChannel channel, long at, ByteBuffer buffer) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("the file ended early (it shrank while it was read)");
            }
            position += n;
        }
        buffer.flip();
    }
}
