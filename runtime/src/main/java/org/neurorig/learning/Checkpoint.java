package org.neurorig.learning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.neurorig.network.BernoulliNetwork;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.WeightMatrix;

/**
 * Learned weights on disk: a versioned header, the named matrices, and a CRC32C of everything before
 * it. Little-endian throughout.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  magic 'N' 'R' 'C' 'K'                                        |  0
 *  +-------------------------------+-------------------------------+
 *  |  format version (u16) = 1     |  reserved (u16) = 0           |  4
 *  +-------------------------------+-------------------------------+
 *  |  matrix count (u32)                                           |  8
 *  +===============================================================+
 *  |  per matrix: name length (u16) | name (UTF-8) ...             |
 *  |  rows (u32) | cols (u32) | rows x cols float32, row-major ... |
 *  +===============================================================+
 *  |  CRC32C (u32) of every byte above                             |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Saving is atomic: the bytes go to a temporary file in the same directory, which is forced to
 * disk, renamed over the target, and the directory is forced too, so after a crash the target is
 * either the old checkpoint or the new one, never a mixture. Loading checks the magic, the version, the
 * length, the checksum and, for a network, every matrix's name and shape before it copies anything:
 * a corrupt, truncated or mismatched file fails with one message and leaves the network untouched.
 *
 * <p>Not for the control tick (it allocates and does I/O): save from the thread that owns the
 * network between episodes, or from a copy. While a rule learns on the network, save with
 * {@link #save(Path, RateNetwork, ThreeFactorRule)}: an online rule that updates every K ticks holds
 * up to K ticks of updates that are not yet in the weights, and that overload applies them first.
 */
public final class Checkpoint {

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'N', 'R', 'C', 'K'};
    private static final int HEADER = 12;
    private static final int MAX_NAME = 1024;

    /** Matrix names in a rate network's checkpoint. */
    public static final String RECURRENT = "recurrent";
    public static final String INPUT = "input";
    public static final String READOUT = "readout";
    /** In a Bernoulli network's checkpoint. */
    public static final String BIAS = "bias";

    private Checkpoint() {
    }

    /** Saves J, B and W of {@code network} to {@code file}, atomically. */
    public static void save(Path file, RateNetwork network) throws CheckpointException {
        save(file, rateMatrices(network));
    }

    /** Saves W, U and b of {@code network} to {@code file}, atomically. */
    public static void save(Path file, BernoulliNetwork network) throws CheckpointException {
        save(file, bernoulliMatrices(network));
    }

    /**
     * Saves the weights of {@code network} that {@code rule} learns on, with the updates the rule still
     * holds back applied first ({@link ThreeFactorRule#applyPendingUpdates()}), so the file has every
     * update made so far. Call it on the thread that runs the rule.
     */
    public static void save(Path file, RateNetwork network, ThreeFactorRule rule) throws CheckpointException {
        rule.applyPendingUpdates();
        save(file, network);
    }

    /** As {@link #save(Path, RateNetwork, ThreeFactorRule)}, for a Bernoulli network. */
    public static void save(Path file, BernoulliNetwork network, ThreeFactorRule rule) throws CheckpointException {
        rule.applyPendingUpdates();
        save(file, network);
    }

    /** Loads {@code file} into {@code network}, all of it or, on any problem, nothing. */
    public static void restore(Path file, RateNetwork network) throws CheckpointException {
        restore(file, load(file), rateMatrices(network));
    }

    /** Loads {@code file} into {@code network}, all of it or, on any problem, nothing. */
    public static void restore(Path file, BernoulliNetwork network) throws CheckpointException {
        restore(file, load(file), bernoulliMatrices(network));
    }

    private static List<WeightMatrix> rateMatrices(RateNetwork network) {
        int n = network.size();
        return List.of(new WeightMatrix(RECURRENT, n, n, network.recurrentWeights()),
                new WeightMatrix(INPUT, n, network.config().inputs(), network.inputWeights()),
                new WeightMatrix(READOUT, network.config().outputs(), n, network.readoutWeights()));
    }

    private static List<WeightMatrix> bernoulliMatrices(BernoulliNetwork network) {
        int n = network.size();
        return List.of(new WeightMatrix(RECURRENT, n, n, network.weights()),
                new WeightMatrix(INPUT, n, network.input().length, network.inputWeights()),
                new WeightMatrix(BIAS, n, 1, network.bias()));
    }

    /** Checks every name and shape against the live matrices, then copies; nothing is copied on a mismatch. */
    private static void restore(Path file, List<WeightMatrix> loaded, List<WeightMatrix> live) throws CheckpointException {
        if (loaded.size() != live.size()) {
            throw new CheckpointException("checkpoint " + file + " holds " + loaded.size() + " matrices " + names(loaded)
                    + "; this network has " + live.size() + " " + names(live) + ": nothing was loaded");
        }
        for (int i = 0; i < live.size(); i++) {
            WeightMatrix want = live.get(i);
            WeightMatrix got = loaded.get(i);
            if (!want.name().equals(got.name())) {
                throw new CheckpointException("checkpoint " + file + " holds " + names(loaded) + "; this network needs "
                        + names(live) + ": nothing was loaded");
            }
            if (want.rows() != got.rows() || want.cols() != got.cols()) {
                throw new CheckpointException("checkpoint " + file + " does not fit this network: '" + got.name()
                        + "' is " + got.rows() + " x " + got.cols() + " in the file, the network's is " + want.rows()
                        + " x " + want.cols() + "; nothing was loaded (was it saved from a network of another size?)");
            }
        }
        for (int i = 0; i < live.size(); i++) {
            System.arraycopy(loaded.get(i).data(), 0, live.get(i).data(), 0, live.get(i).data().length);
        }
    }

    private static String names(List<WeightMatrix> matrices) {
        List<String> names = new ArrayList<>();
        for (WeightMatrix m : matrices) {
            names.add(m.name());
        }
        return names.toString();
    }

    /** Writes {@code matrices} to {@code file} atomically. */
    public static void save(Path file, List<WeightMatrix> matrices) throws CheckpointException {
        writeAtomically(file, encode(matrices), Long.MAX_VALUE);
    }

    static ByteBuffer encode(List<WeightMatrix> matrices) {
        long size = HEADER + 4L;
        for (WeightMatrix m : matrices) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME) {
                throw new IllegalArgumentException("matrix name longer than " + MAX_NAME + " bytes: " + m.name());
            }
            size += 2 + name.length + 8 + 4L * m.data().length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a checkpoint of " + size + " bytes is larger than this format allows (2 GiB)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(matrices.size());
        for (WeightMatrix m : matrices) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            b.putShort((short) name.length).put(name).putInt(m.rows()).putInt(m.cols());
            for (float v : m.data()) {
                b.putFloat(v);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        return b;
    }

    /**
     * Temp file in the target's directory, fsync, rename over the target, fsync the directory. A
     * failure part-way (here or a crash) leaves the target as it was. {@code failAfterBytes} makes the
     * write fail after that many bytes, as a full disk or a crash would (tests; otherwise Long.MAX_VALUE).
     */
    static void writeAtomically(Path file, ByteBuffer data, long failAfterBytes) throws CheckpointException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                int limit = (int) Math.min(data.remaining(), failAfterBytes);
                ByteBuffer part = data.slice(data.position(), limit);
                while (part.hasRemaining()) {
                    ch.write(part);
                }
                if (limit < data.remaining()) {
                    throw new IOException("the write failed after " + limit + " bytes (simulated)");
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CheckpointException("cannot save checkpoint " + target + ": its file system cannot rename atomically, "
                        + "so a crash could leave a half-written file; save to a local disk instead", e);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (CheckpointException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new CheckpointException("cannot save checkpoint " + target + ": directory " + dir + " does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot save checkpoint " + target + ": " + e.getMessage()
                    + "; the previous checkpoint, if any, is unchanged", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temp file's name starts with '.' and ends in .tmp; it never shadows the target
                }
            }
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        // Makes the rename itself durable. Linux allows fsync on a directory opened for reading; a
        // platform that refuses to open a directory has no such step to take.
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    /** Reads and checks {@code file}; returns its matrices. */
    public static List<WeightMatrix> load(Path file) throws CheckpointException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        String damaged = "; nothing was loaded (the file is damaged: use another copy or retrain)";
        if (bytes.length < HEADER + 4) {
            throw new CheckpointException("checkpoint " + file + " is truncated: " + bytes.length
                    + " bytes, shorter than the " + (HEADER + 4) + "-byte header and checksum" + damaged);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new CheckpointException("file " + file + " is not a neurorig checkpoint (it does not start with 'NRCK')");
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(b.getShort(4));
        if (version != VERSION) {
            throw new CheckpointException("checkpoint " + file + " has format version " + version + "; this neurorig reads version "
                    + VERSION + " (use the neurorig that wrote it)");
        }
        int count = b.getInt(8);
        long expected = HEADER + 4L;
        int pos = HEADER;
        List<int[]> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int m = 0; m < count && count >= 0; m++) {
            if (pos + 2 > bytes.length - 4) {
                throw new CheckpointException("checkpoint " + file + " is truncated: it ends inside matrix " + (m + 1) + " of " + count + damaged);
            }
            int nameLength = Short.toUnsignedInt(b.getShort(pos));
            if (nameLength > MAX_NAME || pos + 2 + nameLength + 8 > bytes.length - 4) {
                throw new CheckpointException("checkpoint " + file + " is truncated or corrupt: matrix " + (m + 1) + " of " + count
                        + " has an impossible header" + damaged);
            }
            String name = new String(bytes, pos + 2, nameLength, StandardCharsets.UTF_8);
            int rows = b.getInt(pos + 2 + nameLength);
            int cols = b.getInt(pos + 6 + nameLength);
            long floats = (long) rows * cols;
            if (rows < 0 || cols < 0 || floats > Integer.MAX_VALUE) {
                throw new CheckpointException("checkpoint " + file + " is corrupt: matrix '" + name + "' claims shape " + rows + " x " + cols + damaged);
            }
            long end = pos + 2L + nameLength + 8 + 4 * floats;
            if (end > bytes.length - 4) {
                throw new CheckpointException("checkpoint " + file + " is truncated: " + bytes.length + " bytes, but matrix '" + name
                        + "' (" + rows + " x " + cols + ") needs " + (end + 4) + damaged);
            }
            names.add(name);
            shapes.add(new int[] {pos + 2 + nameLength + 8, rows, cols});
            pos = (int) end;
            expected = end + 4;
        }
        if (count < 0 || expected != bytes.length) {
            throw new CheckpointException("checkpoint " + file + " is " + bytes.length + " bytes, but its header describes " + expected
                    + damaged);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = b.getInt(bytes.length - 4);
        if ((int) crc.getValue() != stored) {
            throw new CheckpointException(String.format(java.util.Locale.ROOT,
                    "checkpoint %s is corrupt: its CRC32C is %08x, the stored one %08x%s", file, (int) crc.getValue(), stored, damaged));
        }
        List<WeightMatrix> matrices = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            int[] s = shapes.get(m);
            float[] data = new float[s[1] * s[2]];
            for (int i = 0; i < data.length; i++) {
                data[i] = b.getFloat(s[0] + 4 * i);
            }
            matrices.add(new WeightMatrix(names.get(m), s[1], s[2], data));
        }
        return matrices;
    }
}
