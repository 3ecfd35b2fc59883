"""The PyTorch anchor of issue 16's PPO target: a CleanRL-style PPO loop on CartPole, timed.

It follows the loop of CleanRL's ppo.py (the facts, not its code): 4 CartPole environments stepped one after the
other in Python with automatic reset (as gym's SyncVectorEnv does), 128 steps each per update, a 64-64 tanh actor
and critic with orthogonal initialisation, GAE (gamma 0.99, lambda 0.95), normalised advantages, 4 epochs of 4
minibatches of 128, the clipped surrogate, the clipped value loss, entropy 0.01, gradients clipped at a global norm
of 0.5, Adam with eps 1e-5 and the learning rate annealed linearly. CartPole is gym's CartPole-v1 (Euler, tau 0.02,
12 degrees and 2.4 m, 500 steps), written here with numpy as gym writes it, since gym is not a Debian package.

Prints one JSON line: {"steps": ..., "seconds": ..., "steps_per_second": ..., "torch": ..., "threads": ...}.
The timed part starts after --warmup steps, as Shiva's bench does (PyTorch has no kernels to compile, but its
first iterations allocate).

    /usr/bin/python3 bench/anchors/cleanrl_style_ppo_cartpole.py --steps 51200 --warmup 5120 --seed 1
"""

import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
from torch.distributions.categorical import Categorical


class CartPole:
    """gym's CartPole-v1 dynamics, one environment, numpy state as gym keeps it."""

    gravity, masscart, masspole, half_length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    theta_limit, x_limit, max_steps = 12 * 2 * math.pi / 360, 2.4, 500

    def __init__(self, rng):
        self.rng = rng
        self.state = None
        self.steps = 0

    def reset(self):
        self.state = self.rng.uniform(low=-0.05, high=0.05, size=(4,))
        self.steps = 0
        return np.array(self.state, dtype=np.float32)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        total_mass = self.masspole + self.masscart
        polemass_length = self.masspole * self.half_length
        cos, sin = math.cos(theta), math.sin(theta)
        temp = (force + polemass_length * theta_dot**2 * sin) / total_mass
        theta_acc = (self.gravity * sin - cos * temp) / (
            self.half_length * (4.0 / 3.0 - self.masspole * cos**2 / total_mass)
        )
        x_acc = temp - polemass_length * theta_acc * cos / total_mass
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * x_acc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * theta_acc
        self.state = np.array((x, x_dot, theta, theta_dot), dtype=np.float64)
        self.steps += 1
        terminated = bool(x < -self.x_limit or x > self.x_limit or theta < -self.theta_limit or theta > self.theta_limit)
        truncated = self.steps >= self.max_steps
        return np.array(self.state, dtype=np.float32), 1.0, terminated, truncated


class SyncVector:
    """Environments stepped one after the other; a finished one is reset at once (its last observation dropped)."""

    def __init__(self, n, seed):
        self.envs = [CartPole(np.random.default_rng(seed + i)) for i in range(n)]
        self.returns = np.zeros(n)
        self.episode_returns = []

    def reset(self):
        return np.stack([env.reset() for env in self.envs])

    def step(self, actions):
        observations, rewards, dones = [], np.zeros(len(self.envs), dtype=np.float32), np.zeros(len(self.envs), dtype=np.float32)
        for i, (env, action) in enumerate(zip(self.envs, actions)):
            obs, reward, terminated, truncated = env.step(int(action))
            self.returns[i] += reward
            rewards[i] = reward
            if terminated or truncated:
                self.episode_returns.append(self.returns[i])
                self.returns[i] = 0
                obs = env.reset()
                dones[i] = 1.0
            observations.append(obs)
        return np.stack(observations), rewards, dones


def layer(inputs, outputs, std=math.sqrt(2)):
    linear = nn.Linear(inputs, outputs)
    nn.init.orthogonal_(linear.weight, std)
    nn.init.constant_(linear.bias, 0.0)
    return linear


class Agent(nn.Module):
    def __init__(self, observations, actions):
        super().__init__()
        self.critic = nn.Sequential(layer(observations, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, 1, std=1.0))
        self.actor = nn.Sequential(layer(observations, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, actions, std=0.01))

    def value(self, x):
        return self.critic(x)

    def act(self, x, action=None):
        distribution = Categorical(logits=self.actor(x))
        if action is None:
            action = distribution.sample()
        return action, distribution.log_prob(action), distribution.entropy(), self.critic(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=51200, help="timed steps (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=5120, help="untimed steps first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: leave PyTorch's default)")
    args = parser.parse_args()

    num_envs, num_steps, epochs, minibatches = 4, 128, 4, 4
    gamma, lam, clip, ent_coef, vf_coef, max_grad_norm, lr = 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 2.5e-4
    batch = num_envs * num_steps
    minibatch = batch // minibatches
    total = args.warmup + args.steps
    updates = math.ceil(total / batch)

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    envs = SyncVector(num_envs, args.seed)
    agent = Agent(4, 2)
    optimizer = torch.optim.Adam(agent.parameters(), lr=lr, eps=1e-5)

    obs = torch.zeros((num_steps, num_envs, 4))
    actions = torch.zeros((num_steps, num_envs))
    logprobs = torch.zeros((num_steps, num_envs))
    rewards = torch.zeros((num_steps, num_envs))
    dones = torch.zeros((num_steps, num_envs))
    values = torch.zeros((num_steps, num_envs))

    step = 0
    next_obs = torch.tensor(envs.reset())
    next_done = torch.zeros(num_envs)
    timed_from = None
    for update in range(1, updates + 1):
        optimizer.param_groups[0]["lr"] = (1.0 - (update - 1.0) / updates) * lr
        for t in range(num_steps):
            if timed_from is None and step >= args.warmup:
                timed_from = (time.perf_counter(), step)
            step += num_envs
            obs[t] = next_obs
            dones[t] = next_done
            with torch.no_grad():
                action, logprob, _, value = agent.act(next_obs)
                values[t] = value.flatten()
            actions[t] = action
            logprobs[t] = logprob
            observation, reward, done = envs.step(action.numpy())
            rewards[t] = torch.tensor(reward)
            next_obs, next_done = torch.tensor(observation), torch.tensor(done)

        with torch.no_grad():
            next_value = agent.value(next_obs).reshape(1, -1)
            advantages = torch.zeros_like(rewards)
            last = 0
            for t in reversed(range(num_steps)):
                if t == num_steps - 1:
                    not_done, following = 1.0 - next_done, next_value
                else:
                    not_done, following = 1.0 - dones[t + 1], values[t + 1]
                delta = rewards[t] + gamma * following * not_done - values[t]
                advantages[t] = last = delta + gamma * lam * not_done * last
            returns = advantages + values

        b_obs, b_actions = obs.reshape((-1, 4)), actions.reshape(-1)
        b_logprobs, b_advantages = logprobs.reshape(-1), advantages.reshape(-1)
        b_returns, b_values = returns.reshape(-1), values.reshape(-1)
        indices = np.arange(batch)
        for _ in range(epochs):
            np.random.shuffle(indices)
            for start in range(0, batch, minibatch):
                rows = indices[start : start + minibatch]
                _, new_logprob, entropy, new_value = agent.act(b_obs[rows], b_actions.long()[rows])
                ratio = (new_logprob - b_logprobs[rows]).exp()
                mb_adv = b_advantages[rows]
                mb_adv = (mb_adv - mb_adv.mean()) / (mb_adv.std() + 1e-8)
                policy_loss = torch.max(-mb_adv * ratio, -mb_adv * torch.clamp(ratio, 1 - clip, 1 + clip)).mean()
                new_value = new_value.view(-1)
                clipped = b_values[rows] + torch.clamp(new_value - b_values[rows], -clip, clip)
                value_loss = 0.5 * torch.max((new_value - b_returns[rows]) ** 2, (clipped - b_returns[rows]) ** 2).mean()
                loss = policy_loss - ent_coef * entropy.mean() + vf_coef * value_loss
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), max_grad_norm)
                optimizer.step()

    seconds = time.perf_counter() - timed_from[0]
    timed = step - timed_from[1]
    recent = envs.episode_returns[-20:]
    print(json.dumps({
        "steps": timed,
        "seconds": round(seconds, 3),
        "steps_per_second": round(timed / seconds, 1),
        "episodes": len(envs.episode_returns),
        "mean_return_last_20": round(float(np.mean(recent)), 1) if recent else None,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
