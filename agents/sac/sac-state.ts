/**
 * What every SAC variant (continuous, sac.ts; discrete, discrete-sac.ts; with memory, recurrent-sac.ts and
 * recurrent-discrete-sac.ts) holds and does alike: an actor, twin critics
 * and their targets (the targets start as copies), one Adam for the actor and one for both critics (as SB3's
 * critic optimiser holds both), the temperature and the gradient-step count, saved and checked alike. Each
 * variant builds its networks from one seeded init stream, hands them here, and adds its acting and its gradient
 * step.
 */
import type * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import type { ParameterNetwork } from '../networks/parameter-network.js';
import type { SavedParameter } from '../networks/parameters.js';
import { polyakUpdate } from '../networks/polyak.js';
import type { SacHyperparameters } from './hyperparameters.js';
import type { SignalQHeads, SavedSignalQHeads } from './signal-q-heads.js';
import { Temperature, type SavedTemperature } from './temperature.js';

export interface SavedSac {
  readonly actor: SavedParameter[];
  readonly critics: SavedParameter[][];
  readonly targetCritics: SavedParameter[][];
  readonly actorOptimizer: SavedAdam;
  readonly criticOptimizer: SavedAdam;
  readonly temperature: SavedTemperature;
  readonly gradientSteps: number;
  /** The reward signals' Q heads (signal-q-heads.ts); absent with the extrinsic signal alone. */
  readonly signalHeads?: SavedSignalQHeads;
}

/**
 * The shared part; each variant adds its acting and its gradient step (sac-core.ts's SacCore for the feed-forward
 * ones; recurrent-discrete-sac.ts's on sequences, with memories).
 */
export abstract class TwinCriticSac<Actor extends ParameterNetwork, Critic extends ParameterNetwork> {
  readonly temperature: Temperature;
  protected readonly actorOptimizer: Adam;
  protected readonly criticOptimizer: Adam;
  protected readonly criticVariables: tf.Variable[];
  protected steps = 0;

  protected constructor(
    readonly hp: SacHyperparameters,
    readonly actor: Actor,
    readonly critics: [Critic, Critic],
    readonly targetCritics: [Critic, Critic],
    /** H̄ per α component (one per discrete branch, or one for the continuous actions). */
    targetEntropies: readonly number[],
    /** The reward signals' Q heads, trained with the critics; null with the extrinsic signal alone. */
    readonly signalHeads: SignalQHeads | null = null,
  ) {
    this.critics.forEach((c, i) => polyakUpdate(this.targetCritics[i]!.params, c.params, 1));
    this.actorOptimizer = new Adam(this.actor.params.variables(), { epsilon: 1e-8 });
    this.criticVariables = [...this.critics.flatMap((c) => c.params.variables()), ...(signalHeads?.variables() ?? [])];
    this.criticOptimizer = new Adam(this.criticVariables, { epsilon: 1e-8 });
    this.temperature = new Temperature(targetEntropies, hp.init_entcoef);
  }

  get alphas(): readonly number[] {
    return this.temperature.alphas;
  }

  get gradientSteps(): number {
    return this.steps;
  }

  save(): SavedSac {
    return {
      actor: this.actor.save(),
      critics: this.critics.map((q) => q.save()),
      targetCritics: this.targetCritics.map((q) => q.save()),
      actorOptimizer: this.actorOptimizer.save(),
      criticOptimizer: this.criticOptimizer.save(),
      temperature: this.temperature.save(),
      gradientSteps: this.steps,
      ...(this.signalHeads ? { signalHeads: this.signalHeads.save() } : {}),
    };
  }

  /** Loads `state` after checking its counts, the gradient-step count with it. */
  load(state: unknown, where: string): void {
    const saved = state as SavedSac;
    const steps = saved?.gradientSteps;
    if (!Number.isSafeInteger(steps) || steps < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: gradientSteps: expected an integer ≥ 0, got ${JSON.stringify(steps ?? null)}`);
    }
    checkPair(saved.critics, 'critics', where);
    checkPair(saved.targetCritics, 'targetCritics', where);
    this.actor.load(saved.actor, `${where}: actor`);
    this.critics.forEach((q, i) => q.load(saved.critics[i]!, `${where}: critic ${i + 1}`));
    this.targetCritics.forEach((q, i) => q.load(saved.targetCritics[i]!, `${where}: target critic ${i + 1}`));
    this.signalHeads?.load(saved.signalHeads, `${where}: signalHeads`);
    this.actorOptimizer.load(saved.actorOptimizer, `${where}: actor optimizer`);
    this.criticOptimizer.load(saved.criticOptimizer, `${where}: critic optimizer`);
    this.temperature.load(saved.temperature, `${where}: temperature`);
    this.steps = steps;
  }

  dispose(): void {
    for (const net of [this.actor, ...this.critics, ...this.targetCritics]) net.dispose();
    this.signalHeads?.dispose();
    this.temperature.dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }
}

function checkPair(list: unknown, field: string, where: string): void {
  if (!Array.isArray(list) || list.length !== 2) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: ${field}: expected 2 (twin critics), got ${Array.isArray(list) ? list.length : typeof list}`);
  }
}
