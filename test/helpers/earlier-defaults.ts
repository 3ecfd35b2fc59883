/**
 * The defaults that tests building an algorithm directly were written and tuned against, from when each
 * algorithm's module kept defaults of its own (the published ones: CleanRL's PPO, Stable-Baselines3's SAC, TD3 and
 * DQN, the MADDPG paper's). Each algorithm now has one table, whose defaults are the run configuration's
 * (ML-Agents' for ML-Agents' keys); these tests spell out what they relied on, so their results stay as they were.
 */
export const CLEANRL_PPO = { clip_value_loss: true } as const;
// time_horizon 1: SB3 writes every step to the replay at once (Shiva's SAC, as ML-Agents', holds trajectories).
export const SB3_SAC = { batch_size: 256, buffer_size: 1_000_000, buffer_init_steps: 100, time_horizon: 1 } as const;
export const SB3_TD3 = { batch_size: 256, buffer_size: 1_000_000, learning_rate: 1e-3, buffer_init_steps: 100 } as const;
export const SB3_DQN = { batch_size: 64, learning_rate: 1e-4, buffer_init_steps: 1000, tau: 1, target_update_interval: 1000, steps_per_update: 4 } as const;
export const MADDPG_PAPER = { batch_size: 1024, buffer_size: 1_000_000, learning_rate: 0.01, tau: 0.01, steps_per_update: 100, gamma: 0.95 } as const;
