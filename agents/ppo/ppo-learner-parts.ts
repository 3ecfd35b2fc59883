/**
 * What the feed-forward PPO learner (ppo-learner.ts) and the recurrent one (recurrent-ppo-learner.ts) share around
 * their updates: the update's stats under ML-Agents' tags, and the model state beside the actor-critic (the
 * optimiser, behavioral cloning, the reward signals and their value heads) as a checkpoint holds it, and the
 * hyperparameters it takes after creation.
 */
import type { ImitationHook } from '../plugin/imitation-hook.js';
import type { LearnerState } from '../plugin/learner.js';
import { retuned } from '../plugin/tunable-hyperparameters.js';
import { PPO_SCHEMA, PPO_TUNABLE, type PpoHyperparameters } from './hyperparameters.js';
import type { PpoUpdateStats, SavedPpo } from './ppo.js';
import type { PpoSignalStreams } from './signal-streams.js';
import type { ActorCritic, SavedActorCritic } from '../networks/actor-critic.js';

/** The parts of a PPO learner's model beside its actor-critic. */
export interface PpoModelParts {
  readonly ppo: { save(): SavedPpo; load(saved: SavedPpo, where: string): void; dispose(): void };
  readonly imitation: ImitationHook | null;
  readonly streams: PpoSignalStreams | null;
}

/** One PPO update's stats, as ML-Agents tags them. */
export function ppoUpdateTags(stats: PpoUpdateStats, batchSize: number): Record<string, number> {
  return {
    'Losses/Policy Loss': stats.policyLoss,
    'Losses/Value Loss': stats.valueLoss,
    'Policy/Entropy': stats.entropy,
    'Policy/Learning Rate': stats.learningRate,
    'Policy/Beta': stats.beta,
    'Policy/Epsilon': stats.epsilon,
    'Policy/Approx KL': stats.approxKl,
    'Policy/Clip Fraction': stats.clipFraction,
    'Policy/Gradient Norm': stats.gradNorm,
    'Policy/Batch Size': batchSize,
  };
}

export function savePpoModel(parts: PpoModelParts): Record<string, unknown> {
  return {
    ppo: parts.ppo.save(),
    ...(parts.imitation ? { imitation: parts.imitation.save() } : {}),
    ...(parts.streams?.save() ?? {}),
  };
}

export function loadPpoModel(parts: PpoModelParts, state: LearnerState, where: string): void {
  parts.streams?.load(state, where);
  parts.ppo.load(state['ppo'] as SavedPpo, `${where}: optimizer`);
  if (parts.imitation && state['imitation'] !== undefined) parts.imitation.load(state['imitation'], `${where}: imitation`);
}

export function disposePpoModel(parts: PpoModelParts): void {
  parts.streams?.dispose();
  parts.imitation?.dispose();
  parts.ppo.dispose();
}

/** Population-based training's explore: the update's learning rate, β or ε from the next update on. */
export function retunePpo(ppo: { hp: PpoHyperparameters }, values: Readonly<Record<string, number>>, where: string): void {
  ppo.hp = retuned(PPO_SCHEMA, PPO_TUNABLE, ppo.hp, values, where);
}

/** What a PPO learner's copy in the acting thread takes after an update in the update thread (`threaded: true`). */
export interface PpoActingState {
  readonly policy: SavedActorCritic;
  /** The reward signals' networks and value heads (they give the signals' rewards and values between updates). */
  readonly signals: LearnerState | null;
}

/** The update thread's answer: the weights and normalisers that act next, and the signals' networks. */
export function ppoActingState(policy: ActorCritic, streams: PpoSignalStreams | null): PpoActingState {
  return { policy: policy.save(), signals: (streams?.save() as LearnerState | undefined) ?? null };
}

/** Loads an update's acting state into the acting thread's copy; the signals' reward stats gathered here since. */
export function takePpoActingState(policy: ActorCritic, streams: PpoSignalStreams | null, acting: PpoActingState, where: string): Record<string, number> {
  policy.load(acting.policy, `${where}: policy`);
  if (streams && acting.signals) streams.load(acting.signals, where);
  return streams?.takeStats() ?? {};
}
