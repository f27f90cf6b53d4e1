package org.neurorig.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
