/**
 * Behavioral cloning beside a learner's algorithm (ML-Agents' `behavioral_cloning` section): where the learner calls
 * it (after each PPO or POCA update, after each SAC gradient step, as ML-Agents' trainers call bc_module.update()),
 * one BC update of the actor on the demonstration, with its own Adam whose step size is
 *
 *   lr_bc(t) = learning_rate × strength × (1 − t / steps)     (t = the learner's agent steps; held at ~0 after)
 *            = learning_rate × strength                        when steps = 0 (constant),
 *
 * as ML-Agents' BCModule does it (mlagents/trainers/torch/components/bc/module.py: `current_lr = policy lr ×
 * strength`, a linear DecayedValue to 1e-10 over `steps`, and no update once it is there). The strength scales the
 * step size rather than the loss because Adam divides the gradient's scale away: a loss weight would change nothing.
 */
import { BehavioralCloning, type BcSettings, type SavedBehavioralCloning } from './behavioral-cloning.js';
import type { ImitationDataset } from './imitation-dataset.js';
import type { ActorCritic } from '../networks/actor-critic.js';
import type { BcActor, ImitationHook } from '../plugin/imitation-hook.js';
import type { Rng, RngState } from '../../src/core/runtime/rng.js';

export interface BcAuxiliarySettings extends Omit<BcSettings, 'learningRate'> {
  /** The trainer's (initial) learning_rate. */
  readonly learningRate: number;
  /** behavioral_cloning.strength. */
  readonly strength: number;
  /** behavioral_cloning.steps: anneal to 0 over this many agent steps; 0 = constant. */
  readonly steps: number;
}

/** ML-Agents' floor for a decayed learning rate; at or below it BC stops updating. */
const MIN_BC_LEARNING_RATE = 1e-10;

interface SavedBcAuxiliary {
  readonly bc: SavedBehavioralCloning;
  readonly rng: RngState;
  readonly updates: number;
}

export class BcAuxiliary implements ImitationHook {
  private readonly bc: BehavioralCloning;
  private updates = 0;

  constructor(
    policy: ActorCritic | BcActor,
    private readonly demo: ImitationDataset,
    private readonly settings: BcAuxiliarySettings,
    private readonly rng: Rng,
  ) {
    this.bc = new BehavioralCloning(policy, { ...settings, learningRate: settings.learningRate * settings.strength }, rng);
  }

  /** The BC step size at `steps` agent steps. */
  learningRateAt(steps: number): number {
    const initial = this.settings.learningRate * this.settings.strength;
    if (this.settings.steps === 0) return initial;
    const progress = Math.min(1, steps / this.settings.steps);
    return (initial - MIN_BC_LEARNING_RATE) * (1 - progress) + MIN_BC_LEARNING_RATE;
  }

  afterUpdate(steps: number): Record<string, number> {
    const learningRate = this.learningRateAt(steps);
    if (learningRate <= MIN_BC_LEARNING_RATE) return { 'Losses/Pretraining Loss': 0, 'Policy/BC Learning Rate': 0 };
    const stats = this.bc.update(this.demo, learningRate);
    this.updates++;
    return { 'Losses/Pretraining Loss': stats.loss, 'Policy/BC Learning Rate': learningRate };
  }

  get updateCount(): number {
    return this.updates;
  }

  /** The BC loss and accuracy of the current policy on the demonstration. */
  evaluate() {
    return this.bc.evaluate(this.demo);
  }

  save(): SavedBcAuxiliary {
    return { bc: this.bc.save(), rng: this.rng.getState(), updates: this.updates };
  }

  load(state: unknown, where: string): void {
    const s = state as SavedBcAuxiliary;
    this.bc.load(s?.bc, where);
    this.rng.setState(s.rng);
    this.updates = s.updates;
  }

  dispose(): void {
    this.bc.dispose();
  }
}
