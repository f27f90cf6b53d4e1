package org.neurorig.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private NpyFile() {
    }

    /** Reads {@code file}; a malformed file fails with a message that names it and what is wrong. */
    public static WeightMatrix read(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new IOException(file + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6];
        int headerLength;
        int dataStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort(8));
            dataStart = 10 + headerLength;
        } else if (major == 2 || major == 3) {
            headerLength = buf.getInt(8);
            dataStart = 12 + headerLength;
        } else {
            throw new IOException(file + ": .npy format version " + major + " is not supported (expected 1, 2 or 3)");
        }
        if (headerLength < 0 || dataStart > bytes.length) {
            throw new IOException(file + ": truncated .npy header");
        }
        String header = new String(bytes, dataStart - headerLength, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shape.find()) {
            throw new IOException(file + ": .npy header is malformed: " + header.trim());
        }
        int width = Integer.parseInt(descr.group(3));
        if (!descr.group(2).equals("f") || (width != 4 && width != 8)) {
            throw new IOException(file + ": holds " + descr.group(2) + descr.group(3)
                    + " values; weights must be float32 (f4) or float64 (f8): use array.astype(numpy.float32)");
        }
        int[] dims = parseShape(file, shape.group(1));
        int rows = dims.length == 2 ? dims[0] : 1;
        int cols = dims.length == 2 ? dims[1] : dims[0];
        long count = (long) rows * cols;
        if (count > Integer.MAX_VALUE - 8 || bytes.length - dataStart < count * width) {
            throw new IOException(file + ": holds fewer values than its shape (" + rows + ", " + cols + ") says");
        }
        ByteOrder byteOrder = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(byteOrder);
        boolean fortran = order.group(1).equals("True");
        float[] values = new float[(int) count];
        for (int k = 0; k < count; k++) {
            float v = width == 4 ? data.getFloat(k * 4) : (float) data.getDouble(k * 8);
            // Fortran order walks columns first; store row-major.
            int index = fortran ? (k % rows) * cols + k / rows : k;
            values[index] = v;
        }
        return new WeightMatrix(name, rows, cols, values);
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
        }
        if (count < 1 || count > 2) {
            throw new IOException(file + ": holds a " + count + "-dimensional array; weights must be 1- or 2-dimensional");
        }
        int[] result = new int[count];
        System.arraycopy(dims, 0, result, 0, count);
        return result;
    }
}
