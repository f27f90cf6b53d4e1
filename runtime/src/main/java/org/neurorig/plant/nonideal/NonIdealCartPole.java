package org.neurorig.plant.nonideal;

import java.util.SplittableRandom;
import org.neurorig.device.Plant;
import org.neurorig.plant.CartPole;
import org.neurorig.plant.CartPoleParameters;
import org.neurorig.plant.CartPolePlant;
import org.neurorig.plant.CartPolePlant.ForceMode;
import org.neurorig.plant.Friction;
import org.neurorig.plant.TickJitter;

/**
 * A cart-pole as a rig with the given {@link NonIdealities}: the "hardware" the learners meet, next to
 * the nominal model they may have been trained on.
 *
 * <p>The chain, from the controller's command to the physics:
 * <pre>
 *   command -> [discrete action to +-forceMag, bang-bang mode only]
 *           -> zero-order hold -> delay -> PWM quantization -> deadband -> gain error -> saturation
 *           -> + force bias -> cart-pole (force limited to +-forceMag; mismatched parameters,
 *              friction and tick jitter inside its step)
 *   sensors <- noise <- pole encoder <- cart encoder <- + theta offset <- cart-pole's true state
 * </pre>
 * Actuator fractions are of the nominal forceMag. The force bias comes after the motor's own effects
 * (a tilted track, an H-bridge offset: not the motor's gain or limit). The angle offset comes before
 * the pole encoder, whose zero it is: the angle is counted from the wrong zero, and the rate estimated
 * from counts carries no offset. Only the effects that are on are in the chain: with every effect
 * off, {@link #create} returns the ideal {@link CartPolePlant} itself, wrapped in nothing.
 */
public final class NonIdealCartPole extends PlantDecorator {

    private final NonIdealities nonIdealities;
    private final CartPoleParameters rigParameters;
    private final String name;

    private NonIdealCartPole(Plant chain, NonIdealities nonIdealities, CartPoleParameters rigParameters, String name) {
        super(chain);
        this.nonIdealities = nonIdealities;
        this.rigParameters = rigParameters;
        this.name = name;
    }

    /**
     * The cart-pole with {@code nonIdealities}, or the ideal plant itself when they are all off.
     *
     * @param nominal the model's parameters (the rig's differ from them by the parameter mismatch)
     * @param mode    how the command becomes a force, as in {@link CartPolePlant}
     * @param seed    seeds the sensor noise and the tick jitter, so a run repeats exactly
     */
    public static Plant create(CartPoleParameters nominal, ForceMode mode, NonIdealities nonIdealities, long seed) {
        if (nonIdealities.isIdeal()) {
            return new CartPolePlant(nominal, mode);
        }
        NonIdealities n = nonIdealities;
        SplittableRandom seeds = new SplittableRandom(seed);
        long noiseSeed = seeds.nextLong();
        long jitterSeed = seeds.nextLong();
        CartPoleParameters rig = nominal.withMismatch(n.massCartError(), n.massPoleError(), n.lengthError());
        Friction friction = new Friction(n.coulombFriction(), n.viscousFriction(), n.pivotFriction());
        TickJitter jitter = n.jitter() > 0 ? new TickJitter(n.jitter(), jitterSeed) : null;
        double fullScale = nominal.forceMag();

        Plant p = new CartPolePlant(rig, ForceMode.CONTINUOUS, friction, jitter);
        if (n.forceBias() != 0) {
            p = new ForceBias(p, n.forceBias());
        }
        if (n.saturation() > 0) {
            p = new Saturation(p, n.saturation(), fullScale);
        }
        if (n.gainError() != 0) {
            p = new MotorGainError(p, n.gainError());
        }
        if (n.deadband() > 0) {
            p = new Deadband(p, n.deadband(), fullScale);
        }
        if (n.pwmBits() > 0) {
            p = new CommandQuantization(p, n.pwmBits(), fullScale);
        }
        if (n.delayTicks() > 0) {
            p = new ActuatorDelay(p, n.delayTicks());
        }
        if (n.holdTicks() > 1) {
            p = new ZeroOrderHold(p, n.holdTicks());
        }
        if (n.thetaOffset() != 0) {
            p = new SensorOffset(p, new double[] {0, 0, n.thetaOffset(), 0});
        }
        if (n.cartEncoderCpr() > 0) {
            p = new EncoderQuantization(p, CartPole.X, CartPole.X_DOT, n.cartEncoderCpr(), n.cartTravelPerRev());
        }
        if (n.poleEncoderCpr() > 0) {
            p = new EncoderQuantization(p, CartPole.THETA, CartPole.THETA_DOT, n.poleEncoderCpr(), 2 * Math.PI);
        }
        if (n.has(Effect.NOISE)) {
            p = new SensorNoise(p, new double[] {n.noiseX(), n.noiseXDot(), n.noiseTheta(), n.noiseThetaDot()}, noiseSeed);
        }
        if (mode == ForceMode.BANG_BANG) {
            p = new DiscreteForce(p, fullScale);
        }
        String base = mode == ForceMode.BANG_BANG ? "cartpole" : "cartpole-continuous";
        return new NonIdealCartPole(p, n, rig, base + "+nonideal");
    }

    @Override
    public String name() {
        return name;
    }

    public NonIdealities nonIdealities() {
        return nonIdealities;
    }

    /** The parameters the rig's physics runs with (the nominal ones with the mismatch applied). */
    public CartPoleParameters rigParameters() {
        return rigParameters;
    }
}
