/**
 * PPO as a learner, with ML-Agents' trajectory semantics (release 21: agent_processor.py, trainer/on_policy_trainer.py,
 * ppo/trainer.py `_process_trajectory`), in this order:
 *
 *   1. Each agent's steps are collected per (environment, agent) and emitted as one trajectory when it holds
 *      time_horizon steps or its episode ends (trajectory.ts).
 *   2. At emission: V(s) of every step with the network as it is now (ML-Agents re-estimates the whole trajectory
 *      with the current critic; a step acted since the last update already carries exactly that value, so only
 *      trajectories acted across an update are run through the critic again), and V(s') of the observation after
 *      the last step, 0 where the episode truly ended (done and not interrupted).
 *   3. GAE with λ on that trajectory alone (gae.ts `trajectoryGae`), the last step bootstrapped from V(s'); the
 *      trajectory goes whole into the update buffer (update-buffer.ts).
 *   4. After each environment step, once the update buffer holds strictly more than buffer_size steps, one PPO
 *      update on all of them (ppo.ts: advantages normalised over the whole buffer, num_epoch shuffles, each cut into
 *      ⌊steps / batch_size⌋ minibatches, the rest sitting that epoch out), then the buffer is emptied.
 *
 * Reward signals (ML-Agents' reward_signals): the extrinsic one is the environment's reward, (each agent's + its
 * group's) × extrinsic strength, learned by the actor-critic's value head with hyperparameters.gamma. Each other
 * signal (gail, curiosity, rnd; agents/reward-signals) has its own value head on the critic encoder
 * (value-heads.ts) and its own gamma. At emission (2–3), per signal k: r_k = strength_k · r_k(s, a, s') from the
 * signal's networks as they are, V_k(s) and V_k(s') from its head (V_k(s') = 0 at a true terminal unless the signal
 * ignores dones), GAE with its gamma; the advantage is the mean over the extrinsic and every signal's advantage
 * (ML-Agents' global advantage), and each head regresses on its own returns. At the update each signal trains its
 * networks on the buffer's transitions (num_epoch passes, minibatches of batch_size). That part is signal-streams.ts,
 * which the recurrent learner shares.
 *
 * Steps count (`steps`, which max_steps bounds and the schedules read) as agents decide, as before; ML-Agents counts
 * them when a trajectory reaches the trainer, at most time_horizon steps later per agent. Shiva updates the
 * observation normaliser with each update's batch (ppo.ts), ML-Agents with each trajectory.
 *
 * With the extrinsic signal alone none of the signal machinery runs.
 *
 * `threaded` (ML-Agents' key): step 4 runs in a thread of its own (agents/plugin/update-thread.ts) on a replica
 * of this learner, while the environments go on stepping with this thread's copy of the policy. The new weights
 * are taken when the next update is due, so each batch is acted by the weights of two updates before it (one
 * update behind the unthreaded schedule) whatever the machine's speed, and a seeded run stays reproducible. An
 * update's stats are reported when the next one starts. save() and exportPolicy() wait for the update in flight and
 * read the replica, load() takes it first, retuning reaches the replica after it (agents/plugin/updates-in-thread.ts).
 */
import { predictValues, type ActOutput } from '../networks/acting.js';
import { disposePpoModel, loadPpoModel, ppoActingState, ppoUpdateTags, retunePpo, savePpoModel, takePpoActingState, type PpoActingState, type PpoModelParts } from './ppo-learner-parts.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import { trajectoryGae } from './gae.js';
import { Ppo } from './ppo.js';
import { isTerminal, TrajectoryCollector, type Trajectory } from './trajectory.js';
import { UpdateBuffer, type ClosedTransitions, type TrainingBatch, type TrajectoryTargets } from './update-buffer.js';
import { SignalValueHeads } from './value-heads.js';
import { PpoSignalStreams, stackRows, trajectoryTransitions } from './signal-streams.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { ActorCriticLearner } from '../plugin/actor-critic-learner.js';
import type { LearnerState } from '../plugin/learner.js';
import { buffersOf, type ThreadedUpdates } from '../plugin/update-thread.js';
import type { BcActor, ImitationHook, ImitationHost } from '../plugin/imitation-hook.js';
import { actorCriticBcActor } from '../imitation/bc-actor.js';
import { extrinsic } from '../plugin/rewards.js';
import { createRewardSignals } from '../plugin/create-reward-signals.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';

/**
 * PPO's settings: rewards are (each agent's + its group's) × reward_signals.extrinsic.strength, as ML-Agents;
 * reward_signals.gail (with the demonstrations `gailExpert` reads when the learner is created), .curiosity and .rnd
 * each add a reward signal with its own value head.
 */
export type PpoLearnerSettings = LearnerSettings<PpoHyperparameters>;

/** What PpoLearner calls after each PPO update (agents/plugin/imitation-hook.ts). */
export type { ImitationHook };

/** One update's input, as the update thread receives it. */
interface PpoUpdateWork {
  readonly batch: TrainingBatch;
  readonly transitions: ClosedTransitions | null;
  /** steps / max_steps when the batch was taken (the schedules' progress). */
  readonly progress: number;
}

export class PpoLearner extends ActorCriticLearner implements ImitationHost, ThreadedUpdates {
  private readonly ppo: Ppo;
  private readonly collector: TrajectoryCollector;
  private readonly buffer: UpdateBuffer;
  /** The reward signals beside the extrinsic one (gail, curiosity, rnd) with their value heads; null without. */
  private readonly streams: PpoSignalStreams | null;
  /** Behavioral cloning run after each PPO update (agents/imitation/bc-auxiliary.ts), set by the meta-learner; its state rides in save(). */
  imitation: ImitationHook | null = null;
  /** Called with every emitted trajectory and what was computed for it (tests, diagnostics). */
  onTrajectory: ((trajectory: Trajectory, targets: TrajectoryTargets & { readonly nextValue: number }) => void) | null = null;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: PpoLearnerSettings,
    seeds: RunSeeds,
  ) {
    super(spec, 'ppo', settings, seeds);
    const label = `learner:${settings.id}`;
    const signals = createRewardSignals(spec, settings, seeds, label);
    const heads = signals.length > 0 ? new SignalValueHeads(this.policy, signals.map((s) => s.name), seeds.rng(`${label}:value-heads`)) : null;
    this.streams = heads ? new PpoSignalStreams(signals, heads, settings.hyperparameters.lambd) : null;
    this.ppo = new Ppo(this.policy, settings.hyperparameters, this.updateRng, heads);
    const { continuousSize, discreteBranches } = spec.actionSpec;
    this.collector = new TrajectoryCollector(this.policy.observationSizes, continuousSize, discreteBranches.length, this.policy.logitsSize, settings.hyperparameters.time_horizon);
    this.buffer = new UpdateBuffer(spec.actionSpec, this.policy.observationSizes, heads !== null);
    if (settings.threaded) this.threadUpdates(spec, settings, seeds, (acting) => takePpoActingState(this.policy, this.streams, acting as PpoActingState, `learner "${this.id}": update thread`));
  }

  /** Steps in the update buffer (emitted trajectories waiting for the next update). */
  get bufferedSteps(): number {
    return this.buffer.size;
  }

  /** The actor as behavioral cloning trains it. */
  bcActor(): BcActor {
    return actorCriticBcActor(this.policy);
  }

  /** Ends the listed agents' episodes: their trajectories are emitted, done (interrupted ones bootstrapped). */
  endEpisodes(source: number, terminalSteps: TerminalSteps): void {
    const emitted = this.collector.endEpisodes(source, this.scaled(terminalSteps));
    if (emitted.length > 0) this.process(emitted);
  }

  addDecisions(source: number, decisionSteps: DecisionSteps, rows: ActOutput): void {
    const rewards = extrinsic(decisionSteps.rewards, decisionSteps.groupRewards, this.settings.rewardStrength);
    const emitted = this.collector.addDecisions(source, rewards === decisionSteps.rewards ? decisionSteps : { ...decisionSteps, rewards }, rows, this.updates);
    if (emitted.length > 0) this.process(emitted);
    this.stepsValue += decisionSteps.count;
  }

  forgetSource(source: number): void {
    this.collector.dropOpen(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    // ML-Agents' _is_ready_update: strictly more than buffer_size.
    const ready = this.buffer.size > hp.buffer_size;
    if (this.threaded) return this.updateInThreadWhenReady(ready, this.imitation, () => {
      const work = this.takeWork();
      return { work, transfer: workBuffers(work) };
    });
    if (!ready) return null;
    const signalRewards = this.streams?.takeStats() ?? {};
    const stats = this.updateOn(this.takeWork());
    this.updates++;
    return { ...signalRewards, ...stats };
  }

  /** The update thread's side (update-worker.ts): trains on the work sent, answers with the new acting state. */
  updateInThread(work: unknown): { stats: Record<string, number>; acting: PpoActingState } {
    const stats = this.updateOn(work as PpoUpdateWork);
    return { stats, acting: ppoActingState(this.policy, this.streams) };
  }

  /** Step 4 on a taken batch: the PPO update, the signals' networks, behavioral cloning; their stats. */
  private updateOn({ batch, transitions, progress }: PpoUpdateWork): Record<string, number> {
    const hp = this.settings.hyperparameters;
    const stats = this.ppo.update(batch, progress);
    const signalStats = this.streams ? this.streams.train(transitions!, hp.num_epoch, hp.batch_size) : {};
    const imitationStats = this.imitation?.afterUpdate(this.stepsValue) ?? {};
    return { ...imitationStats, ...signalStats, ...ppoUpdateTags(stats, batch.size) };
  }

  private takeWork(): PpoUpdateWork {
    const { batch, transitions } = this.buffer.take();
    return { batch, transitions, progress: Math.min(1, this.stepsValue / this.settings.maxSteps) };
  }

  /** Values, GAE and the signals' rewards of emitted trajectories (steps 2–3 of the file's note), into the update buffer. */
  private process(trajectories: readonly Trajectory[]): void {
    const hp = this.settings.hyperparameters;
    for (const trajectory of trajectories) {
      const { steps } = trajectory;
      const n = steps.length;
      const terminal = isTerminal(trajectory);
      // Step 2: values under the current weights (acting values where the weights have not changed since).
      const version = this.updates;
      const fresh = steps.every((s) => s.version === version);
      const values = fresh ? Float32Array.from(steps, (s) => s.value) : predictValues(this.policy, stackRows(steps.map((s) => s.observations)), n);
      let nextValue = 0;
      if (!terminal) nextValue = trajectory.nextValue !== null && trajectory.nextVersion === version ? trajectory.nextValue : predictValues(this.policy, trajectory.nextObservations, 1)[0]!;
      const rewards = Float32Array.from(steps, (s) => s.reward);
      // Step 3: GAE on this trajectory.
      const gae = trajectoryGae(rewards, values, nextValue, terminal, hp.gamma, hp.lambd);
      if (!this.streams) {
        this.append(trajectory, { values, advantages: gae.advantages, returns: gae.returns }, nextValue);
        continue;
      }
      // The signals' values under the current heads, their GAE, and the global advantage (signal-streams.ts).
      const transitions = trajectoryTransitions(steps, trajectory.nextObservations, trajectory.done, this.spec.actionSpec);
      const heads = this.streams.heads;
      const signalValues = heads.predict(transitions.observations, n);
      const next = heads.predict(trajectory.nextObservations, 1).map((v) => v[0]!);
      const { advantages, signals } = this.streams.targets(transitions, signalValues, next, terminal, gae);
      this.append(trajectory, { values, advantages, returns: gae.returns, signals }, nextValue);
    }
  }

  private append(trajectory: Trajectory, targets: TrajectoryTargets, nextValue: number): void {
    this.buffer.append(trajectory, targets);
    this.onTrajectory?.(trajectory, { ...targets, nextValue });
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

  private scaled(terminal: TerminalSteps): TerminalSteps {
    const rewards = extrinsic(terminal.rewards, terminal.groupRewards, this.settings.rewardStrength);
    return rewards === terminal.rewards ? terminal : { ...terminal, rewards };
  }
}

/** Every distinct buffer of a taken batch: they move to the update thread rather than being copied. */
function workBuffers({ batch, transitions }: PpoUpdateWork): ArrayBuffer[] {
  return buffersOf([
    ...batch.observations,
    ...(transitions?.nextObservations ?? []),
    batch.continuousActions,
    batch.discreteActions,
    batch.factors,
    batch.logProbs,
    batch.values,
    batch.advantages,
    batch.returns,
    ...(batch.signals ?? []).flatMap((t) => [t.values, t.returns]),
    transitions?.dones,
  ]);
}
