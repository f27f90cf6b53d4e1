package org.neurorig.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.kernel.Kernels;

class NpyFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBack() throws IOException {
        WeightMatrix m = new WeightMatrix("J", 2, 3, new float[] {1, 2, 3, 4, 5, -6.5f});
        Path file = dir.resolve("J.npy");
        NpyFile.write(file, m);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0, (10 + Short.toUnsignedInt(ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort())) % 64,
                "numpy aligns the data to 64 bytes");
        WeightMatrix back = NpyFile.read(file, "J");
        assertEquals(2, back.rows());
        assertEquals(3, back.cols());
        assertArrayEquals(m.data(), back.data());
    }

    /** Byte-for-byte what numpy.save writes for np.arange(6, dtype='>f8').reshape(2, 3, order='F'). */
    @Test
    void readsBigEndianFloat64InFortranOrder() throws IOException {
        String dict = "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }";
        Path file = dir.resolve("f.npy");
        ByteBuffer b = ByteBuffer.allocate(10 + 118 + 48);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 118);
        b.put((dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        b.order(ByteOrder.BIG_ENDIAN);
        // column-major storage of [[0, 2, 4], [1, 3, 5]]
        for (int v = 0; v < 6; v++) {
            b.putDouble(v);
        }
        Files.write(file, b.array());
        WeightMatrix m = NpyFile.read(file, "f");
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, m.data());
    }

    @Test
    void malformedFilesFailWithAMessageNamingTheFile() throws IOException {
        Path notNpy = dir.resolve("weights.csv");
        Files.writeString(notNpy, "1,2,3\n4,5,6\n");
        IOException e = assertThrows(IOException.class, () -> NpyFile.read(notNpy, "J"));
        assertTrue(e.getMessage().contains("weights.csv") && e.getMessage().contains("not a NumPy .npy file"), e.getMessage());

        Path ints = dir.resolve("ints.npy");
        NpyFile.write(ints, new WeightMatrix("J", 1, 2, new float[] {1, 2}));
        byte[] bytes = Files.readAllBytes(ints);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("<f4", "<i4");
        Files.write(ints, text.getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(IOException.class, () -> NpyFile.read(ints, "J"));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());

        Path truncated = dir.resolve("short.npy");
        NpyFile.write(truncated, new WeightMatrix("J", 4, 4, new float[16]));
        byte[] all = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 8));
        e = assertThrows(IOException.class, () -> NpyFile.read(truncated, "J"));
        assertTrue(e.getMessage().contains("fewer values than its shape (4, 4)"), e.getMessage());
    }

    /** A .npy file of version 1 with {@code dict} as its header and {@code dataBytes} zero bytes of data. */
    private Path npy(String name, String dict, int dataBytes) throws IOException {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header);
        return Files.write(dir.resolve(name), b.array());
    }

    @Test
    void aShapeLargerThanTheFileIsRefusedBeforeItsValuesAreAllocated() throws IOException {
        // 40000 x 40000 float64: 12.8 GB declared in a file of 100 bytes
        Path huge = npy("huge.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (40000, 40000), }", 16);
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> NpyFile.read(huge, "J")));
        assertEquals(huge + ": holds fewer values than its shape (40000, 40000) says (12800000000 bytes of data declared, 16 in the file)",
                e.getMessage());
        Path negative = npy("negative.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-2, -3), }", 24);
        e = assertThrows(IOException.class, () -> NpyFile.read(negative, "J"));
        assertEquals(negative + ": .npy shape (-2, -3) has a negative dimension", e.getMessage());
        Path wide = npy("wide.npy", "{'descr': '<f99999999999', 'fortran_order': False, 'shape': (2, 2), }", 16);
        e = assertThrows(IOException.class, () -> NpyFile.read(wide, "J"));
        assertTrue(e.getMessage().startsWith(wide + ": holds f99999999999 values; weights must be float32"), e.getMessage());
    }

    @Test
    void aHeaderLengthNoNumPyWritesIsRefused() throws IOException {
        // version 2 takes a 4-byte header length: 0xFFFFFFF0 in a file of 16 bytes
        Path lying = dir.resolve("lying.npy");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0xFFFFFFF0);
        Files.write(lying, b.array());
        IOException e = assertThrows(IOException.class, () -> NpyFile.read(lying, "J"));
        assertEquals(lying + ": truncated .npy header", e.getMessage());
        Path padded = dir.resolve("padded.npy");
        ByteBuffer p = ByteBuffer.allocate(12 + 100_000).order(ByteOrder.LITTLE_ENDIAN);
        p.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(100_000);
        Files.write(padded, p.array());
        e = assertThrows(IOException.class, () -> NpyFile.read(padded, "J"));
        assertEquals(padded + ": its .npy header says it is 100000 bytes long; NumPy writes a few hundred (at most 65536"
                + " are read): the file is damaged", e.getMessage());
    }

    @Test
    void aFifoOrADeviceIsRefusedWithoutReadingIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        IOException zero = assertThrows(IOException.class, () -> NpyFile.read(Path.of("/dev/zero"), "J"));
        assertEquals("/dev/zero: is a character device, not a regular file; expected a NumPy .npy file", zero.getMessage());
        Path fifo = dir.resolve("J.npy");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> NpyFile.read(fifo, "J")));
        assertEquals(fifo + ": is a FIFO (named pipe), not a regular file; expected a NumPy .npy file", e.getMessage());
    }

    @Test
    void aLargeMatrixReadInPiecesKeepsEveryValueInPlace() throws IOException {
        int rows = 300;
        int cols = 500; // 150,000 values: more than one piece of the read
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 1000;
        }
        Path file = dir.resolve("big.npy");
        NpyFile.write(file, new WeightMatrix("J", rows, cols, values));
        assertArrayEquals(values, NpyFile.read(file, "J").data());
        // the same values in Fortran order, as float64, big-endian
        String dict = "{'descr': '>f8', 'fortran_order': True, 'shape': (" + rows + ", " + cols + "), }";
        Path fortran = npy("fortran.npy", dict, 8 * values.length);
        byte[] bytes = Files.readAllBytes(fortran);
        ByteBuffer data = ByteBuffer.wrap(bytes, bytes.length - 8 * values.length, 8 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                data.putDouble(values[r * cols + c]);
            }
        }
        Files.write(fortran, bytes);
        assertArrayEquals(values, NpyFile.read(fortran, "J").data());
    }

    @Test
    void aLoadedMatrixDrivesTheNetwork() throws IOException {
        float[] identity = new float[9];
        identity[0] = identity[4] = identity[8] = 1f;
        Path file = dir.resolve("J.npy");
        NpyFile.write(file, new WeightMatrix("J", 3, 3, identity));
        RateNetwork net = new RateNetwork(NetworkConfig.of(3).withForm(UpdateForm.SUM_OF_PHI)
                .withPhi(org.neurorig.kernel.Nonlinearity.IDENTITY).withTiming(0.001, 0.001), Kernels.scalar());
        net.setRecurrentWeights(NpyFile.read(file, "J.npy"));
        net.setState(new float[] {1, 2, 3});
        net.step(); // dt = tau, identity J and phi: x <- J x = x
        assertArrayEquals(new float[] {1, 2, 3}, net.state());
    }
}
