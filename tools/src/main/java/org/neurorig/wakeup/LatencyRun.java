package org.neurorig.wakeup;

import com.sun.management.ThreadMXBean;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.neurorig.device.DeviceException;
import org.neurorig.latency.LatencyLog;
import org.neurorig.latency.LatencySeries;
import org.neurorig.latency.LatencySummary;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.NodePerturbation;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.Timing;
import org.neurorig.learning.WeightGroup;
import org.neurorig.loop.ActuatorLimits;
import org.neurorig.loop.ControlLoop;
import org.neurorig.control.ChannelScaling;
import org.neurorig.loop.ControlLoopBuilder;
import org.neurorig.control.Controller;
import org.neurorig.episode.Episodes;
import org.neurorig.control.LearningController;
import org.neurorig.loop.LoopThread;
import org.neurorig.control.NetworkController;
import org.neurorig.episode.Task;
import org.neurorig.control.Tick;
import org.neurorig.loop.WaitMode;
import org.neurorig.loop.WatchdogConfig;
import org.neurorig.network.NetworkConfig;
import org.neurorig.network.RateNetwork;
import org.neurorig.os.MonotonicClock;
import org.neurorig.os.RealTimeReport;
import org.neurorig.os.RealTimeSettings;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.telemetry.TelemetryWriter;

/**
 * One latency run of the real loop: Gymnasium's cart-pole in this process, driven at a fixed rate by a
 * network controller (or none), on its own thread with the requested real-time settings, latencies
 * recorded per phase and logged once a second. A warm-up (JIT, class loading) is run first and left
 * out of every figure. GC and the loop thread's allocations are counted over the measured part.
 */
public final class LatencyRun {

    /**
     * @param periodNanos  the loop period
     * @param warmupNanos  run before measuring, not counted
     * @param networkUnits N of the controller's network; 0 for a loop with no controller work
     * @param learning     the timing of online node perturbation in the tick, or null for none
     * @param hlog         HdrHistogram interval log to write, or null
     * @param telemetry    telemetry log to write, or null for none
     */
    public record Options(long periodNanos, long durationNanos, long warmupNanos, RealTimeSettings realTime, WaitMode waitMode,
            long spinNanos, int networkUnits, Timing learning, Path hlog, Path telemetry) {
    }

    /** What a run measured. Counts are over the measured part only. */
    public record Outcome(Map<LatencySeries, Histogram> histograms, long ticks, long overruns, long skippedPeriods, long trips,
            long gcCount, long gcMillis, String gcNames, long loopAllocatedBytes, RealTimeReport realTime,
            long telemetryDropped, long telemetryMissing) {

        public LatencySummary summary(LatencySeries s) {
            return LatencySummary.of(histograms.get(s));
        }
    }

    private LatencyRun() {
    }

    /**
     * The same loop, with the same classes, run as fast as it goes on this thread with an injected clock:
     * at 1 kHz the JIT would need tens of seconds to compile the tick (C2 compiles after ~10,000 calls),
     * and until then the vector kernels run in C1 code that boxes vectors (kilobytes per tick, then a GC).
     */
    static void warmUpUnpaced(Options o) throws DeviceException {
        org.neurorig.kernel.KernelWarmUp.ensure(org.neurorig.kernel.Kernels.best()); // every kernel, every branch, compiled
        // every clock read moves time on a little, so phases and wake-ups have varied, non-zero
        // durations as in the real run: a branch the JIT never saw taken (HdrHistogram's min/max
        // update, for one) would deoptimize on the loop thread later, inside the measured window
        long[] now = {1_000_000_000L};
        org.agrona.concurrent.NanoClock clock = () -> now[0] += 37;
        ControlLoop loop = build(o, clock);
        loop.activateDevices();
        TelemetryWriter drain = null;
        try {
            drain = loop.telemetry() == null ? null : new TelemetryWriter(loop.telemetry().ring(), loop.telemetry().layout(), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // interval histograms are taken during the warm-up too, so the recorders' phase flip is a path the JIT knows
        LatencyLog intervals = new LatencyLog(loop.latency(), null, clock, 1, 0);
        org.agrona.concurrent.AgentInvoker invoker = new org.agrona.concurrent.AgentInvoker(t -> { }, null, loop);
        invoker.start();
        for (int t = 0; t < WARMUP_TICKS; t++) {
            invoker.invoke();
            now[0] = loop.nextDeadline() + (t * 7919L) % 20_000; // woken 0 to 20 us late
            if ((t & 255) == 0) {
                intervals.doWork();
                if (drain != null) {
                    drain.doWork();
                }
            }
        }
        invoker.close();
        loop.closeDevices();
        // and the OS clock's downcalls, which the injected clock above stood in for (a deadline in the
        // past: clock_nanosleep returns at once)
        MonotonicClock os = new MonotonicClock();
        for (int t = 0; t < WARMUP_TICKS; t++) {
            os.sleepUntil(os.nanoTime() - 1);
        }
    }

    /** Ticks run unpaced before the real run. */
    static final int WARMUP_TICKS = 30_000;

    private static ControlLoop build(Options o, org.agrona.concurrent.NanoClock clock) {
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.gym(), CartPolePlant.ForceMode.CONTINUOUS);
        SplittableRandom random = new SplittableRandom(1);
        ControlLoopBuilder b = ControlLoop.builder().devices(plant).controller(controller(o.networkUnits(), o.learning()))
                .limits(ActuatorLimits.symmetric(10)).periodNanos(o.periodNanos()).latency(true)
                .latencyWindow(o.warmupNanos() / o.periodNanos(), (o.warmupNanos() + o.durationNanos()) / o.periodNanos())
                .episodes(new Episodes(plant, Task.survival(), 500, s -> CartPole.drawInitialState(plant.parameters(), random, s)))
                // a latency run measures stalls instead of stopping at them: only a 1 s overrun trips
                .watchdog(new WatchdogConfig(3, o.periodNanos() * 100, (int) Math.max(2, 1_000_000_000L / o.periodNanos()), 0, 0));
        if (clock != null) {
            b.clock(clock);
        }
        if (o.telemetry() != null) {
            b.telemetry(1 << 22, 16, 10);
        }
        return b.build();
    }

    /** A controller that does nothing: the bare loop, as cyclictest's. */
    private static final class Idle implements Controller {
        public int sensorCount() {
            return 4;
        }

        public int commandCount() {
            return 1;
        }

        public void update(Tick tick, double[] sensors, double[] commands) {
            commands[0] = 0;
        }
    }

    static Controller controller(int units, Timing learning) {
        if (units == 0) {
            return new Idle();
        }
        RateNetwork network = new RateNetwork(NetworkConfig.of(units).withInputs(4).withOutputs(1).withSeed(1));
        SplittableRandom w = new SplittableRandom(2);
        for (int i = 0; i < network.readoutWeights().length; i++) {
            network.readoutWeights()[i] = (float) (w.nextGaussian() / Math.sqrt(units));
        }
        ChannelScaling scaling = ChannelScaling.gains(new double[] {1, 1, 10, 1}, new double[] {10});
        if (learning == null) {
            return new NetworkController(network, scaling);
        }
        // the rate is tiny: this measures the cost of learning in the tick, not what it learns
        NodePerturbation np = NodePerturbation.forNetwork(network, EnumSet.of(WeightGroup.READOUT, WeightGroup.RECURRENT),
                learning, RewardBaseline.running(0.9f), new LearningControls(1e-7f, 0.01f), 3);
        return new LearningController(network, np, scaling);
    }

    /**
     * Runs the loop; {@code status} gets one line per second, {@code warnings} what goes wrong on the
     * way. Throws IllegalStateException with one line when a setting is refused.
     */
    public static Outcome run(Options o, PrintStream warnings, Consumer<String> status)
            throws IOException, InterruptedException, DeviceException {
        warmUpUnpaced(o);
        // The unpaced warm-up leaves a few hundred MB of garbage (Vector API code boxes vectors until C2
        // has compiled it). Collected now, before the loop thread exists, the measured window starts with
        // an empty young generation that the other threads' ~0.3 MB/s cannot fill in minutes; otherwise
        // its first collection could land in the window and stop the loop for tens of milliseconds.
        System.gc();
        ControlLoop loop = build(o, null);
        loop.activateDevices();
        AgentRunner writerRunner = null;
        TelemetryWriter writer = null;
        if (o.telemetry() != null) {
            writer = new TelemetryWriter(loop.telemetry().ring(), loop.telemetry().layout(), o.telemetry());
            writerRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), t -> warnings.println("telemetry: " + t), null, writer);
            AgentRunner.startOnThread(writerRunner);
        }
        MonotonicClock clock = new MonotonicClock();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        LoopThread thread = LoopThread.start(loop, o.waitMode(), o.spinNanos(), new LoopThread.RealTime(o.realTime(), true, null),
                warnings);
        OutputStream hlogOut = null;
        try {
            long warmupTicks = o.warmupNanos() / o.periodNanos();
            long endTick = (o.warmupNanos() + o.durationNanos()) / o.periodNanos();
            while (loop.ticks() < warmupTicks) {
                Thread.sleep(1);
            }
            // latencies are recorded for ticks [warmupTicks, endTick) exactly (ControlLoop's latency window);
            // the counters and the allocation are read here, at most a few ticks off
            hlogOut = o.hlog() == null ? null : new BufferedOutputStream(Files.newOutputStream(o.hlog()));
            LatencyLog log = new LatencyLog(loop.latency(), hlogOut, clock, 1_000_000_000L, System.currentTimeMillis());
            long overruns0 = loop.overruns();
            long skipped0 = loop.skippedPeriods();
            long trips0 = loop.trips();
            long ticks0 = loop.ticks();
            long[] gc0 = gc();
            long alloc0 = threads.getThreadAllocatedBytes(thread.thread().threadId());
            long start = clock.nanoTime();
            long nextReport = start + 1_000_000_000L;
            while (loop.ticks() < endTick) {
                Thread.sleep(Math.max(1, Math.min(100, (endTick - loop.ticks()) * o.periodNanos() / 1_000_000)));
                log.doWork();
                if (clock.nanoTime() >= nextReport) {
                    LatencySummary w = LatencySummary.of(log.total(LatencySeries.WAKE_UP));
                    status.accept(String.format(java.util.Locale.ROOT, "%3.0f s: %d ticks, wake-up max so far %.1f us, overruns %d",
                            (clock.nanoTime() - start) / 1e9, loop.ticks() - ticks0, w.max() / 1e3, loop.overruns() - overruns0));
                    nextReport += 1_000_000_000L;
                }
            }
            log.onClose();
            long alloc1 = threads.getThreadAllocatedBytes(thread.thread().threadId());
            long[] gc1 = gc();
            long ticks = loop.ticks() - ticks0;
            long overruns = loop.overruns() - overruns0;
            long skipped = loop.skippedPeriods() - skipped0;
            long trips = loop.trips() - trips0;
            thread.close();
            if (writerRunner != null) {
                writerRunner.close();
            }
            Map<LatencySeries, Histogram> hist = new EnumMap<>(LatencySeries.class);
            for (LatencySeries s : LatencySeries.values()) {
                hist.put(s, log.total(s));
            }
            return new Outcome(hist, ticks, overruns, skipped, trips, gc1[0] - gc0[0], gc1[1] - gc0[1], gcNames(),
                    alloc1 - alloc0, thread.realTimeReport(), loop.telemetry() == null ? 0 : loop.telemetry().dropped(),
                    writer == null ? 0 : writer.missing());
        } finally {
            thread.close();
            if (writerRunner != null) {
                writerRunner.close();
            }
            if (hlogOut != null) {
                hlogOut.close();
            }
            loop.closeDevices();
        }
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, g.getCollectionCount());
            millis += Math.max(0, g.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static String gcNames() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }
}
