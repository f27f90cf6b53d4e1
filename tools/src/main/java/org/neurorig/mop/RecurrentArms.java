package org.neurorig.mop;

import org.neurorig.kernel.Kernels;
import org.neurorig.neuromop.ControllerKind;
import org.neurorig.neuromop.EpsilonSchedule;
import org.neurorig.neuromop.ExtrinsicReward;
import org.neurorig.neuromop.MopAgent;
import org.neurorig.neuromop.MopTraining;
import org.neurorig.neuromop.Objective;
import org.neurorig.neuromop.RecurrentModel;
import org.neurorig.neuromop.RecurrentParameters;
import org.neurorig.neuromop.TerminalSet;
import org.neurorig.neuromop.ValueNetwork;

/** Builds the training of network i for the recurrent-network tasks. */
final class RecurrentArms {

    /** x0: every unit uniform in +-0.1 (the paper's fixed random x0), the readouts x1, x2 then set where asked. */
    static final double X0_HALF_WIDTH = 0.1;

    private RecurrentArms() {
    }

    /** Everything that differs between the arms of one experiment. */
    record Setup(ControllerKind kind, TerminalSet terminal, ExtrinsicReward reward, Objective objective,
            EpsilonSchedule epsilon, int contexts, double rho, float[] readoutStart) {
    }

    static MopTraining training(MopSettings s, int network, Setup setup) {
        RecurrentParameters p = s.network(network).withRho(setup.rho());
        RecurrentModel model = new RecurrentModel(p, Kernels.best());
        int inputs = p.n() + setup.contexts();
        double scale = setup.kind() == ControllerKind.MOP ? Math.log(model.actionCount()) / (1 - s.gamma())
                : 1 / (1 - s.gamma());
        ValueNetwork value = new ValueNetwork(inputs, s.hidden(), scale, s.initialValue(), s.networkSeed(network, 1),
                Kernels.best());
        int[] all = null;
        if (setup.contexts() > 0) {
            all = new int[p.n()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
        }
        MopAgent agent = new MopAgent(setup.kind(), model, setup.terminal(), setup.reward(), setup.objective(), value, all,
                null, setup.contexts());
        float[] x0 = initialState(s, network, setup.readoutStart());
        return new MopTraining(agent, x0, s.training(), setup.epsilon(), setup.contexts(), s.networkSeed(network, 3));
    }

    /** Network i's x0, with the readouts x1, x2 set to {@code readoutStart} (null: left random). */
    static float[] initialState(MopSettings s, int network, float[] readoutStart) {
        float[] x0 = MopTraining.randomInitialState(s.n(), X0_HALF_WIDTH, s.networkSeed(network, 2));
        if (readoutStart != null) {
            x0[0] = readoutStart[0];
            x0[1] = readoutStart[1];
        }
        return x0;
    }
}
