package org.neurorig.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The loop on its own thread, in each wait mode: 200 ticks at 1 kHz, then the devices end in their safe state. */
class LoopThreadTest {

    @ParameterizedTest
    @EnumSource(WaitMode.class)
    @Timeout(30)
    void eachWaitModeKeepsTheDeadlinesAndStopsInTheSafeState(WaitMode mode) throws Exception {
        FaultyDevice dev = new FaultyDevice("dev", 1, 1, new CachedNanoClock());
        ControlLoop loop = ControlLoop.builder().devices(dev).controller(new ScriptedController(1, 1, t -> 0.5))
                .limits(ActuatorLimits.symmetric(1)).periodNanos(1_000_000).maxTicks(200).latency(true).build();
        loop.activateDevices();
        long start = System.nanoTime();
        try (LoopThread thread = LoopThread.start(loop, mode, 100_000, System.err)) {
            assertTrue(thread.awaitFinish(20_000));
        }
        long elapsed = System.nanoTime() - start;
        assertEquals(200, loop.ticks());
        assertEquals(200, dev.writes.size());
        assertTrue(elapsed >= 199_000_000L, "200 ticks at 1 kHz cannot take less than 199 ms: " + elapsed / 1e6 + " ms");
        assertTrue(dev.safeStates >= 1, "stopping drives the safe state");
        assertEquals(1, dev.deactivations);
    }

    @Test
    void aLoopWithAnInjectedClockCannotRunOnAThread() {
        FaultyDevice dev = new FaultyDevice("dev", 1, 1, new CachedNanoClock());
        ControlLoop loop = ControlLoop.builder().devices(dev).controller(new ScriptedController(1, 1, t -> 0))
                .limits(ActuatorLimits.symmetric(1)).periodNanos(1_000_000).clock(new CachedNanoClock()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoopThread.start(loop, WaitMode.SLEEP, 0, System.err));
        assertTrue(e.getMessage().contains("drive it with an AgentInvoker"), e.getMessage());
    }
}
