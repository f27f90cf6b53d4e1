package org.neurorig.loop;

import org.neurorig.episode.Episodes;
import org.neurorig.episode.Task;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;

/**
 * The watchdog with fault-injecting devices, in invoker mode: each fault drives every device (the
 * healthy one too) to its safe state, commands stop, and the loop resumes only when re-armed.
 */
class WatchdogTest {

    static final long PERIOD = 1_000_000;

    final CachedNanoClock clock = new CachedNanoClock();
    final FaultyDevice sick = new FaultyDevice("sick", 2, 1, clock);
    final FaultyDevice healthy = new FaultyDevice("healthy", 1, 1, clock);
    final ScriptedController controller = new ScriptedController(3, 2, t -> 0.5);

    ControlLoop loop(WatchdogConfig watchdog) {
        clock.update(1_000_000_000L);
        ControlLoop loop = ControlLoop.builder().devices(sick, healthy).controller(controller)
                .limits(ActuatorLimits.symmetric(1), ActuatorLimits.symmetric(1)).periodNanos(PERIOD).clock(clock)
                .watchdog(watchdog).build();
        sick.activate();
        healthy.activate();
        return loop;
    }

    static void run(AgentInvoker invoker, CachedNanoClock clock, int ticks) {
        for (int t = 0; t < ticks; t++) {
            invoker.invoke();
            clock.advance(PERIOD);
        }
    }

    AgentInvoker start(ControlLoop loop) {
        AgentInvoker invoker = new AgentInvoker(Throwable::printStackTrace, null, loop);
        invoker.start();
        return invoker;
    }

    void assertTrippedAtRead(ControlLoop loop, int faultyRead, TripReason reason) {
        assertEquals(1, loop.trips(), "one trip");
        assertEquals(reason, loop.lastTripReason());
        assertEquals(1, sick.safeStates, "the faulty device is driven to its safe state once");
        assertEquals(1, healthy.safeStates, "and so is every other device");
        assertEquals(faultyRead, sick.writes.size(), "no command after the fault");
        assertEquals(faultyRead, healthy.writes.size(), "no command to the healthy device either");
    }

    @ParameterizedTest
    @EnumSource(value = DeviceStatus.class, names = {"FAULT", "DISCONNECTED", "INACTIVE"})
    void aFailedReadDrivesTheSafeState(DeviceStatus status) {
        ControlLoop loop = loop(WatchdogConfig.defaults(PERIOD));
        sick.inject(FaultyDevice.Fault.STATUS, 5, 1).status(status);
        run(start(loop), clock, 20);
        assertTrippedAtRead(loop, 5, status == DeviceStatus.DISCONNECTED ? TripReason.DISCONNECTED : TripReason.READ_FAULT);
        assertEquals(20, loop.ticks(), "the loop keeps ticking (reading, publishing) in the safe state");
    }

    @Test
    void aDeviceThatThrowsDrivesTheSafeStateAndTheLoopCarriesOn() {
        ControlLoop loop = loop(WatchdogConfig.defaults(PERIOD));
        sick.inject(FaultyDevice.Fault.THROW, 3, 1);
        run(start(loop), clock, 10);
        assertTrippedAtRead(loop, 3, TripReason.DEVICE_EXCEPTION);
        assertEquals(10, loop.ticks());
    }

    @Test
    void aDeviceThatStopsAnsweringTripsAfterTheToleratedStaleReads() {
        ControlLoop loop = loop(new WatchdogConfig(3, PERIOD, 2, 0));
        sick.inject(FaultyDevice.Fault.STATUS, 4, Long.MAX_VALUE).status(DeviceStatus.STALE);
        run(start(loop), clock, 20);
        // reads 4, 5, 6 are stale and tolerated (commands still go out), read 7 trips
        assertTrippedAtRead(loop, 7, TripReason.NO_FRESH_DATA);
    }

    @Test
    void staleReadsWithinTheToleranceDoNotTrip() {
        ControlLoop loop = loop(new WatchdogConfig(3, PERIOD, 2, 0));
        sick.inject(FaultyDevice.Fault.STATUS, 4, 3).status(DeviceStatus.STALE);
        run(start(loop), clock, 20);
        assertEquals(0, loop.trips());
        assertEquals(3, loop.readsNotOk());
        assertEquals(20, sick.writes.size());
    }

    @Test
    void aLateReplyTrips() {
        ControlLoop loop = loop(new WatchdogConfig(3, PERIOD / 2, 10, 0));
        sick.inject(FaultyDevice.Fault.LATE, 6, 1).late(PERIOD * 3 / 4);
        run(start(loop), clock, 12);
        assertTrippedAtRead(loop, 6, TripReason.LATE_REPLY);
    }

    @Test
    void stuckSensorValuesTripWhenTheCheckIsOnAndNotOtherwise() {
        ControlLoop loop = loop(WatchdogConfig.defaults(PERIOD).withStuckTicks(5));
        sick.inject(FaultyDevice.Fault.STUCK, 10, Long.MAX_VALUE);
        run(start(loop), clock, 30);
        // read 10 repeats read 9 (1 identical), ..., read 15 is the 6th identical sample
        assertTrippedAtRead(loop, 15, TripReason.STUCK_SENSOR);

        FaultyDevice other = new FaultyDevice("other", 2, 1, clock).inject(FaultyDevice.Fault.STUCK, 10, Long.MAX_VALUE);
        other.activate();
        ControlLoop unchecked = ControlLoop.builder().devices(other).controller(new ScriptedController(2, 1, t -> 0))
                .limits(ActuatorLimits.symmetric(1)).periodNanos(PERIOD).clock(clock).build();
        run(start(unchecked), clock, 30);
        assertEquals(0, unchecked.trips(), "with the check off, a steady sensor is fine");
    }

    @Test
    void aFailedWriteTrips() {
        ControlLoop loop = loop(WatchdogConfig.defaults(PERIOD));
        sick.inject(FaultyDevice.Fault.WRITE_STATUS, 4, 1).status(DeviceStatus.FAULT);
        run(start(loop), clock, 10);
        assertEquals(TripReason.WRITE_FAULT, loop.lastTripReason());
        assertEquals(1, healthy.safeStates);
        assertEquals(4, healthy.writes.size(), "the device after the failed one gets no command in that tick");
    }

    @Test
    void anUpdateOverrunningByMoreThanTheAllowedPeriodsTrips() {
        ControlLoop loop = loop(new WatchdogConfig(3, PERIOD, 2, 0));
        AgentInvoker invoker = start(loop);
        run(invoker, clock, 5);
        controller.duringUpdate = () -> clock.advance(PERIOD * 3 / 2); // 1.5 periods: an overrun, tolerated
        invoker.invoke();
        assertEquals(1, loop.overruns());
        assertEquals(0, loop.trips());
        clock.update(loop.nextDeadline());
        controller.duringUpdate = () -> clock.advance(PERIOD * 5 / 2); // 2.5 periods: more than 2
        invoker.invoke();
        assertEquals(1, loop.trips());
        assertEquals(TripReason.OVERRUN, loop.lastTripReason());
        assertEquals(1, sick.safeStates);
        assertEquals(1, healthy.safeStates);
    }

    @Test
    void aControllerThatThrowsTrips() {
        ControlLoop loop = loop(WatchdogConfig.defaults(PERIOD));
        AgentInvoker invoker = start(loop);
        run(invoker, clock, 3);
        controller.throwInUpdate = true;
        run(invoker, clock, 3);
        assertEquals(TripReason.CONTROLLER_EXCEPTION, loop.lastTripReason());
        assertEquals(3, sick.writes.size());
        assertEquals(4, controller.updates, "a tripped loop does not call the controller");
    }

    @Test
    void rearmingResumesCommandsRampingFromTheSafeValue() {
        clock.update(1_000_000_000L);
        ScriptedController c = new ScriptedController(3, 2, t -> 1.0);
        ControlLoop loop = ControlLoop.builder().devices(sick, healthy).controller(c)
                .limits(ActuatorLimits.symmetric(1).withSlew(400), ActuatorLimits.symmetric(1)) // 0.4 per tick
                .periodNanos(PERIOD).clock(clock).build();
        sick.activate();
        healthy.activate();
        sick.inject(FaultyDevice.Fault.STATUS, 5, 1).status(DeviceStatus.FAULT);
        AgentInvoker invoker = start(loop);
        run(invoker, clock, 8);
        assertEquals(5, sick.writes.size());
        assertEquals(1.0, sick.writes.get(4)[0], 1e-12, "ramped up to 1 before the fault");
        loop.rearm();
        run(invoker, clock, 3);
        assertEquals(8, sick.writes.size());
        assertArrayEquals(new double[] {0.4}, sick.writes.get(5), 1e-12, "after re-arming, the ramp starts again from 0");
        assertEquals(1, loop.trips());
    }

    @Test
    void aTripInTheMiddleOfAnEpisodeAbortsItAndRearmingStartsANewOne() {
        clock.update(1_000_000_000L);
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        FaultyDevice sensor = new FaultyDevice("sensor", 1, 0, clock).inject(FaultyDevice.Fault.STATUS, 7, 1)
                .status(DeviceStatus.FAULT);
        ScriptedController c = new ScriptedController(5, 1, t -> 0);
        SplittableRandom random = new SplittableRandom(1);
        ControlLoop loop = ControlLoop.builder().devices(plant, sensor).controller(c).limits(ActuatorLimits.symmetric(10))
                .periodNanos(PERIOD).clock(clock)
                .episodes(new Episodes(plant, Task.survival(), 0, s -> CartPole.drawInitialState(plant.parameters(), random, s)))
                .build();
        plant.activate();
        sensor.activate();
        AgentInvoker invoker = start(loop);
        run(invoker, clock, 10);
        assertEquals(java.util.List.of("aborted"), c.episodeEnds);
        assertEquals(6.0, c.endReturns.get(0), 0.0, "ticks 0-6 were commanded, the read of tick 7 failed: rewards for ticks 1-6");
        loop.rearm();
        run(invoker, clock, 2);
        assertEquals(1L, c.episodesSeen.get(c.episodesSeen.size() - 1), "a new episode after re-arming");
        assertEquals(0.0, c.rewardsSeen.get(c.rewardsSeen.size() - 2), 0.0, "its first update has no reward");
    }
}
