package org.neurorig.mop;

import java.util.List;
import org.neurorig.neuromop.EpochReport;
import org.neurorig.neuromop.Trajectory;

/**
 * What training and testing one network of one arm gave.
 *
 * @param keptEpoch  the epoch (0-based) whose weights were tested: the last, or with validation the one
 *                   whose weights lived longest in it
 * @param tests      test trajectories per context (index 0 when there is no context)
 * @param successors successors evaluated: every decision's (training and test)
 * @param seconds    wall time of training and testing
 * @param probe      what the arm's {@link Arm.Probe} measured on the trained network (empty: no probe)
 */
record NetworkResult(String arm, int network, List<EpochReport> epochs, int keptEpoch, List<List<Trajectory>> tests,
        long successors, double seconds, double[] probe) {

    /** All test trajectories, every context together. */
    List<Trajectory> allTests() {
        return tests.stream().flatMap(List::stream).toList();
    }
}
