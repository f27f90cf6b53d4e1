package org.neurorig.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurorig.kernel.Kernels;
import org.neurorig.network.BernoulliNetwork;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;

/** Round trips, and each way a checkpoint can be bad: one clear message, and nothing loaded. */
class CheckpointTest {

    @TempDir
    Path dir;

    private static RateNetwork network(int n, long seed) {
        RateNetwork net = new RateNetwork(NetworkConfig.of(n).withInputs(4).withOutputs(1).withSeed(seed), Kernels.best());
        for (int i = 0; i < n; i++) {
            net.readoutWeights()[i] = (float) Math.sin(seed + i);
        }
        return net;
    }

    private static float[][] weights(RateNetwork net) {
        return new float[][] {net.recurrentWeights().clone(), net.inputWeights().clone(), net.readoutWeights().clone()};
    }

    private static void assertWeights(float[][] expected, RateNetwork net) {
        assertArrayEquals(expected[0], net.recurrentWeights());
        assertArrayEquals(expected[1], net.inputWeights());
        assertArrayEquals(expected[2], net.readoutWeights());
    }

    @Test
    void aSavedNetworkLoadsBackBitForBit() throws IOException {
        Path file = dir.resolve("w.nrck");
        RateNetwork trained = network(20, 1);
        Checkpoint.save(file, trained);
        RateNetwork fresh = network(20, 2);
        Checkpoint.restore(file, fresh);
        assertWeights(weights(trained), fresh);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        BernoulliNetwork b = new BernoulliNetwork(7, 3, 1.0, 4, Kernels.best());
        b.bias()[2] = 0.25f;
        Path bfile = dir.resolve("b.nrck");
        Checkpoint.save(bfile, b);
        BernoulliNetwork other = new BernoulliNetwork(7, 3, 1.0, 5, Kernels.best());
        Checkpoint.restore(bfile, other);
        assertArrayEquals(b.weights(), other.weights());
        assertArrayEquals(b.inputWeights(), other.inputWeights());
        assertArrayEquals(b.bias(), other.bias());
    }

    /** Each broken file fails with its own message, and the network keeps its weights. */
    private void assertRefused(Path file, String messageStart) {
        RateNetwork net = network(20, 9);
        float[][] before = weights(net);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.restore(file, net));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertWeights(before, net);
    }

    @Test
    void aCorruptFileIsRefused() throws IOException {
        Path file = dir.resolve("w.nrck");
        Checkpoint.save(file, network(20, 1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10; // one flipped bit in the weights
        Files.write(file, bytes);
        assertRefused(file, "checkpoint " + file + " is corrupt: its CRC32C is ");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = dir.resolve("w.nrck");
        Checkpoint.save(file, network(20, 1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertRefused(file, "checkpoint " + file + " is truncated: ");
        Files.write(file, java.util.Arrays.copyOf(bytes, 10));
        assertRefused(file, "checkpoint " + file + " is truncated: 10 bytes");
        Files.write(file, new byte[0]);
        assertRefused(file, "checkpoint " + file + " is truncated: 0 bytes");
    }

    @Test
    void aCheckpointOfAnotherNetworkIsRefused() throws IOException {
        Path file = dir.resolve("w.nrck");
        Checkpoint.save(file, network(30, 1));
        assertRefused(file, "checkpoint " + file + " does not fit this network: 'recurrent' is 30 x 30 in the file, "
                + "the network's is 20 x 20; nothing was loaded");
        Checkpoint.save(file, new BernoulliNetwork(20, 4, 1.0, 3, Kernels.best()));
        assertRefused(file, "checkpoint " + file + " holds [recurrent, input, bias]; this network needs [recurrent, input, readout]");
    }

    @Test
    void aFileThatIsNoCheckpointOrOfAnotherVersionIsRefused() throws IOException {
        Path file = dir.resolve("w.nrck");
        Files.writeString(file, "x,y\n1,2\n3,4\n5,6\n");
        assertRefused(file, "file " + file + " is not a neurorig checkpoint");
        // a well-formed file of a future version, with a valid checksum: refused for its version alone
        byte[] bytes = Checkpoint.encode(List.of(new org.neurorig.network.WeightMatrix("readout", 1, 2, new float[] {1, 2})))
                .array();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(4, (short) 3);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        b.putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(file, bytes);
        assertRefused(file, "checkpoint " + file + " has format version 3; this neurorig reads versions 1 and 2");
        assertRefused(dir.resolve("missing.nrck"), "checkpoint " + dir.resolve("missing.nrck") + " does not exist");
    }

    /**
     * A save that fails part-way (a full disk, a crash) leaves the previous checkpoint in place and
     * loadable; a half-written temporary file left by a real crash never shadows it.
     */
    @Test
    void aSaveThatFailsPartWayLeavesThePreviousCheckpoint() throws IOException {
        Path file = dir.resolve("w.nrck");
        RateNetwork first = network(20, 1);
        Checkpoint.save(file, first);
        RateNetwork second = network(20, 2);
        ByteBuffer data = Checkpoint.encode(List.of(
                new org.neurorig.network.WeightMatrix("recurrent", 20, 20, second.recurrentWeights()),
                new org.neurorig.network.WeightMatrix("input", 20, 4, second.inputWeights()),
                new org.neurorig.network.WeightMatrix("readout", 1, 20, second.readoutWeights())));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.writeAtomically(file, data, 700));
        assertTrue(e.getMessage().contains("the previous checkpoint, if any, is unchanged"), e.getMessage());
        Files.write(dir.resolve(".w.nrck.123.tmp"), new byte[] {'N', 'R'}); // what a crash mid-write leaves
        RateNetwork loaded = network(20, 3);
        Checkpoint.restore(file, loaded);
        assertWeights(weights(first), loaded);
        Checkpoint.save(file, second);
        Checkpoint.restore(file, loaded);
        assertWeights(weights(second), loaded);
    }

    @Test
    void savingIntoAMissingDirectorySaysSo() {
        Path file = dir.resolve("nope").resolve("w.nrck");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.save(file, network(5, 1)));
        assertEquals("cannot save checkpoint " + file + ": directory " + file.getParent() + " does not exist", e.getMessage());
    }

    /** Version 1, without the episodes: what earlier runs saved, still loads. */
    @Test
    void aVersion1CheckpointStillLoads() throws IOException {
        RateNetwork saved = network(20, 1);
        byte[] v2 = Checkpoint.encode(List.of(
                new org.neurorig.network.WeightMatrix("recurrent", 20, 20, saved.recurrentWeights()),
                new org.neurorig.network.WeightMatrix("input", 20, 4, saved.inputWeights()),
                new org.neurorig.network.WeightMatrix("readout", 1, 20, saved.readoutWeights())), 7).array();
        ByteBuffer v1 = ByteBuffer.allocate(v2.length - 8).order(ByteOrder.LITTLE_ENDIAN);
        v1.put(v2, 0, 12).put(v2, 20, v2.length - 24).putShort(4, (short) 1);
        CRC32C crc = new CRC32C();
        crc.update(v1.array(), 0, v1.capacity() - 4);
        v1.putInt((int) crc.getValue());
        Path file = dir.resolve("v1.nrck");
        Files.write(file, v1.array());
        RateNetwork loaded = network(20, 2);
        Checkpoint.restore(file, loaded);
        assertWeights(weights(saved), loaded);
        assertEquals(Checkpoint.UNKNOWN, Checkpoint.summary(file).episodes());
        assertEquals(1, Checkpoint.summary(file).version());
        Checkpoint.save(file, saved, 42);
        assertEquals(new Checkpoint.Summary(2, 42, List.of("recurrent 20 x 20", "input 20 x 4", "readout 1 x 20")),
                Checkpoint.summary(file));
    }

    /**
     * Files of 3 and 1.5 GiB (sparse: they take no disk) are refused from their header and size, without
     * reading them: sizes that do not add up, and a valid header that describes another network.
     */
    @Test
    void aHugeFileIsRefusedWithoutBeingRead() throws IOException {
        Path file = dir.resolve("huge.nrck");
        Checkpoint.save(file, network(20, 1));
        long threeGiB = 3L << 30;
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(threeGiB);
        }
        assertRefused(file, "checkpoint " + file + " is " + threeGiB + " bytes, but its header describes");
        ByteBuffer header = ByteBuffer.allocate(20 + 2 + 9 + 8).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'N', 'R', 'C', 'K'}).putShort((short) 2).putShort((short) 0).putInt(1).putLong(0);
        int floats = (int) (((3L << 29) - header.capacity() - 4) / 4); // 1.5 GiB: within the format's 2 GiB
        header.putShort((short) 9).put("recurrent".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(floats);
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0);
            raf.write(header.array());
            raf.setLength(header.capacity() + 4L * floats + 4);
        }
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertRefused(file, "checkpoint " + file + " holds 1 matrix [recurrent]; this network has 3");
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 256L << 20, "read without loading it: " + (after - before) + " bytes more in use");
    }

    /** A pipe or a device would block or never end: refused before it is opened. */
    @Test
    void whatIsNotARegularFileIsRefused() throws Exception {
        assertRefused(Path.of("/dev/zero"), "checkpoint /dev/zero is not a regular file");
        assertRefused(dir, "checkpoint " + dir + " is not a regular file");
        Path fifo = dir.resolve("pipe.nrck");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mkfifo.waitFor() == 0) {
            assertRefused(fifo, "checkpoint " + fifo + " is not a regular file");
        }
    }
}
