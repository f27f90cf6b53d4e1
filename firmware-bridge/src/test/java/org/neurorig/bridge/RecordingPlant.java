package org.neurorig.bridge;

import org.neurorig.device.DeviceStatus;
import org.neurorig.plant.nonideal.PlantDecorator;

/**
 * A firmware plant as the loop drives it, with what the loop's calls returned written down: the last
 * read and write statuses, fresh reads and accepted writes counted, and the Q15 value sent under each
 * command frame's sequence number (a state echoes the number of the command it applied), and which
 * numbers were commands.
 */
final class RecordingPlant extends PlantDecorator {

    final FirmwarePlant firmware;
    final short[] sentBySeq = new short[65536];
    final boolean[] commandSeqs = new boolean[65536];
    DeviceStatus lastRead;
    DeviceStatus lastWrite;
    long freshReads;
    long writes;
    long writesOk;

    RecordingPlant(FirmwarePlant firmware) {
        super(firmware);
        this.firmware = firmware;
    }

    @Override
    public DeviceStatus read(long nowNanos, double[] sensors) {
        lastRead = super.read(nowNanos, sensors);
        if (lastRead == DeviceStatus.OK) {
            freshReads++;
        }
        return lastRead;
    }

    @Override
    public DeviceStatus write(long nowNanos, double[] commands) {
        lastWrite = super.write(nowNanos, commands);
        writes++;
        if (lastWrite == DeviceStatus.OK) {
            writesOk++;
            sentBySeq[firmware.lastCommandSeq()] = FirmwarePlant.toQ15(commands[0], 10.0);
            commandSeqs[firmware.lastCommandSeq()] = true;
        }
        return lastWrite;
    }

    boolean down() {
        return lastRead == DeviceStatus.DISCONNECTED || lastWrite == DeviceStatus.DISCONNECTED;
    }
}
