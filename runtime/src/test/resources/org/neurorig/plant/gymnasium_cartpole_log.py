"""Writes gymnasium-cartpole-v1.csv: episodes of Gymnasium's own CartPole-v1, in neurorig's replay format.

Run with Gymnasium 1.3.0 and NumPy 2.4 installed (python3 gymnasium_cartpole_log.py). The states are
Gymnasium's float64 state (env.unwrapped.state), printed with repr, which round-trips exactly. Episodes
0-7 push at random until the pole falls; episodes 8-10 follow a simple balancing rule, reach the
500-step limit, and so test 500 steps of open-loop replay, where one wrong bit would grow into a
visible difference.
"""
import random

import gymnasium as gym

env = gym.make("CartPole-v1")
rng = random.Random(2024)
with open("gymnasium-cartpole-v1.csv", "w") as out:
    out.write("episode,step,action,x,x_dot,theta,theta_dot,terminated\n")
    for episode in range(11):
        env.reset(seed=1000 + episode)
        state = env.unwrapped.state
        out.write(f"{episode},0,,{','.join(repr(float(v)) for v in state)},0\n")
        for step in range(1, 501):
            if episode < 8:
                action = rng.randrange(2)
            else:
                x, x_dot, theta, theta_dot = env.unwrapped.state
                action = 1 if theta + 0.3 * theta_dot + 0.01 * x + 0.05 * x_dot > 0 else 0
            _, _, terminated, truncated, _ = env.step(action)
            state = env.unwrapped.state
            out.write(f"{episode},{step},{action},{','.join(repr(float(v)) for v in state)},{int(terminated)}\n")
            if terminated or truncated:
                break
print(gym.__version__)
