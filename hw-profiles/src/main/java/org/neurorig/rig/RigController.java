package org.neurorig.rig;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.agrona.concurrent.SystemNanoClock;
import org.neurorig.learning.Checkpoint;
import org.neurorig.learning.CheckpointException;
import org.neurorig.learning.LearningControls;
import org.neurorig.learning.PeriodicCheckpoint;
import org.neurorig.learning.WeightSnapshot;
import org.neurorig.learning.MiconiPerturbation;
import org.neurorig.learning.NodePerturbation;
import org.neurorig.learning.ReinforceReadout;
import org.neurorig.learning.RewardBaseline;
import org.neurorig.learning.ThreeFactorRule;
import org.neurorig.learning.WeightPerturbation;
import org.neurorig.control.ChannelScaling;
import org.neurorig.control.Controller;
import org.neurorig.control.EpisodeRecorder;
import org.neurorig.control.LearningController;
import org.neurorig.control.NetworkController;
import org.neurorig.network.RateNetwork;
import org.neurorig.profile.ActuatorChannel;
import org.neurorig.profile.CheckpointSettings;
import org.neurorig.profile.LearningSettings;
import org.neurorig.profile.RigProfile;
import org.neurorig.profile.SensorChannel;

/**
 * The rig's controller as a profile describes it: the {@code [network]}, learning with the rule of
 * {@code [learning]} ({@link LearningController}) or only running ({@link NetworkController}), seeing
 * the channels through their working ranges ({@link ChannelScaling}) and recording each episode
 * ({@link EpisodeRecorder} into the {@link EpisodeHistory}).
 *
 * @param loopController what the loop calls: recorder -> network (learning or not)
 * @param network        the network, whose weights learn
 * @param rule           the learning rule, or null
 * @param learning       the learning controller, or null for {@code rule = "none"}
 * @param history        every episode's length, return and ending
 * @param snapshot       the weights copied at an episode's end for a periodic checkpoint, or null without learning
 * @param episodesBefore the episodes the resumed checkpoint had learned over, or 0
 */
record RigController(Controller loopController, RateNetwork network, ThreeFactorRule rule, LearningController learning,
        EpisodeHistory history, WeightSnapshot snapshot, long episodesBefore) {

    static RigController build(RigProfile profile, Path resume) throws RigException {
        RateNetwork network = new RateNetwork(profile.network());
        if (profile.readoutScale() > 0) {
            // a fixed random readout, drawn from its own stream of the network's seed
            java.util.SplittableRandom r = new java.util.SplittableRandom(profile.network().seed()).split();
            float[] w = network.readoutWeights();
            double std = profile.readoutScale() / Math.sqrt(network.size());
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (std * r.nextGaussian());
            }
        }
        long episodesBefore = 0;
        if (resume != null) {
            try {
                episodesBefore = Math.max(0, Checkpoint.restore(resume, network));
            } catch (CheckpointException e) {
                throw new RigException(e.getMessage(), e);
            }
        }
        ChannelScaling scaling = scaling(profile.sensors(), profile.actuators());
        ThreeFactorRule rule = rule(network, profile.learning(), profile.episodes().maxTicks());
        LearningController learning = rule == null ? null : new LearningController(network, rule, scaling);
        Controller core = learning != null ? learning : new NetworkController(network, scaling);
        EpisodeHistory history = new EpisodeHistory();
        if (learning == null) {
            return new RigController(new EpisodeRecorder(core, history), network, null, null, history, null, episodesBefore);
        }
        WeightSnapshot snapshot = WeightSnapshot.of(network, episodesBefore);
        long before = episodesBefore;
        EpisodeRecorder.Listener listener = r -> {
            history.episodeEnded(r);
            snapshot.episodeEnded(before + r.episodes());
        };
        return new RigController(new EpisodeRecorder(core, listener), network, rule, learning, history, snapshot, episodesBefore);
    }

    /** Each sensor's working range onto the network's [-1, 1], each readout in [-1, 1] onto its actuator's range. */
    private static ChannelScaling scaling(List<SensorChannel> sensors, List<ActuatorChannel> actuators) {
        return ChannelScaling.ranges(sensors.stream().mapToDouble(SensorChannel::min).toArray(),
                sensors.stream().mapToDouble(SensorChannel::max).toArray(),
                actuators.stream().mapToDouble(ActuatorChannel::min).toArray(),
                actuators.stream().mapToDouble(ActuatorChannel::max).toArray());
    }

    /** Ticks a per-step baseline predicts apart at most: an episode's later rewards share the last prediction. */
    private static final int BASELINE_STEPS = 1 << 16;

    private static ThreeFactorRule rule(RateNetwork network, LearningSettings l, int maxTicks) {
        LearningControls controls = new LearningControls(l.eta(), l.noise());
        int steps = maxTicks > 0 ? Math.min(maxTicks, BASELINE_STEPS) : BASELINE_STEPS;
        RewardBaseline baseline = l.perStepBaseline() ? RewardBaseline.perStep(1, steps, l.baselineDecay())
                : RewardBaseline.running(l.baselineDecay());
        return switch (l.rule()) {
            case NP -> NodePerturbation.forNetwork(network, l.plastic(), l.timing(), baseline, controls, l.seed());
            case WP -> WeightPerturbation.forNetwork(network, l.plastic(), l.twoSided(), l.distribution(), baseline,
                    controls, l.seed());
            case REINFORCE -> new ReinforceReadout(network, l.timing(), baseline, controls, l.seed());
            case MICONI -> new MiconiPerturbation(network, l.plastic(), l.timing(), baseline, controls, l.miconi(), l.seed());
            case NONE -> null;
        };
    }

    /**
     * Saves the network's weights, what {@link #build} restores, with the episodes learned over in all:
     * an episode in progress is abandoned first and an online rule's pending updates are applied. Not
     * while the loop runs.
     */
    void saveCheckpoint(Path file) throws CheckpointException {
        if (learning != null) {
            learning.rule().abandonEpisode();
            learning.rule().applyPendingUpdates();
        }
        Checkpoint.save(file, network, episodesBefore + history.count());
    }

    /** Saves {@code file} while the loop runs, at the profile's interval; null without learning. */
    PeriodicCheckpoint periodicCheckpoint(Path file, CheckpointSettings settings, Consumer<String> warnings) {
        if (snapshot == null) {
            return null;
        }
        return new PeriodicCheckpoint(snapshot, file, settings.everyEpisodes(), Math.round(settings.minIntervalS() * 1e9),
                new SystemNanoClock(), warnings);
    }

    /** Weight perturbation's antithetic pair: the second trial must start where the first did. */
    boolean repeatsInitialState() {
        return rule instanceof WeightPerturbation wp && wp.awaitingSecondHalf();
    }
}
