/**
 * Hyperparameters a learner takes after it was created: population-based training (src/training/population/)
 * copies a better member's state into a worse one (exploit) and then perturbs the explored hyperparameters
 * (explore). Only keys the learner reads at every update can change this way (PPO's learning rate, β and ε feed
 * its schedules at each update); keys that size buffers or networks cannot.
 */
import { ShivaError } from '../../src/core/errors.js';
import { accepts, expectedOf, type HyperparameterSchema, type HyperparameterValues } from './hyperparameter-table.js';

/** `hyperparameters` with `values` laid over them, each key tunable and each value one the table accepts. */
export function retuned<H extends HyperparameterValues>(schema: HyperparameterSchema, tunable: readonly string[], hyperparameters: H, values: Readonly<Record<string, number>>, where: string): H {
  for (const [key, value] of Object.entries(values)) {
    if (!tunable.includes(key)) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected one of the hyperparameters this learner takes after creation (${tunable.join(', ')}), got "${key}"`);
    const entry = schema.table[key]!;
    if (!accepts(entry, value)) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expectedOf(entry, value)}, got ${JSON.stringify(value)}`);
  }
  return { ...hyperparameters, ...values };
}
