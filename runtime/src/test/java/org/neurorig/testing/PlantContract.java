package org.neurorig.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;

/**
 * What {@link Plant}'s Javadoc promises on top of {@link DeviceContract}'s: an episode starts from the
 * state the caller gives (or, on a real rig that cannot be put into a state, where it stands, its true
 * state being what its sensors say); the true state has {@code stateSize} values; the plant's own rule
 * ends an episode and a reset starts a fresh one; an in-process plant steps once per write and never
 * between writes.
 */
public abstract class PlantContract extends DeviceContract {

    /** Whether a reset puts the plant into the given state (a simulation, an emulator); a real rig does not. */
    protected boolean resetsIntoAState() {
        return true;
    }

    /** Whether the plant advances one {@code dt} on each write and not otherwise (a plant in this process). */
    protected boolean lockstep() {
        return false;
    }

    /** A state the plant's own rule calls terminal, or null when it has none a reset can reach. */
    protected double[] terminalState() {
        return null;
    }

    /** The plant under test. */
    protected final Plant plant() {
        return (Plant) device();
    }

    /**
     * A state inside every rule's limits whose values are exact in float32 (a firmware integrates in
     * float32): small binary fractions of alternating sign. A plant on a clock of its own may have run a
     * tick before its first state is read: it gives a state its physics leaves where it is.
     */
    protected double[] someState() {
        double[] s = new double[plant().stateSize()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i + 1) * 0.03125 * ((i & 1) == 0 ? 1 : -1);
        }
        return s;
    }

    private double[] rest;

    @Override
    protected void beforeTicks() {
        if (rest == null) {
            rest = new double[plant().stateSize()];
        }
        plant().reset(rest);
    }

    /** As the loop's episodes do: a fallen pole is set up again, so ticks stay on the path the loop runs. */
    @Override
    protected void afterTick() {
        if (plant().terminated()) {
            plant().reset(rest);
        }
    }

    @Test
    void theTrueStateHasStateSizeValuesAndNoMore() {
        plant().activate();
        assertEquals(DeviceStatus.OK, plant().reset(new double[plant().stateSize()]));
        awaitRead(new double[plant().sensorCount()]);
        double[] truth = new double[plant().stateSize() + 2];
        Arrays.fill(truth, UNTOUCHED);
        plant().trueState(truth);
        for (int i = 0; i < plant().stateSize(); i++) {
            assertTrue(Double.isFinite(truth[i]) && truth[i] != UNTOUCHED, "true state " + i + ": " + truth[i]);
        }
        assertEquals(UNTOUCHED, truth[plant().stateSize()], "written past stateSize()");
        assertEquals(UNTOUCHED, truth[plant().stateSize() + 1], "written past stateSize()");
        assertTrue(plant().dt() > 0 && Double.isFinite(plant().dt()), "dt " + plant().dt());
    }

    @Test
    void anEpisodeStartsFromTheGivenStateOrWhereARealRigStands() {
        plant().activate();
        double[] s0 = someState();
        assertEquals(DeviceStatus.OK, plant().reset(s0));
        double[] sensors = new double[plant().sensorCount()];
        assertEquals(DeviceStatus.OK, awaitRead(sensors), "the episode's first state");
        double[] truth = new double[plant().stateSize()];
        plant().trueState(truth);
        if (resetsIntoAState()) {
            assertArrayEquals(s0, truth, 0.0, "the true state after reset");
            assertFalse(plant().terminated(), "terminated at the start of an episode");
        } else {
            assertArrayEquals(Arrays.copyOf(sensors, truth.length), truth, 0.0, "a real rig's true state is its sensors");
        }
    }

    @Test
    void thePlantsOwnRuleEndsAnEpisodeAndAResetStartsAFreshOne() {
        double[] terminal = terminalState();
        assumeTrue(terminal != null && resetsIntoAState(), "no terminal state a reset can reach");
        plant().activate();
        assertEquals(DeviceStatus.OK, plant().reset(terminal));
        awaitRead(new double[plant().sensorCount()]);
        assertTrue(plant().terminated(), "terminated in " + Arrays.toString(terminal));
        assertEquals(DeviceStatus.OK, plant().reset(someState()));
        awaitRead(new double[plant().sensorCount()]);
        assertFalse(plant().terminated(), "still terminated after a reset");
    }

    @Test
    void inLockstepEachWriteIsOneStepAndNothingMovesBetweenWrites() {
        assumeTrue(lockstep(), "on a clock of its own");
        plant().activate();
        plant().reset(someState());
        double[] before = new double[plant().stateSize()];
        double[] after = new double[plant().stateSize()];
        plant().trueState(before);
        double[] sensors = new double[plant().sensorCount()];
        for (int i = 0; i < 5; i++) {
            plant().read(nowNanos(), sensors);
        }
        plant().trueState(after);
        assertArrayEquals(before, after, 0.0, "reads moved the plant");
        assertEquals(DeviceStatus.OK, plant().write(nowNanos(), command()));
        plant().trueState(after);
        assertFalse(Arrays.equals(before, after), "a write did not step the plant");
        plant().deactivate();
        plant().trueState(before);
        plant().write(nowNanos(), command());
        plant().trueState(after);
        assertArrayEquals(before, after, 0.0, "a refused write stepped the plant");
    }
}
