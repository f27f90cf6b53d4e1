package org.neurorig.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neurorig.os.FileKind;
import org.neurorig.os.PositionedRead;

/**
 * Reads and writes weight matrices as NumPy {@code .npy} files, the format most users already have
 * their weights in ({@code numpy.save("J.npy", J)}).
 *
 * <pre>
 *  0      6     7     8         10 (v1) / 12 (v2, v3)
 *  +------+-----+-----+----------+----------------------------------+-------------+
 *  |\x93NUMPY|major|minor|header len| {'descr': '&lt;f4', 'fortran_order': | data, C or  |
 *  |      |     |     | u16/u32 LE|   False, 'shape': (R, C), }  \n   | Fortran order|
 *  +------+-----+-----+----------+----------------------------------+-------------+
 * </pre>
 *
 * Reads float32 and float64 ({@code <f4 >f4 <f8 >f8}) of one or two dimensions, in either order; a
 * one-dimensional array of n values is read as a 1 x n matrix (a readout row). Writes float32, C order.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** NumPy's headers are 64 to a few hundred bytes; version 2 allows 4 GiB, which only a damaged file claims. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Values decoded per read: the data is read in pieces of at most 512 KiB, never as one more copy of the file. */
    private static final int CHUNK_VALUES = 64 * 1024;

    private NpyFile() {
    }

    /**
     * Reads {@code file}; a malformed file fails with a message that names it and what is wrong. Only
     * what the header declares is read, after checking that the file holds it: a file whose header
     * claims more than it has, or a device or FIFO given by mistake, is refused before any value is read.
     */
    public static WeightMatrix read(Path file, String name) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new IOException(file + ": is " + FileKind.describe(file, attributes) + ", not a regular file;"
                    + " expected a NumPy .npy file");
        }
        long size = attributes.size();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer prefix = PositionedRead.bytes(channel, 0, (int) Math.min(12, size));
            byte[] start = new byte[prefix.remaining()];
            prefix.get(0, start);
            if (start.length < 10 || !startsWithMagic(start)) {
                throw new IOException(file + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
            }
            int major = start[6];
            long headerLength;
            long dataStart;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(prefix.getShort(8));
                dataStart = 10 + headerLength;
            } else if (major == 2 || major == 3) {
                headerLength = start.length < 12 ? -1 : Integer.toUnsignedLong(prefix.getInt(8));
                dataStart = 12 + headerLength;
            } else {
                throw new IOException(file + ": .npy format version " + major + " is not supported (expected 1, 2 or 3)");
            }
            if (headerLength < 0 || dataStart > size) {
                throw new IOException(file + ": truncated .npy header");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new IOException(file + ": its .npy header says it is " + headerLength + " bytes long; NumPy writes"
                        + " a few hundred (at most " + MAX_HEADER_BYTES + " are read): the file is damaged");
            }
            ByteBuffer headerBytes = PositionedRead.bytes(channel, dataStart - headerLength, (int) headerLength);
            String header = StandardCharsets.ISO_8859_1.decode(headerBytes).toString();
            Matcher descr = DESCR.matcher(header);
            Matcher order = ORDER.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !order.find() || !shape.find()) {
                throw new IOException(file + ": .npy header is malformed: " + header.trim());
            }
            String type = descr.group(2) + descr.group(3);
            if (!type.equals("f4") && !type.equals("f8")) {
                throw new IOException(file + ": holds " + type
                        + " values; weights must be float32 (f4) or float64 (f8): use array.astype(numpy.float32)");
            }
            int width = type.equals("f4") ? 4 : 8;
            int[] dims = parseShape(file, shape.group(1));
            int rows = dims.length == 2 ? dims[0] : 1;
            int cols = dims.length == 2 ? dims[1] : dims[0];
            long count = (long) rows * cols;
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": its shape (" + rows + ", " + cols + ") has " + count
                        + " values; a weight matrix holds at most " + (Integer.MAX_VALUE - 8));
            }
            if (size - dataStart < count * width) {
                throw new IOException(file + ": holds fewer values than its shape (" + rows + ", " + cols + ") says ("
                        + count * width + " bytes of data declared, " + (size - dataStart) + " in the file)");
            }
            ByteOrder byteOrder = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            boolean fortran = order.group(1).equals("True");
            float[] values = new float[(int) count];
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_VALUES * width).order(byteOrder);
            long position = dataStart;
            for (int k = 0; k < count; ) {
                int n = (int) Math.min(CHUNK_VALUES, count - k);
                chunk.clear().limit(n * width);
                PositionedRead.fill(channel, position, chunk);
                position += (long) n * width;
                for (int j = 0; j < n; j++, k++) {
                    float v = width == 4 ? chunk.getFloat(j * 4) : (float) chunk.getDouble(j * 8);
                    // Fortran order walks columns first; store row-major.
                    int index = fortran ? (k % rows) * cols + k / rows : k;
                    values[index] = v;
                }
            }
            return new WeightMatrix(name, rows, cols, values);
        }
    }

    /** Writes {@code m} as a float32 C-order {@code .npy} file. */
    public static void write(Path file, WeightMatrix m) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + 4 * m.data().length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : m.data()) {
            out.putFloat(v);
        }
        Files.write(file, out.array());
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] parseShape(Path file, String text) throws IOException {
        String[] parts = text.split(",");
        int count = 0;
        int[] dims = new int[parts.length];
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[count++] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": .npy shape (" + text + ") is not a list of integers");
            }
            if (dims[count - 1] < 0) {
                throw new IOException(file + ": .npy shape (" + text + ") has a negative dimension");
            }
        }
        if (count < 1 || count > 2) {
            throw new IOException(file + ": holds a " + count + "-dimensional array; weights must be 1- or 2-dimensional");
        }
        int[] result = new int[count];
        System.arraycopy(dims, 0, result, 0, count);
        return result;
    }
}
