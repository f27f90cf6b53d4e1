package org.neurorig.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurorig.experiment.StudentTeacher.Method;
import org.neurorig.experiment.StudentTeacher.Size;

class StudentTeacherTest {

    /** At the rate that is optimal for Gaussian inputs, 1/(N+2), the gradient needs about ln(100) (N+2) trials. */
    @Test
    void theGradientLearnsAtTheRateTheoryGivesIt() {
        StudentTeacher task = new StudentTeacher(Method.GRADIENT, new Size(20, 3, 1), 0.01);
        double sum = 0;
        for (long seed = 1; seed <= 5; seed++) {
            long trials = task.trialsToCriterion(1.0 / 22, seed, 100_000);
            assertTrue(trials > 0, "converged");
            sum += trials;
        }
        assertEquals(Math.log(100) * 22, sum / 5, 0.2 * Math.log(100) * 22, "mean trials to 1%");
    }

    @Test
    void tooLargeARateDivergesAndTooSmallOneRunsOutOfTrials() {
        StudentTeacher np = new StudentTeacher(Method.NODE, new Size(10, 2, 1), 0.01);
        assertEquals(StudentTeacher.DIVERGED_RUN, np.trialsToCriterion(2.0, 1, 100_000));
        assertEquals(StudentTeacher.TOO_SLOW, np.trialsToCriterion(1e-6, 1, 1_000));
    }

    @Test
    void failedSeedsRankAboveEverySuccessInTheMedian() {
        assertEquals(20.0, LearningScaling.median(new long[] {10, 20, -1}));
        assertEquals(Double.POSITIVE_INFINITY, LearningScaling.median(new long[] {10, -1, -2}));
        assertEquals(15.0, LearningScaling.median(new long[] {10, 20}));
    }
}
