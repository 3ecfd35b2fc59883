/**
 * The state both SAC variants keep (continuous, sac.ts; discrete, discrete-sac.ts): an actor, twin critics and their
 * targets, two optimisers, the temperature and the gradient-step count, saved and checked alike.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Adam, SavedAdam } from '../networks/adam.js';
import type { SavedParameter } from '../networks/parameters.js';
import type { SavedTemperature, Temperature } from './temperature.js';

export interface SavedSac {
  readonly actor: SavedParameter[];
  readonly critics: SavedParameter[][];
  readonly targetCritics: SavedParameter[][];
  readonly actorOptimizer: SavedAdam;
  readonly criticOptimizer: SavedAdam;
  readonly temperature: SavedTemperature;
  readonly gradientSteps: number;
}

/** A network with weights to save: the actor or a critic of either variant. */
interface Network {
  save(): SavedParameter[];
  load(saved: readonly SavedParameter[], where: string): void;
  dispose(): void;
}

export interface SacParts {
  readonly actor: Network;
  readonly critics: readonly Network[];
  readonly targetCritics: readonly Network[];
  readonly actorOptimizer: Adam;
  readonly criticOptimizer: Adam;
  readonly temperature: Temperature;
}

export function saveSac(parts: SacParts, gradientSteps: number): SavedSac {
  return {
    actor: parts.actor.save(),
    critics: parts.critics.map((q) => q.save()),
    targetCritics: parts.targetCritics.map((q) => q.save()),
    actorOptimizer: parts.actorOptimizer.save(),
    criticOptimizer: parts.criticOptimizer.save(),
    temperature: parts.temperature.save(),
    gradientSteps,
  };
}

/** Loads `state` into `parts` after checking its counts; returns the saved gradient-step count. */
export function loadSac(parts: SacParts, state: unknown, where: string): number {
  const saved = state as SavedSac;
  const steps = saved?.gradientSteps;
  if (!Number.isSafeInteger(steps) || steps < 0) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: gradientSteps: expected an integer ≥ 0, got ${JSON.stringify(steps ?? null)}`);
  }
  checkPair(saved.critics, 'critics', where);
  checkPair(saved.targetCritics, 'targetCritics', where);
  parts.actor.load(saved.actor, `${where}: actor`);
  parts.critics.forEach((q, i) => q.load(saved.critics[i]!, `${where}: critic ${i + 1}`));
  parts.targetCritics.forEach((q, i) => q.load(saved.targetCritics[i]!, `${where}: target critic ${i + 1}`));
  parts.actorOptimizer.load(saved.actorOptimizer, `${where}: actor optimizer`);
  parts.criticOptimizer.load(saved.criticOptimizer, `${where}: critic optimizer`);
  parts.temperature.load(saved.temperature, `${where}: temperature`);
  return steps;
}

export function disposeSac(parts: SacParts): void {
  for (const net of [parts.actor, ...parts.critics, ...parts.targetCritics]) net.dispose();
  parts.temperature.dispose();
}

function checkPair(list: unknown, field: string, where: string): void {
  if (!Array.isArray(list) || list.length !== 2) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: ${field}: expected 2 (twin critics), got ${Array.isArray(list) ? list.length : typeof list}`);
  }
}
