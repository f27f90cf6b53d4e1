package org.neurorig.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceStatus;

/** The latch alone: what a trip does to every device and the commands, and when a rearm is taken. */
class SafetyLatchTest {

    static final long PERIOD = 1_000_000;

    final CachedNanoClock clock = new CachedNanoClock();
    final FaultyDevice first = new FaultyDevice("first", 1, 1, clock);
    final FaultyDevice second = new FaultyDevice("second", 1, 1, clock);
    final LoopCounters counters = new LoopCounters();
    final CommandGuard guard = new CommandGuard(new ActuatorLimits[] {
        new ActuatorLimits(-1, 1, 1e9, 0.25), new ActuatorLimits(-1, 1, 1e9, 0.25), new ActuatorLimits(-1, 1, 1e9, -0.5)}, PERIOD);
    Watchdog watchdog;

    SafetyLatch latch(Device... devices) {
        watchdog = new Watchdog(new WatchdogConfig(1, PERIOD, 2, 0), PERIOD, devices);
        SafetyLatch latch = new SafetyLatch(devices, guard, watchdog, counters);
        DeviceIo io = new DeviceIo(devices, clock, watchdog, latch, counters);
        latch.aborts(new EpisodeDriver(null, new ScriptedController(3, 3, t -> 0), io, latch, guard, counters));
        return latch;
    }

    @Test
    void aTripDrivesEveryDevicesSafeStateEvenPastOneThatThrowsAndSetsTheCommandsSafe() {
        SafetyLatch latch = latch(new FaultyDevice("throwing", 1, 1, clock).safeStateThrows(), first, second);
        guard.apply(new double[] {1, -1, 1});
        assertFalse(latch.tripped());
        assertEquals(-1, latch.reasonCode());
        latch.trip(TripReason.WRITE_FAULT, 2);
        assertTrue(latch.tripped());
        assertEquals(TripReason.WRITE_FAULT.ordinal(), latch.reasonCode());
        assertEquals(2, latch.deviceCode());
        assertEquals(1, first.safeStates, "a device after one whose safeState threw still gets its own");
        assertEquals(1, second.safeStates);
        assertArrayEquals(new double[] {0.25, 0.25, -0.5}, guard.commands(), 0.0);
        assertEquals(1, counters.trips());
        assertEquals(TripReason.WRITE_FAULT, counters.lastTripReason());
    }

    @Test
    void aRearmIsTakenAtTheNextTickAfterItWasAskedAndTheWatchdogForgetsItsRuns() {
        SafetyLatch latch = latch(first);
        double[] values = new double[1];
        assertNull(watchdog.onRead(0, DeviceStatus.STALE, 0, values), "one stale read is tolerated");
        latch.trip(TripReason.DISCONNECTED, 0);
        latch.rearmIfRequested();
        assertTrue(latch.tripped(), "no rearm was asked");
        latch.requestRearm();
        assertTrue(latch.tripped(), "asked, but taken only at the start of a tick");
        latch.rearmIfRequested();
        assertFalse(latch.tripped());
        assertEquals(-1, latch.reasonCode());
        assertEquals(-1, latch.deviceCode());
        assertNull(watchdog.onRead(0, DeviceStatus.STALE, 0, values), "the stale run started again");
        latch.rearmIfRequested();
        assertFalse(latch.tripped());
        assertEquals(1, counters.trips(), "a rearm is no trip");
        assertEquals(TripReason.DISCONNECTED, counters.lastTripReason(), "the last reason stays for other threads");
    }
}
