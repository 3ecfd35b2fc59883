/** Checks every learner's checkpoint load makes, each naming the place, the field, what was expected and what came. */
import { ShivaError } from '../../src/core/errors.js';
import type { LearnerState } from './learner.js';

export function checkTrainerType(state: LearnerState, trainerType: string, where: string): void {
  if (state.trainerType !== trainerType) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: trainer_type: expected "${trainerType}", got "${state.trainerType}"`);
  }
}

/** A saved `updateCredit`, checked. */
export function checkCredit(credit: unknown, where: string): number {
  if (typeof credit !== 'number' || !Number.isFinite(credit) || credit < 0) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: updateCredit: expected a number ≥ 0, got ${JSON.stringify(credit ?? null)}`);
  }
  return credit;
}
