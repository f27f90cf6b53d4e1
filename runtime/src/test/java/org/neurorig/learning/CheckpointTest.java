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
        b.putShort(4, (short) 2);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        b.putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(file, bytes);
        assertRefused(file, "checkpoint " + file + " has format version 2; this neurorig reads version 1");
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
}
