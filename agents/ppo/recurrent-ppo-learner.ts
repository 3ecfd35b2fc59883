/**
 * PPO with memory (network_settings.memory) as a learner: the actor-critic with its LSTMs acts through the shell's
 * recurrent acting policy (memories per agent, reset at episode ends: agents/plugin/recurrent-acting.ts), the
 * transitions go to a SequenceBuffer (trajectories cut into padded sequences with their initial memories), and a
 * RecurrentPpo update runs once buffer_size real steps are held.
 *
 * Rewards are (each agent's + its group's) × reward_signals.extrinsic.strength, as PpoLearner's. Trajectories are
 * ML-Agents' (ppo-learner.ts, trajectory.ts): emitted at time_horizon or the episode's end, dropped unemitted after
 * a forced reset, an update once strictly more than buffer_size real steps are held. Departure: values are the ones
 * computed when acting (the critic's LSTM stepped with the agent), not re-estimated for a trajectory acted across
 * an update, which would mean running the critic's LSTM over it again from its stored memory.
 *
 * Reward signals (gail, curiosity, rnd) as PpoLearner's, through the same signal-streams.ts: each signal's networks
 * read observations and actions per step (feed-forward, as in ML-Agents), and its value head sits on the critic's
 * LSTM output (ML-Agents' critic with memory feeds every value head from its LSTM). A finished trajectory's signal
 * values are the heads' on the critic's LSTM stepped once from each step's stored memory (the memory it acted
 * under), V_k(s') from the memory its last step left; the update trains the heads over the sequences with the
 * rest of the network. Behavioral cloning (the imitation hook, agents/imitation/bc-auxiliary.ts) runs after each
 * update on the demonstration cut into sequences that start from zero memories (ML-Agents' BCModule with memory).
 */
import type { ActionSpec, BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import { predictValues, type ActOutput } from '../networks/acting.js';
import type { ActorCritic } from '../networks/actor-critic.js';
import { actorCriticBcActor } from '../imitation/bc-actor.js';
import { ActorCriticLearner } from '../plugin/actor-critic-learner.js';
import { createRewardSignals } from '../plugin/create-reward-signals.js';
import type { BcActor, ImitationHook, ImitationHost } from '../plugin/imitation-hook.js';
import type { LearnerState } from '../plugin/learner.js';
import { extrinsic } from '../plugin/rewards.js';
import { disposePpoModel, loadPpoModel, ppoActingState, ppoUpdateTags, retunePpo, savePpoModel, takePpoActingState, type PpoActingState, type PpoModelParts } from './ppo-learner-parts.js';
import { trajectoryGae } from './gae.js';
import type { PpoLearnerSettings } from './ppo-learner.js';
import { RecurrentPpo } from './recurrent-ppo.js';
import { SequenceBuffer, type FinishedTrajectory, type SequenceBatch } from './sequence-buffer.js';
import type { ThreadedUpdates } from '../plugin/update-thread.js';
import { PpoSignalStreams, trajectoryTransitions } from './signal-streams.js';
import type { TrajectoryTargets } from './update-buffer.js';
import { SignalValueHeads } from './value-heads.js';

/** One update's input, as the update thread receives it. */
interface RecurrentUpdateWork {
  readonly batch: SequenceBatch;
  /** steps / max_steps when the batch was drained (the schedules' progress). */
  readonly progress: number;
}

export class RecurrentPpoLearner extends ActorCriticLearner implements ImitationHost, ThreadedUpdates {
  private readonly ppo: RecurrentPpo;
  private readonly buffer: SequenceBuffer;
  /** The reward signals beside the extrinsic one with their value heads; null without. */
  private readonly streams: PpoSignalStreams | null;
  /** Behavioral cloning run after each update (on sequences from zero memories), set by the meta-learner. */
  imitation: ImitationHook | null = null;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: PpoLearnerSettings,
    seeds: RunSeeds,
  ) {
    super(spec, 'ppo', settings, seeds);
    const memory = this.policy.settings.memory;
    if (!memory) throw new Error('RecurrentPpoLearner: network settings without memory (use PpoLearner)');
    const hp = settings.hyperparameters;
    const label = `learner:${settings.id}`;
    // The same seeded streams as PpoLearner's, so a signal is built the same with or without memory.
    const signals = createRewardSignals(spec, settings, seeds, label);
    const heads = signals.length > 0 ? new SignalValueHeads(this.policy, signals.map((s) => s.name), seeds.rng(`${label}:value-heads`)) : null;
    this.streams = heads ? new PpoSignalStreams(signals, heads, hp.lambd) : null;
    this.ppo = new RecurrentPpo(this.policy, hp, this.updateRng, heads);
    const targetsOf = this.streams ? recurrentSignalTargets(this.policy, this.streams, spec.actionSpec, hp.gamma, hp.lambd) : null;
    this.buffer = new SequenceBuffer(spec.actionSpec, this.policy.observationSizes, hp.time_horizon, memory.sequenceLength, this.policy.memoryWidth, hp.gamma, hp.lambd, targetsOf);
    if (settings.threaded) this.threadUpdates(spec, settings, seeds, (acting) => takePpoActingState(this.policy, this.streams, acting as PpoActingState, `learner "${this.id}": update thread`));
  }

  /** The actor as behavioral cloning trains it: with its LSTM, on sequences. */
  bcActor(): BcActor {
    return actorCriticBcActor(this.policy);
  }

  endEpisodes(source: number, terminalSteps: TerminalSteps): void {
    const rewards = extrinsic(terminalSteps.rewards, terminalSteps.groupRewards, this.settings.rewardStrength);
    const terminal = rewards === terminalSteps.rewards ? terminalSteps : { ...terminalSteps, rewards };
    // An interrupted agent's final observation is valued from the memory its last decision left.
    const bootstrap = terminal.interrupted.some((x) => x === 1)
      ? predictValues(this.policy, terminal.observations, terminal.count, {}, this.buffer.memoriesAfter(source, terminal.agentIds))
      : null;
    this.buffer.endEpisodes(source, terminal, bootstrap);
  }

  addDecisions(source: number, decisionSteps: DecisionSteps, rows: ActOutput): void {
    const rewards = extrinsic(decisionSteps.rewards, decisionSteps.groupRewards, this.settings.rewardStrength);
    this.buffer.addDecisions(source, rewards === decisionSteps.rewards ? decisionSteps : { ...decisionSteps, rewards }, rows);
    this.stepsValue += decisionSteps.count;
  }

  forgetSource(source: number): void {
    this.buffer.dropOpen(source);
    this.recurrent?.learning.memories.forgetSource(source);
    this.recurrent?.evaluation.memories.forgetSource(source);
  }

  maybeUpdate(): Record<string, number> | null {
    // ML-Agents' on-policy trainer updates once the buffer holds strictly more than buffer_size steps (ppo-learner.ts too).
    const ready = this.buffer.size > this.settings.hyperparameters.buffer_size;
    // As PpoLearner's: with `threaded`, the update on the replica, its weights taken when the next one is due.
    if (this.threaded) return this.updateInThreadWhenReady(ready, this.imitation, () => ({ work: this.takeWork() }));
    if (!ready) return null;
    const signalRewards = this.streams?.takeStats() ?? {};
    const stats = this.updateOn(this.takeWork());
    this.updates++;
    return { ...signalRewards, ...stats };
  }

  /** The update thread's side (agents/plugin/update-worker.ts): the update on the sequences sent; what acts next. */
  updateInThread(work: unknown): { stats: Record<string, number>; acting: PpoActingState } {
    const stats = this.updateOn(work as RecurrentUpdateWork);
    return { stats, acting: ppoActingState(this.policy, this.streams) };
  }

  private takeWork(): RecurrentUpdateWork {
    return { batch: this.buffer.drain(), progress: Math.min(1, this.stepsValue / this.settings.maxSteps) };
  }

  /** The update, the signals' networks and behavioral cloning on a drained batch; their stats. */
  private updateOn({ batch, progress }: RecurrentUpdateWork): Record<string, number> {
    const hp = this.settings.hyperparameters;
    const stats = this.ppo.update(batch, progress);
    const signalStats = this.streams ? this.streams.train(batch.transitions!, hp.num_epoch, hp.batch_size) : {};
    const imitationStats = this.imitation?.afterUpdate(this.stepsValue) ?? {};
    return {
      ...imitationStats,
      ...signalStats,
      ...ppoUpdateTags(stats, batch.size),
      'Policy/Sequences': batch.sequences,
    };
  }

  private get parts(): PpoModelParts {
    return { ppo: this.ppo, imitation: this.imitation, streams: this.streams };
  }

  protected saveModel(): Record<string, unknown> {
    return savePpoModel(this.parts);
  }

  protected loadModel(state: LearnerState, where: string): void {
    loadPpoModel(this.parts, state, where);
  }

  setHyperparameters(values: Readonly<Record<string, number>>, where: string): void {
    retunePpo(this.ppo, values, where);
    this.retuneThread(values, where);
  }

  dispose(): void {
    this.closeThread();
    disposePpoModel(this.parts);
    this.policy.dispose();
  }
}

/**
 * A finished trajectory's targets with reward signals (signal-streams.ts): the extrinsic GAE from the acting values,
 * and each signal's head valued on the critic's LSTM stepped once from each step's stored memory (V_k(s') from the
 * memory the last step left), as the update's sequences will see them when the weights have not moved since.
 */
export function recurrentSignalTargets(policy: ActorCritic, streams: PpoSignalStreams, actionSpec: ActionSpec, gamma: number, lambda: number): (trajectory: FinishedTrajectory) => TrajectoryTargets {
  return ({ steps, next, done, terminal, bootstrap }) => {
    const n = steps.length;
    const values = Float32Array.from(steps, (s) => s.value);
    const gae = trajectoryGae(Float32Array.from(steps, (s) => s.reward), values, bootstrap, terminal, gamma, lambda);
    const transitions = trajectoryTransitions(steps, next, done, actionSpec);
    const W = policy.memoryWidth;
    const memories = new Float32Array(n * W);
    steps.forEach((s, t) => memories.set(s.memoryBefore, t * W));
    const signalValues = streams.heads.predict(transitions.observations, n, memories);
    const nextValues = streams.heads.predict(next, 1, steps[n - 1]!.memoryAfter).map((v) => v[0]!);
    const { advantages, signals } = streams.targets(transitions, signalValues, nextValues, terminal, gae);
    return { values, advantages, returns: gae.returns, signals };
  };
}
