/**
 * NeuroMOP (Mastrogiuseppe and Moreno-Bote, NeurIPS 2024): a controller injects currents into a fixed
 * random recurrent network so as to maximize the discounted entropy of its future actions while never
 * entering terminal states, and the reward-maximizing "R network" it is compared with.
 *
 * <p>The pieces: a {@link org.neurorig.neuromop.SuccessorModel} computes the one-step successors
 * x'(x, a) of every action (the recurrent network, {@link org.neurorig.neuromop.RecurrentModel}, or the
 * cart-pole, {@link org.neurorig.neuromop.CartPoleSuccessors}); a {@link org.neurorig.neuromop.TerminalSet}
 * says which successors end the episode; a {@link org.neurorig.neuromop.ValueNetwork} evaluates all of
 * them in one batched matrix product; the {@link org.neurorig.neuromop.MopAgent} turns those values into
 * the exact Boltzmann policy (or the R network's epsilon-greedy one) and samples an action;
 * {@link org.neurorig.neuromop.MopTraining} runs trajectories, trains the value network on the Bellman
 * targets and measures what the paper measures ({@link org.neurorig.neuromop.TrajectoryMetrics}).
 */
package org.neurorig.neuromop;
