package org.neurorig.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.neurorig.device.Device;
import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.telemetry.TickRecord;

/**
 * The episode driver alone, stepped through the phases of a tick by hand: reward before the end, the
 * reset and second read at an end, the abort at a trip, and the hold until an episode begins.
 */
class EpisodeDriverTest {

    static final long PERIOD = 20_000_000;

    final CachedNanoClock clock = new CachedNanoClock();
    final CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
    final Device[] devices = {plant};
    final LoopCounters counters = new LoopCounters();
    final CommandGuard guard = new CommandGuard(new ActuatorLimits[] {ActuatorLimits.symmetric(10)}, PERIOD);
    final Watchdog watchdog = new Watchdog(WatchdogConfig.defaults(PERIOD), PERIOD, devices);
    final SafetyLatch latch = new SafetyLatch(devices, guard, watchdog, counters);
    final DeviceIo io = new DeviceIo(devices, clock, watchdog, latch, counters);
    final ScriptedController controller = new ScriptedController(4, 1, t -> 0);
    int starts;

    /** Episodes of one commanded tick each; episode k starts at x = 0.01 * (k + 1). */
    EpisodeDriver driver(Episodes.StartGate gate) {
        Episodes episodes = new Episodes(plant, Task.survival(), 1, s -> {
            java.util.Arrays.fill(s, 0.0);
            s[CartPole.X] = 0.01 * ++starts;
        });
        EpisodeDriver driver = new EpisodeDriver(gate == null ? episodes : episodes.startingWhen(gate), controller, io,
                latch, guard, counters);
        latch.aborts(driver);
        plant.activate();
        return driver;
    }

    /** The phases of a tick up to the update: begin, reset if due, read, reward and end. */
    int readPhase(EpisodeDriver driver, long index) {
        driver.beginTick(index, index * PERIOD, index * PERIOD, PERIOD);
        driver.resetIfDue();
        int flags = io.readAll(index * PERIOD);
        return flags | driver.afterRead(index * PERIOD);
    }

    void writePhase(EpisodeDriver driver) {
        io.writeAll(0, guard.commands());
        driver.commanded();
    }

    @Test
    void anEndIsRewardedThenThePlantIsResetAndReadAgainWithinTheSameTick() {
        EpisodeDriver driver = driver(null);
        assertEquals(0, readPhase(driver, 0), "the episode's first tick: no reward, no end");
        assertEquals(0.01, io.sensors()[CartPole.X], 0.0);
        assertTrue(driver.begun());
        writePhase(driver);
        assertEquals(1, driver.tick().episodeTick());

        int flags = readPhase(driver, 1);
        assertEquals(TickRecord.FLAG_EPISODE_END | TickRecord.FLAG_TRUNCATED, flags);
        assertEquals(List.of("truncated"), controller.episodeEnds);
        assertEquals(List.of(1.0), controller.endRewards, "the ending tick is rewarded before the controller hears of the end");
        assertEquals(List.of(1.0), controller.endReturns);
        assertEquals(0.02, io.sensors()[CartPole.X], 0.0, "read again after the reset: the next episode's first state");
        assertEquals(1, driver.tick().episode());
        assertEquals(0, driver.tick().episodeTick());
        assertEquals(1.0, driver.recordReward(), 0.0, "the record keeps the ending tick's reward");
        assertEquals(1.0, driver.recordReturn(), 0.0, "and the ended episode's return");
        assertEquals(1, counters.episodesEnded());
    }

    @Test
    void aTripAbortsTheEpisodeInProgressAndItsResetWaitsForTheRearm() {
        EpisodeDriver driver = driver(null);
        readPhase(driver, 0);
        driver.begun();
        writePhase(driver);
        latch.trip(TripReason.OVERRUN, -1);
        assertEquals(List.of("aborted"), controller.episodeEnds);
        assertEquals(1, counters.episodesEnded());

        readPhase(driver, 1);
        assertEquals(0, driver.tick().episode(), "no reset while tripped");
        assertEquals(0.0, driver.recordReward(), 0.0, "no reward while tripped");
        latch.requestRearm();
        latch.rearmIfRequested();
        readPhase(driver, 2);
        assertEquals(1, driver.tick().episode(), "reset once re-armed");
        assertEquals(0.02, io.sensors()[CartPole.X], 0.0);
        assertEquals(1, controller.episodeEnds.size(), "an aborted episode ends once");
    }

    @Test
    void anEpisodeBeginsWhenTheGateSaysSoAndTicksHeldBeforeDoNotCount() {
        boolean[] open = {false};
        EpisodeDriver driver = driver(s -> open[0]);
        readPhase(driver, 0);
        assertFalse(driver.begun());
        assertTrue(driver.awaitingStartPublished(), "other threads see the loop waiting");
        writePhase(driver);
        assertEquals(0, driver.tick().episodeTick(), "a held tick is not one of the episode's");
        open[0] = true;
        readPhase(driver, 1);
        assertTrue(driver.begun());
        assertFalse(driver.awaitingStart());
        assertFalse(driver.awaitingStartPublished());
        writePhase(driver);
        assertEquals(1, driver.tick().episodeTick());
    }
}
