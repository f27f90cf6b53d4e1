package org.neurorig.bridge;

import org.neurorig.device.DeviceStatus;
import org.neurorig.control.Controller;
import org.neurorig.control.Tick;

/**
 * The state feedback of {@link ClosedLoopTest#GAINS} as the loop's controller: on each fresh state (the
 * loop's read of the plant returned OK) it computes a new force and writes down what the state said, up
 * to {@code capacity} states; between states it holds its command, as a controller running faster than
 * its plant does. Allocates nothing.
 */
final class Feedback implements Controller {

    private final RecordingPlant plant;
    final int capacity;
    final int[] seqs;
    final int[] commandSeqs;
    final int[] outputs;
    final long[] times;
    final long[] arrivals;
    final double[][] truth;
    int states;
    private double command;

    Feedback(RecordingPlant plant, int capacity) {
        this.plant = plant;
        this.capacity = capacity;
        seqs = new int[capacity];
        commandSeqs = new int[capacity];
        outputs = new int[capacity];
        times = new long[capacity];
        arrivals = new long[capacity];
        truth = new double[capacity][4];
    }

    @Override
    public int sensorCount() {
        return 4;
    }

    @Override
    public int commandCount() {
        return 1;
    }

    @Override
    public void update(Tick tick, double[] sensors, double[] commands) {
        if (plant.lastRead == DeviceStatus.OK) {
            StateSample s = plant.firmware.lastSample();
            if (states < capacity) {
                int t = states;
                seqs[t] = s.seq;
                commandSeqs[t] = s.commandSeq;
                outputs[t] = s.outputs[0];
                times[t] = s.timeMicros;
                arrivals[t] = tick.wakeNanos();
                for (int i = 0; i < 4; i++) {
                    truth[t][i] = s.truth[i];
                }
            }
            states++;
            command = ClosedLoopTest.control(sensors);
        }
        commands[0] = command;
    }

    /** Whether {@code capacity} states have been recorded. */
    boolean full() {
        return states >= capacity;
    }
}
