package org.neurorig.neuromop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurorig.device.DeviceStatus;
import org.neurorig.device.Plant;
import org.neurorig.kernel.Kernels;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.nonideal.PlantDecorator;

/** The cart-pole agent drives a plant through the Plant interface, predicting with the nominal model. */
class PlantMopControllerTest {

    private static MopAgent agent() {
        CartPoleSuccessors model = new CartPoleSuccessors(CartPoleParameters.neuroMop());
        ValueNetwork value = new ValueNetwork(4, 8, Math.log(2) / (1 - 0.98), 1, 1, Kernels.scalar());
        return new MopAgent(ControllerKind.MOP, model, model.terminalSet(), null, Objective.actionEntropy(0.98), value,
                null, model.inputScales(), 0);
    }

    @Test
    void theModelsSuccessorsAreWhatThePlantDoes() {
        MopAgent agent = agent();
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.neuroMop(), CartPolePlant.ForceMode.CONTINUOUS);
        plant.configure();
        plant.activate();
        double[] start = {0.3, -0.5, 0.1, 0.4};
        plant.reset(start);
        PlantMopController controller = new PlantMopController(agent);
        float[] predicted = new float[4];
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 50 && !plant.terminated(); t++) {
            assertEquals(DeviceStatus.OK, controller.tick(plant, t, random));
            System.arraycopy(agent.successors(), agent.action() * 4, predicted, 0, 4);
            double[] actual = new double[4];
            plant.trueState(actual);
            for (int i = 0; i < 4; i++) {
                assertEquals(actual[i], predicted[i], 1e-5 * Math.max(1, Math.abs(actual[i])), "t " + t + " state " + i);
            }
        }
    }

    @Test
    void theModelIsCartPolesPhysics() {
        CartPoleSuccessors model = new CartPoleSuccessors(CartPoleParameters.neuroMop());
        CartPole reference = new CartPole(CartPoleParameters.neuroMop());
        float[] succ = new float[8];
        double[] after = new double[4];
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int k = 0; k < 200; k++) {
            float[] s = {(float) r.nextDouble(-1.8, 1.8), (float) r.nextDouble(-7, 7), (float) r.nextDouble(-0.62, 0.62),
                (float) r.nextDouble(-4, 4)};
            model.successors(s, succ);
            for (int a = 0; a < 2; a++) {
                reference.setState(new double[] {s[0], s[1], s[2], s[3]});
                reference.step(model.force(a));
                reference.state(after);
                for (int i = 0; i < 4; i++) {
                    assertEquals((float) after[i], succ[a * 4 + i], Math.ulp((float) after[i]), "state " + k + " action " + a);
                }
            }
        }
    }

    @Test
    void anEpisodeEndsWhenThePlantSaysSoOrAfterItsSteps() {
        MopAgent agent = agent();
        CartPolePlant plant = new CartPolePlant(CartPoleParameters.neuroMop(), CartPolePlant.ForceMode.BANG_BANG);
        plant.configure();
        plant.activate();
        PlantMopController controller = new PlantMopController(agent);
        int life = controller.runEpisode(plant, new double[4], 300, new SplittableRandom(1));
        assertTrue(life > 0 && life <= 300, "lifetime " + life);
        if (life < 300) {
            assertTrue(plant.terminated());
        }
        // a plant that refuses commands ends the episode at once, and nothing is thrown
        plant.deactivate();
        assertEquals(0, controller.runEpisode(plant, new double[4], 300, new SplittableRandom(1)));
    }

    @Test
    void aPlantOnItsOwnClockIsWaitedForAndAFailedResetEndsTheEpisode() {
        MopAgent agent = agent();
        PlantMopController controller = new PlantMopController(agent);
        CartPolePlant plain = new CartPolePlant(CartPoleParameters.neuroMop(), CartPolePlant.ForceMode.CONTINUOUS);
        plain.configure();
        plain.activate();
        int lockstep = controller.runEpisode(plain, new double[4], 300, new SplittableRandom(5));
        // the same plant answering STALE twice before each new state, as FirmwarePlant does between the
        // firmware's ticks (the real one: FirmwareCartPoleTest in tools, on QEMU): the waits are not ticks
        ClockedPlant clocked = new ClockedPlant(new CartPolePlant(CartPoleParameters.neuroMop(),
                CartPolePlant.ForceMode.CONTINUOUS));
        clocked.inner().activate();
        assertEquals(lockstep, controller.runEpisode(clocked, new double[4], 300, new SplittableRandom(5)));
        assertEquals(DeviceStatus.OK, controller.lastEnd());
        assertTrue(clocked.staleReads >= 2 * lockstep, clocked.staleReads + " STALE answers");
        clocked.refuseReset = true;
        assertEquals(0, controller.runEpisode(clocked, new double[4], 300, new SplittableRandom(5)));
        assertEquals(DeviceStatus.FAULT, controller.lastEnd());
    }

    /** A lockstep plant made to answer like a real-time one: STALE twice after each reset or write. */
    private static final class ClockedPlant extends PlantDecorator {
        private int pending;
        int staleReads;
        boolean refuseReset;

        ClockedPlant(CartPolePlant plant) {
            super(plant);
        }

        @Override
        public DeviceStatus read(long nowNanos, double[] sensors) {
            if (pending > 0) {
                pending--;
                staleReads++;
                return DeviceStatus.STALE;
            }
            return inner.read(nowNanos, sensors);
        }

        @Override
        public DeviceStatus write(long nowNanos, double[] commands) {
            pending = 2;
            return inner.write(nowNanos, commands);
        }

        @Override
        public DeviceStatus reset(double[] initialState) {
            pending = 2;
            return refuseReset ? DeviceStatus.FAULT : inner.reset(initialState);
        }
    }

    @Test
    void aPlantOfTheWrongShapeIsRefusedByName() {
        PlantMopController controller = new PlantMopController(agent());
        Plant plant = new TwoSensorPlant();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> controller.requireCompatible(plant));
        assertTrue(e.getMessage().contains("2 sensors"), e.getMessage());
    }

    /** A plant with two sensors: not a cart-pole. */
    private static final class TwoSensorPlant implements Plant {
        @Override
        public String name() {
            return "two-sensor";
        }

        @Override
        public int sensorCount() {
            return 2;
        }

        @Override
        public int actuatorCount() {
            return 1;
        }

        @Override
        public void configure() {
        }

        @Override
        public void activate() {
        }

        @Override
        public DeviceStatus read(long nowNanos, double[] sensors) {
            return DeviceStatus.OK;
        }

        @Override
        public DeviceStatus write(long nowNanos, double[] commands) {
            return DeviceStatus.OK;
        }

        @Override
        public void safeState() {
        }

        @Override
        public void deactivate() {
        }

        @Override
        public void close() {
        }

        @Override
        public int stateSize() {
            return 2;
        }

        @Override
        public double dt() {
            return 0.02;
        }

        @Override
        public DeviceStatus reset(double[] initialState) {
            return DeviceStatus.OK;
        }

        @Override
        public void trueState(double[] state) {
        }

        @Override
        public boolean terminated() {
            return false;
        }
    }

    @Test
    void theNeuroMopCartPoleIsTheMopPapers() {
        CartPoleParameters p = CartPoleParameters.neuroMop();
        assertEquals(9.81, p.gravity());
        assertEquals(1.0, p.massCart());
        assertEquals(0.1, p.massPole());
        assertEquals(1.0, p.halfLength());
        assertEquals(40.0, p.forceMag());
        assertEquals(0.02, p.dt());
        assertEquals(1.8, p.xThreshold());
        assertEquals(0.62, p.thetaThreshold());
        assertEquals(6.0, p.xDotLimit());
        assertEquals(3.0, p.thetaDotLimit());
        // the velocity clip holds: full force for a second cannot push x_dot past 6 m/s
        CartPole cp = new CartPole(p);
        cp.setState(new double[4]);
        double[] s = new double[4];
        for (int t = 0; t < 50; t++) {
            cp.step(40);
            cp.state(s);
            assertTrue(Math.abs(s[CartPole.X_DOT]) <= 6.0 && Math.abs(s[CartPole.THETA_DOT]) <= 3.0);
        }
    }
}
