package org.neurorig.telemetry;

import java.util.List;
import java.util.Locale;

/**
 * What reading a telemetry log found: how many records, which sequence numbers, how far the records go,
 * and every place the file was damaged. A log cut short by a crash (the writer stopped mid-record) ends in
 * a partial record ({@link #endsInPartialRecord()}): that is how such a log looks, not damage. For a run whose process was killed, the
 * telemetry holds records up to {@link #lastSequence()} of episode {@link #lastEpisode()}, and
 * {@link #bytesRead()} is where its last whole record ends.
 *
 * @param version             the log's format version (1: no checks, reading stops at damage; 2: damage
 *                            is skipped and reading resumes at the next whole record)
 * @param records             records read (and handed to the visitor)
 * @param firstSequence       the first record's sequence number, or -1 without records
 * @param lastSequence        the last record's sequence number, or -1
 * @param lastEpisode         the last record's episode index (from 0), or -1
 * @param bytesRead           where the last whole record read ends (the header's length without records)
 * @param fileSize            the file's size when it was read
 * @param damagedRegions      how many damaged regions
 * @param bytesSkipped        their bytes, together
 * @param damage              the first {@value #LISTED_DAMAGE} damaged regions, in file order
 * @param partialRecordBytes  the length of the start of a record that ends the file, whose rest was never
 *                            written; 0 when the file ends with a whole record (or damage)
 */
public record TelemetryScan(int version, long records, long firstSequence, long lastSequence, long lastEpisode, long bytesRead,
        long fileSize, long damagedRegions, long bytesSkipped, List<Damage> damage, long partialRecordBytes) {

    /** Damaged regions listed one by one; beyond these only counted. */
    public static final int LISTED_DAMAGE = 100;

    public TelemetryScan {
        damage = List.copyOf(damage);
    }

    /**
     * A damaged region of a log: bytes that are not a whole, checked record where one should start.
     *
     * @param offset         where it starts, bytes from the start of the file
     * @param bytesSkipped   its length: reading resumed after it, or it runs to the end of the file
     * @param reason         what was found at {@code offset}, in words
     * @param sequenceBefore the sequence number of the record before it, or -1
     * @param sequenceAfter  that of the first record after it, or -1 when none was read
     * @param recordsAfter   records read after it, up to the next damage or the end
     */
    public record Damage(long offset, long bytesSkipped, String reason, long sequenceBefore, long sequenceAfter,
            long recordsAfter) {

        /** Reading found whole records after this region. */
        public boolean recovered() {
            return recordsAfter > 0;
        }

        /** One line: where, how much, why, which records are missing across it, and what followed. */
        public String describe() {
            long missing = sequenceAfter - sequenceBefore - 1;
            String lost = sequenceAfter < 0 || missing < 1 ? ""
                    : missing == 1 ? "; sequence " + (sequenceBefore + 1) + " missing across it"
                    : String.format(Locale.ROOT, "; sequence %d to %d missing across it", sequenceBefore + 1, sequenceAfter - 1);
            String after = !recovered() ? "; no record after it"
                    : String.format(Locale.ROOT, "; %,d record%s read after it", recordsAfter, recordsAfter == 1 ? "" : "s");
            return String.format(Locale.ROOT, "at byte %,d: %,d bytes skipped (%s)%s%s", offset, bytesSkipped, reason, lost, after);
        }
    }

    /** Some of the file between the header and the last record could not be read as records. */
    public boolean damaged() {
        return damagedRegions > 0;
    }

    /** Damage in one line, or "" when there is none. */
    public String damageSummary() {
        if (!damaged()) {
            return "";
        }
        if (version == 1) {
            Damage d = damage.getFirst();
            return String.format(Locale.ROOT, "damaged at byte %,d (%s): reading stopped there, %,d bytes not read "
                    + "(a version-1 log has no marks to find the next record by)", d.offset(), d.reason(), d.bytesSkipped());
        }
        return String.format(Locale.ROOT, "damaged: %,d region%s, %,d bytes skipped; %,d records read around %s", damagedRegions,
                damagedRegions == 1 ? "" : "s", bytesSkipped, records, damagedRegions == 1 ? "it" : "them");
    }

    /** The file ends with the start of a record: the writer stopped mid-record (a crash, a kill). Not damage. */
    public boolean endsInPartialRecord() {
        return partialRecordBytes > 0;
    }

    /** The partial record at the end, in one line, or "" when there is none. */
    public String partialRecordNote() {
        return endsInPartialRecord() ? String.format(Locale.ROOT, "ends in a partial record (the writer stopped mid-record): "
                + "its %,d bytes at byte %,d are ignored", partialRecordBytes, fileSize - partialRecordBytes) : "";
    }
}
