package org.neurorig.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.neurorig.latency.LatencyLog;
import org.neurorig.latency.LatencySeries;
import org.neurorig.learning.LearningControls;
import org.neurorig.loop.ControlLoop;
import org.neurorig.control.LearningController;
import org.neurorig.loop.TripReason;
import org.neurorig.os.MonotonicClock;
import org.neurorig.rig.EpisodeHistory;
import org.neurorig.rig.Rig;
import org.neurorig.rig.RigException;

/**
 * Runs an assembled rig until it has learned, its episodes are done, its time is up, or it is asked
 * to stop: on its
 * real-time loop thread (the main thread watches, shows progress and keeps the latency log), or, for
 * a simulated rig, stepped on this thread as fast as it computes. Ends with the rig stopped: every
 * actuator at its safe value, telemetry flushed.
 *
 * <p>A watchdog trip drives the safe state (the loop does that itself); on a simulated or emulated
 * rig the run re-arms and goes on (the episode is void), on real hardware it stops, for the operator
 * to look at the rig.
 */
public final class RigRun {

    /** Why a run stopped. */
    public enum StopReason {
        LEARNED("it has learned"),
        EPISODES("the episodes asked for have run"),
        DURATION("its time is up"),
        INTERRUPTED("stopped by Ctrl-C (or a termination signal)"),
        WATCHDOG("the watchdog tripped on real hardware; actuators are at their safe values");

        private final String text;

        StopReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * How a run went.
     *
     * @param reason           why it stopped
     * @param detail           more about it (the trip's reason), or empty
     * @param episodes         episodes ended in this run
     * @param ticks            ticks run
     * @param overruns         ticks that missed their deadline
     * @param trips            watchdog trips
     * @param telemetryDropped telemetry records the loop dropped because the ring was full
     * @param wakeNanos        wake-up latency after the warm-up, or null when not measured (fast mode, or a run
     *                         that ended during its warm-up)
     * @param warmupOverruns   overruns during the warm-up (included in {@code overruns})
     * @param seconds          wall time
     */
    public record Outcome(StopReason reason, String detail, long episodes, long ticks, long overruns, long trips,
            long telemetryDropped, Histogram wakeNanos, long warmupOverruns, double seconds) {
    }

    /**
     * The first ticks of a JVM load classes and run interpreted: their latency is in the interval log
     * but not in the run's latency figures. The same grace the rig's watchdog gives timing.
     */
    public static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SHOW_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int STEPS_BETWEEN_CHECKS = 256;

    private final Rig rig;
    private final long episodes;
    private final int learnedAfter;
    private final long durationNanos;
    private final ProgressLine progress;
    private final AtomicBoolean stopRequested;
    private final MonotonicClock clock = new MonotonicClock();
    private final long startNanos;
    private final long episodesBefore;
    private long seen;
    private int best;
    private int fullLengthInARow;
    private long tripsSeen;
    private LatencyLog latencyLog;
    private Histogram wakeAtWarmup;
    private long overrunsAtWarmup = -1;
    private long loggedEpisodes = -1;
    private long loggedAt;

    /**
     * @param episodes      episodes to run at most (more than zero)
     * @param learnedAfter  stop once this many episodes in a row have reached the episode's tick limit
     *                      (void episodes, ended by the watchdog, neither count nor break the run), or 0
     *                      to run every episode
     * @param durationNanos stop after this long, or 0 for no limit
     * @param stopRequested set from any thread (a signal) to stop the run cleanly
     */
    public RigRun(Rig rig, long episodes, int learnedAfter, long durationNanos, ProgressLine progress,
            AtomicBoolean stopRequested) {
        if (learnedAfter < 0) {
            throw new IllegalArgumentException("learnedAfter = " + learnedAfter + ": expected 0 (off) or more");
        }
        this.rig = rig;
        this.episodes = episodes;
        this.learnedAfter = learnedAfter;
        this.durationNanos = durationNanos;
        this.progress = progress;
        this.stopRequested = stopRequested;
        this.startNanos = clock.nanoTime();
        this.episodesBefore = rig.history().count();
        this.seen = episodesBefore;
    }

    /** Runs on the rig's real-time thread; the HdrHistogram interval log goes to {@code hlog}. */
    public Outcome runRealTime(Path hlog) throws RigException, IOException {
        StopReason reason;
        String detail = "";
        try (OutputStream hlogOut = new BufferedOutputStream(Files.newOutputStream(hlog))) {
            latencyLog = new LatencyLog(rig.loop().latency(), hlogOut, clock, TimeUnit.SECONDS.toNanos(1), System.currentTimeMillis());
            rig.start();
            try {
                long nextShow = 0;
                while (true) {
                    LockSupport.parkNanos(POLL_NANOS);
                    latencyLog.doWork();
                    endWarmup();
                    reason = stopCondition();
                    if (reason == null) {
                        detail = checkWatchdog();
                        if (!detail.isEmpty()) {
                            reason = StopReason.WATCHDOG;
                        }
                    }
                    long now = clock.nanoTime();
                    if (reason != null) {
                        break;
                    }
                    if (now - nextShow >= 0) {
                        show(now);
                        nextShow = now + SHOW_EVERY_NANOS;
                    }
                }
            } finally {
                rig.stop();
                latencyLog.onClose();
            }
        }
        finishProgress();
        return outcome(reason, detail, measuredWake());
    }

    private void endWarmup() {
        if (wakeAtWarmup == null && rig.loop().ticks() * rig.loop().periodNanos() >= WARMUP_NANOS) {
            wakeAtWarmup = latencyLog.total(LatencySeries.WAKE_UP);
            overrunsAtWarmup = rig.loop().overruns();
        }
    }

    /** Wake-up latency since the warm-up ended, or null before. */
    private Histogram measuredWake() {
        if (wakeAtWarmup == null) {
            return null;
        }
        Histogram h = latencyLog.total(LatencySeries.WAKE_UP);
        h.subtract(wakeAtWarmup);
        return h;
    }

    /** Steps a rig assembled in invoker mode on this thread, as fast as it computes. */
    public Outcome runFast() throws RigException {
        StopReason reason;
        try {
            long nextShow = 0;
            while (true) {
                long ended = rig.history().count();
                for (int i = 0; i < STEPS_BETWEEN_CHECKS && rig.history().count() == ended; i++) {
                    rig.step(); // the stop conditions are checked after every episode, so none overshoots
                }
                reason = stopCondition();
                checkWatchdog();
                if (reason != null) {
                    break;
                }
                long now = clock.nanoTime();
                if (now - nextShow >= 0) {
                    show(now);
                    nextShow = now + SHOW_EVERY_NANOS;
                }
            }
        } finally {
            rig.stop();
        }
        finishProgress();
        return outcome(reason, "", null);
    }

    private StopReason stopCondition() {
        if (stopRequested.get()) {
            return StopReason.INTERRUPTED;
        }
        readNewEpisodes();
        if (learnedAfter > 0 && fullLengthInARow >= learnedAfter) {
            return StopReason.LEARNED;
        }
        if (rig.history().count() - episodesBefore >= episodes) {
            return StopReason.EPISODES;
        }
        if (durationNanos > 0 && clock.nanoTime() - startNanos >= durationNanos) {
            return StopReason.DURATION;
        }
        return null;
    }

    /** Says each new trip; re-arms a simulated or emulated rig. Returns the trip's reason when the run must stop. */
    private String checkWatchdog() {
        ControlLoop loop = rig.loop();
        long trips = loop.trips();
        if (trips == tripsSeen) {
            return "";
        }
        tripsSeen = trips;
        TripReason why = loop.lastTripReason();
        String what = "the watchdog tripped (" + (why == null ? "unknown" : why.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                + "): actuators driven to their safe values";
        if (rig.profile().realHardware()) {
            progress.warn(what + "; the run stops: check the rig, then start again (--resume keeps what was learned)");
            return what;
        }
        progress.warn(what + "; a simulated rig re-arms and goes on (that episode does not count)");
        rig.rearm();
        return "";
    }

    /** Takes the episodes ended since the last look into the best lifetime and the run of full-length ones. */
    private void readNewEpisodes() {
        EpisodeHistory history = rig.history();
        long count = history.count();
        for (long i = Math.max(seen, count - EpisodeHistory.CAPACITY); i < count; i++) {
            EpisodeHistory.Episode episode = history.get(i);
            best = Math.max(best, episode.ticks());
            switch (episode.end()) {
                case TRUNCATED -> fullLengthInARow++;
                case TERMINAL -> fullLengthInARow = 0;
                case ABORTED -> {
                    // void: the watchdog ended it, not the controller
                }
            }
        }
        seen = count;
    }

    /**
     * Shows the run's state. A log (no terminal) gets a line when an episode has ended since the last it
     * got and a second has passed, so that it follows the run without a line per redraw.
     */
    private void show(long now) {
        RunStatus s = snapshot();
        if (s.episodes() != loggedEpisodes && (loggedEpisodes < 0 || now - loggedAt >= LOG_EVERY_NANOS)) {
            progress.event(s.line(episodeLimit()));
            loggedEpisodes = s.episodes();
            loggedAt = now;
        } else {
            progress.status(s.line(episodeLimit()));
        }
    }

    /** Leaves the final state on screen, or as the log's last line unless the log has it already. */
    private void finishProgress() {
        RunStatus s = snapshot();
        if (s.episodes() != loggedEpisodes) {
            progress.event(s.line(episodeLimit()));
        } else {
            progress.status(s.line(episodeLimit()));
        }
        progress.finish();
    }

    private int episodeLimit() {
        return rig.profile().episodes().maxTicks();
    }

    private RunStatus snapshot() {
        EpisodeHistory history = rig.history();
        readNewEpisodes();
        long count = history.count();
        int lifetime = -1;
        double ret = Double.NaN;
        double recent = Double.NaN;
        if (count > episodesBefore) {
            EpisodeHistory.Episode last = history.get(count - 1);
            lifetime = last.ticks();
            ret = last.reward();
            recent = history.last((int) Math.min(10, count - episodesBefore)).stream()
                    .mapToInt(EpisodeHistory.Episode::ticks).average().orElse(Double.NaN);
        }
        double baseline = Double.NaN;
        double eta = Double.NaN;
        LearningController learning = rig.learning();
        if (learning != null) {
            baseline = usesBaseline(rig.profile()) ? learning.rule().rewardPrediction() : Double.NaN;
            LearningControls controls = learning.controls();
            eta = controls.learningRate();
        }
        long p99 = -1;
        Histogram wake = latencyLog == null ? null : measuredWake();
        if (wake != null && wake.getTotalCount() > 0) {
            p99 = wake.getValueAtPercentile(99);
        }
        return new RunStatus(count - episodesBefore, lifetime, ret, best, recent, baseline, eta, p99,
                rig.loop().overruns(), rig.loop().trips(), rig.awaitingOperator(), (clock.nanoTime() - startNanos) / 1e9);
    }

    /** Two-sided weight perturbation judges a trial by its antithetic twin's return, not by a reward prediction. */
    static boolean usesBaseline(org.neurorig.profile.RigProfile profile) {
        var l = profile.learning();
        return l.rule() != org.neurorig.profile.LearningSettings.Rule.NONE
                && !(l.rule() == org.neurorig.profile.LearningSettings.Rule.WP && l.twoSided());
    }

    private Outcome outcome(StopReason reason, String detail, Histogram wake) {
        ControlLoop loop = rig.loop();
        if (reason == StopReason.LEARNED) {
            long last = rig.history().count();
            detail = fullLengthInARow + " episodes in a row (" + (last - fullLengthInARow + 1) + " to " + last
                    + ") reached the limit of " + rig.profile().episodes().maxTicks() + " ticks";
        }
        return new Outcome(reason, detail, rig.history().count() - episodesBefore, loop.ticks(), loop.overruns(), loop.trips(),
                loop.telemetry() == null ? 0 : loop.telemetry().dropped(), wake,
                overrunsAtWarmup < 0 ? loop.overruns() : overrunsAtWarmup, (clock.nanoTime() - startNanos) / 1e9);
    }
}
