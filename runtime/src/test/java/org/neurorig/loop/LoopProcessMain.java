package org.neurorig.loop;

import java.io.PrintStream;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceStatus;
import org.neurorig.os.RealTimeSettings;

/**
 * A loop in a process of its own, for tests that need one: signals (SIGTERM, SIGINT) and a process
 * without real-time privileges. Prints what happens on stdout, one line per event.
 * <ul>
 *   <li>{@code shutdown}: runs until killed; prints "ready" after 20 ticks and "safe-state" when the
 *       device is driven to its safe state;</li>
 *   <li>{@code realtime}: asks for SCHED_FIFO 80, CPU 0 and mlockall (not required), prints the report,
 *       runs 50 ticks and prints "ticks=50".</li>
 * </ul>
 */
public final class LoopProcessMain {

    private LoopProcessMain() {
    }

    /** A device that prints its safe state, so the parent sees it happen. */
    static final class PrintingDevice implements Device {
        private final PrintStream out;
        volatile long writes;

        PrintingDevice(PrintStream out) {
            this.out = out;
        }

        public String name() {
            return "printing";
        }

        public int sensorCount() {
            return 1;
        }

        public int actuatorCount() {
            return 1;
        }

        public void configure() {
        }

        public void activate() {
        }

        public DeviceStatus read(long nowNanos, double[] sensors) {
            sensors[0] = 0;
            return DeviceStatus.OK;
        }

        public DeviceStatus write(long nowNanos, double[] commands) {
            writes++;
            return DeviceStatus.OK;
        }

        public void safeState() {
            out.println("safe-state");
            out.flush();
        }

        public void deactivate() {
        }

        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        PrintingDevice device = new PrintingDevice(out);
        ControlLoopBuilder b = ControlLoop.builder().devices(device).controller(new ScriptedController(1, 1, t -> 0))
                .limits(ActuatorLimits.symmetric(1)).periodNanos(1_000_000);
        if (args[0].equals("realtime")) {
            ControlLoop loop = b.maxTicks(50).build();
            LoopThread.RealTime realTime = new LoopThread.RealTime(new RealTimeSettings(80, 0, true), false,
                    report -> out.println(report.render()));
            try (LoopThread thread = LoopThread.start(loop, WaitMode.SLEEP, 0, realTime, System.err)) {
                thread.awaitFinish(10_000);
                out.println("ticks=" + loop.ticks());
            }
            return;
        }
        ControlLoop loop = b.build();
        LoopThread.start(loop, WaitMode.SLEEP, 0, System.err);
        long until = System.nanoTime() + 20_000_000_000L;
        while (device.writes < 20 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        if (device.writes < 20) {
            out.println("no writes: ticks " + loop.ticks() + ", trips " + loop.trips() + " " + loop.lastTripReason());
            System.exit(3);
        }
        out.println("ready");
        out.flush();
        Thread.currentThread().join(); // until a signal ends the process
    }
}
