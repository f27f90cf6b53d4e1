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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.neurorig.network.BernoulliNetwork;
import org.neurorig.network.RateNetwork;
import org.neurorig.network.WeightMatrix;
import org.neurorig.os.FileKind;
import org.neurorig.os.PositionedRead;

/**
 * Learned weights on disk: a versioned header, the named matrices, and a CRC32C of everything before
 * it. Little-endian throughout.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  magic 'N' 'R' 'C' 'K'                                        |  0
 *  +-------------------------------+-------------------------------+
 *  |  format version (u16) = 2     |  reserved (u16) = 0           |  4
 *  +-------------------------------+-------------------------------+
 *  |  matrix count (u32)                                           |  8
 *  +---------------------------------------------------------------+
 *  |  episodes learned over (i64; -1 unknown)                      | 12
 *  |                                                               |
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
 * a corrupt, truncated or mismatched file fails with one message and leaves the network untouched. The
 * header and the matrices' shapes are read first, with small reads, and checked against the file's size
 * and the network before the data is read, so a huge or hostile file costs a few reads, not its size in
 * memory. Version 1 (the same without the episodes) still loads.
 *
 * <p>Not for the control tick (it allocates and does I/O): save from the thread that owns the
 * network between episodes, or from a copy. While a rule learns on the network, save with
 * {@link #save(Path, RateNetwork, ThreeFactorRule)}: an online rule that updates every K ticks holds
 * up to K ticks of updates that are not yet in the weights, and that overload applies them first.
 */
public final class Checkpoint {

    /** The format version this code writes; it reads version 1 too. */
    public static final int VERSION = 2;
    /** The episodes of a checkpoint saved without them, or of format version 1. */
    public static final long UNKNOWN = -1;
    private static final byte[] MAGIC = {'N', 'R', 'C', 'K'};
    private static final int V1_HEADER = 12;
    private static final int HEADER = 20;
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
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

    /** Saves J, B and W of {@code network}, learned over {@code episodes} episodes, to {@code file}, atomically. */
    public static void save(Path file, RateNetwork network, long episodes) throws CheckpointException {
        save(file, rateMatrices(network), episodes);
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

    /**
     * Loads {@code file} into {@code network}, all of it or, on any problem, nothing; returns the episodes
     * the weights had learned over, or {@link #UNKNOWN}.
     */
    public static long restore(Path file, RateNetwork network) throws CheckpointException {
        return restoreInto(file, rateMatrices(network));
    }

    /** As {@link #restore(Path, RateNetwork)}, for a Bernoulli network. */
    public static long restore(Path file, BernoulliNetwork network) throws CheckpointException {
        return restoreInto(file, bernoulliMatrices(network));
    }

    static List<WeightMatrix> rateMatrices(RateNetwork network) {
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

    private static String names(List<WeightMatrix> matrices) {
        List<String> names = new ArrayList<>();
        for (WeightMatrix m : matrices) {
            names.add(m.name());
        }
        return names.toString();
    }

    /** Writes {@code matrices} to {@code file} atomically, progress unknown. */
    public static void save(Path file, List<WeightMatrix> matrices) throws CheckpointException {
        save(file, matrices, UNKNOWN);
    }

    /** Writes {@code matrices}, learned over {@code episodes} episodes, to {@code file} atomically. */
    public static void save(Path file, List<WeightMatrix> matrices, long episodes) throws CheckpointException {
        writeAtomically(file, encode(matrices, episodes), Long.MAX_VALUE);
    }

    static ByteBuffer encode(List<WeightMatrix> matrices) {
        return encode(matrices, UNKNOWN);
    }

    static ByteBuffer encode(List<WeightMatrix> matrices, long episodes) {
        long size = HEADER + 4L;
        for (WeightMatrix m : matrices) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME) {
                throw new IllegalArgumentException("matrix name longer than " + MAX_NAME + " bytes: " + m.name());
            }
            size += 2 + name.length + 8 + 4L * m.data().length;
        }
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("a checkpoint of " + size + " bytes is larger than this format allows (2 GiB)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(matrices.size()).putLong(episodes);
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

    /**
     * Removes the temporary files a save interrupted by a crash (a kill during the write) left next to
     * {@code file}; returns how many. Only for a folder no process is saving into.
     */
    public static int removeStaleTemporaries(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = "." + file.getFileName() + ".";
        int removed = 0;
        try (var entries = Files.newDirectoryStream(dir, e -> e.getFileName().toString().startsWith(prefix)
                && e.getFileName().toString().endsWith(".tmp"))) {
            for (Path tmp : entries) {
                if (Files.deleteIfExists(tmp)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // what cannot be listed or removed is left; it never shadows the checkpoint
        }
        return removed;
    }

    /** Reads and checks {@code file}; returns its matrices. */
    public static List<WeightMatrix> load(Path file) throws CheckpointException {
        try (FileChannel ch = open(file)) {
            Layout layout = Layout.read(file, ch);
            return layout.matrices(file, ch);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@code file} holds, from its header alone: the format version, the episodes it had learned
     * over (or {@link #UNKNOWN}), and its matrices' names and shapes. Checks the declared sizes against
     * the file's size, not the checksum.
     */
    public static Summary summary(Path file) throws CheckpointException {
        try (FileChannel ch = open(file)) {
            Layout layout = Layout.read(file, ch);
            List<String> shapes = new ArrayList<>();
            for (Entry e : layout.entries) {
                shapes.add(e.name + " " + e.rows + " x " + e.cols);
            }
            return new Summary(layout.version, layout.episodes, shapes);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A checkpoint's header.
     *
     * @param version  its format version
     * @param episodes the episodes its weights had learned over, or {@link #UNKNOWN}
     * @param matrices each matrix as "name rows x cols"
     */
    public record Summary(int version, long episodes, List<String> matrices) {
    }

    /** A regular file, opened for reading: a FIFO or a device would block or never end. */
    private static FileChannel open(Path file) throws CheckpointException, IOException {
        if (!Files.exists(file)) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new CheckpointException("checkpoint " + file + " is not a regular file (" + FileKind.describe(file, attributes)
                    + "): give the .nrck file a run saved");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist", e);
        }
    }

    /** Reads and checks {@code file} against the live matrices; copies them only when everything fits. */
    private static long restoreInto(Path file, List<WeightMatrix> live) throws CheckpointException {
        try (FileChannel ch = open(file)) {
            Layout layout = Layout.read(file, ch);
            layout.requireFits(file, live); // before reading the data: a huge file of another network costs nothing
            List<WeightMatrix> loaded = layout.matrices(file, ch);
            for (int i = 0; i < live.size(); i++) {
                System.arraycopy(loaded.get(i).data(), 0, live.get(i).data(), 0, live.get(i).data().length);
            }
            return layout.episodes();
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private record Entry(String name, int rows, int cols, long dataAt) {
    }

    /**
     * The header and each matrix's name and shape, read with small positioned reads and checked against
     * the file's size before anything as large as the data is allocated.
     */
    private record Layout(int version, long episodes, List<Entry> entries, long size) {

        private static final String DAMAGED = "; nothing was loaded (the file is damaged: use another copy or retrain)";

        static Layout read(Path file, FileChannel ch) throws IOException, CheckpointException {
            long size = ch.size();
            if (size < V1_HEADER + 4) {
                ByteBuffer start = PositionedRead.bytes(ch, 0, (int) Math.min(size, MAGIC.length));
                if (start.remaining() == MAGIC.length && !hasMagic(start)) {
                    throw notACheckpoint(file);
                }
                throw new CheckpointException("checkpoint " + file + " is truncated: " + size
                        + " bytes, shorter than the " + (V1_HEADER + 4) + "-byte header and checksum" + DAMAGED);
            }
            ByteBuffer head = PositionedRead.bytes(ch, 0, V1_HEADER);
            if (!hasMagic(head)) {
                throw notACheckpoint(file);
            }
            int version = Short.toUnsignedInt(head.getShort(4));
            if (version != VERSION && version != 1) {
                throw new CheckpointException("checkpoint " + file + " has format version " + version
                        + "; this neurorig reads versions 1 and " + VERSION + " (use the neurorig that wrote it)");
            }
            long count = Integer.toUnsignedLong(head.getInt(8));
            long episodes = UNKNOWN;
            long pos = V1_HEADER;
            if (version >= 2) {
                if (size < HEADER + 4) {
                    throw new CheckpointException("checkpoint " + file + " is truncated: " + size + " bytes, shorter than the "
                            + (HEADER + 4) + "-byte header and checksum" + DAMAGED);
                }
                episodes = PositionedRead.bytes(ch, V1_HEADER, 8).getLong(0);
                pos = HEADER;
            }
            if (count > (size - pos) / 10) { // each matrix takes at least 10 bytes of header
                throw new CheckpointException("checkpoint " + file + " is corrupt: it claims " + count + " matrices in "
                        + size + " bytes" + DAMAGED);
            }
            List<Entry> entries = new ArrayList<>();
            for (int m = 0; m < count; m++) {
                if (pos + 2 > size - 4) {
                    throw new CheckpointException("checkpoint " + file + " is truncated: it ends inside matrix " + (m + 1)
                            + " of " + count + DAMAGED);
                }
                int nameLength = Short.toUnsignedInt(PositionedRead.bytes(ch, pos, 2).getShort(0));
                if (nameLength > MAX_NAME || pos + 2 + nameLength + 8 > size - 4) {
                    throw new CheckpointException("checkpoint " + file + " is truncated or corrupt: matrix " + (m + 1) + " of "
                            + count + " has an impossible header" + DAMAGED);
                }
                ByteBuffer h = PositionedRead.bytes(ch, pos + 2, nameLength + 8);
                byte[] nameBytes = new byte[nameLength];
                h.get(nameBytes);
                String name = new String(nameBytes, StandardCharsets.UTF_8);
                int rows = h.getInt();
                int cols = h.getInt();
                long floats = (long) rows * cols;
                if (rows < 0 || cols < 0 || floats > Integer.MAX_VALUE) {
                    throw new CheckpointException("checkpoint " + file + " is corrupt: matrix '" + name + "' claims shape " + rows
                            + " x " + cols + DAMAGED);
                }
                long end = pos + 2L + nameLength + 8 + 4 * floats;
                if (end > size - 4) {
                    throw new CheckpointException("checkpoint " + file + " is truncated: " + size + " bytes, but matrix '" + name
                            + "' (" + rows + " x " + cols + ") needs " + (end + 4) + DAMAGED);
                }
                entries.add(new Entry(name, rows, cols, pos + 2 + nameLength + 8));
                pos = end;
            }
            if (pos + 4 != size) {
                throw new CheckpointException("checkpoint " + file + " is " + size + " bytes, but its header describes " + (pos + 4)
                        + DAMAGED);
            }
            if (size > MAX_BYTES) {
                throw new CheckpointException("checkpoint " + file + " is " + size + " bytes, more than this format allows (2 GiB)"
                        + DAMAGED);
            }
            return new Layout(version, episodes, List.copyOf(entries), size);
        }

        /** Every name and shape against the live matrices; nothing is copied on a mismatch. */
        void requireFits(Path file, List<WeightMatrix> live) throws CheckpointException {
            List<String> names = entries.stream().map(Entry::name).toList();
            if (entries.size() != live.size()) {
                throw new CheckpointException("checkpoint " + file + " holds " + entries.size()
                        + (entries.size() == 1 ? " matrix " : " matrices ") + names
                        + "; this network has " + live.size() + " " + names(live) + ": nothing was loaded");
            }
            for (int i = 0; i < live.size(); i++) {
                WeightMatrix want = live.get(i);
                Entry got = entries.get(i);
                if (!want.name().equals(got.name())) {
                    throw new CheckpointException("checkpoint " + file + " holds " + names + "; this network needs "
                            + names(live) + ": nothing was loaded");
                }
                if (want.rows() != got.rows() || want.cols() != got.cols()) {
                    throw new CheckpointException("checkpoint " + file + " does not fit this network: '" + got.name()
                            + "' is " + got.rows() + " x " + got.cols() + " in the file, the network's is " + want.rows()
                            + " x " + want.cols() + "; nothing was loaded (was it saved from a network of another size?)");
                }
            }
        }

        /** Reads the whole file (its size is checked), verifies the checksum, and returns the matrices. */
        List<WeightMatrix> matrices(Path file, FileChannel ch) throws IOException, CheckpointException {
            ByteBuffer all = PositionedRead.bytes(ch, 0, (int) size);
            byte[] bytes = all.array();
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            int stored = all.getInt(bytes.length - 4);
            if ((int) crc.getValue() != stored) {
                throw new CheckpointException(String.format(java.util.Locale.ROOT,
                        "checkpoint %s is corrupt: its CRC32C is %08x, the stored one %08x%s", file, (int) crc.getValue(), stored,
                        DAMAGED));
            }
            List<WeightMatrix> matrices = new ArrayList<>();
            for (Entry e : entries) {
                float[] data = new float[e.rows * e.cols];
                all.position((int) e.dataAt).asFloatBuffer().get(data);
                matrices.add(new WeightMatrix(e.name, e.rows, e.cols, data));
            }
            return matrices;
        }

        private static boolean hasMagic(ByteBuffer b) {
            for (int i = 0; i < MAGIC.length; i++) {
                if (b.get(i) != MAGIC[i]) {
                    return false;
                }
            }
            return true;
        }

        private static CheckpointException notACheckpoint(Path file) {
            return new CheckpointException("file " + file + " is not a neurorig checkpoint (it does not start with 'NRCK')");
        }
    }
}
