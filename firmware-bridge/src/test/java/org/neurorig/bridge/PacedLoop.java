package org.neurorig.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.AgentInvoker;
import org.neurorig.device.Plant;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.ControlLoop;
import org.neurorig.control.Controller;
import org.neurorig.loop.WatchdogConfig;

/**
 * The runtime's {@link ControlLoop} driving a firmware plant, run in invoker mode on the test's thread
 * and paced to its deadlines in real time (the firmware keeps its own time), so a test can change the
 * world between ticks (kill the emulator, damage bytes) and count exactly what the loop did. The loop's
 * clock is System.nanoTime, the clock the link stamps its states with.
 */
final class PacedLoop implements AutoCloseable {

    final ControlLoop loop;
    private final AgentInvoker invoker;
    final List<Throwable> errors = new ArrayList<>();

    /**
     * A loop over {@code plant} at {@code periodNanos}, force limited to +-10 N. The watchdog tolerates
     * {@code staleTicks} ticks without a fresh state (the emulator is sometimes starved of CPU here) and
     * calls any device or tick later than a second late; a lost link or a fault trips it at once.
     */
    PacedLoop(Plant plant, Controller controller, long periodNanos, int staleTicks) throws Exception {
        loop = ControlLoop.builder().devices(plant).controller(controller).limits(ActuatorLimits.symmetric(10))
                .periodNanos(periodNanos).clock(System::nanoTime)
                .watchdog(new WatchdogConfig(staleTicks, 1_000_000_000L, (int) Math.max(2, 1_000_000_000L / periodNanos), 0))
                .build();
        loop.activateDevices();
        invoker = new AgentInvoker(errors::add, null, loop);
        invoker.start();
    }

    /** Runs {@code n} ticks, each at its deadline. */
    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** Runs ticks until {@code done} holds after one, at most {@code max}; returns the ticks run. */
    int ticksUntil(BooleanSupplier done, int max) {
        for (int i = 1; i <= max; i++) {
            tick();
            if (done.getAsBoolean()) {
                return i;
            }
        }
        return max + 1;
    }

    private void tick() {
        long wait;
        while ((wait = loop.nextDeadline() - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        invoker.invoke();
    }

    /** Stops the loop: the plant to its safe state and deactivated. */
    @Override
    public void close() {
        invoker.close();
    }
}
