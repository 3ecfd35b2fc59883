/**
 * The simulation ended the run itself: Unity answered with status 400 (the Editor left play mode, or the build was
 * disposed), as ML-Agents' UnityCommunicatorStoppedException. It keeps the code of every closed session
 * (SHIVA_ERR_CLOSED) so that callers that only look at codes are unchanged; training tells it apart from a failure
 * with isSimulationStopped() and ends the run normally (final checkpoint, summary, exit 0), as mlagents-learn does.
 */
import { ShivaError } from '../errors.js';

export class SimulationStoppedError extends ShivaError {
  constructor(message: string) {
    super('SHIVA_ERR_CLOSED', message);
  }
}

export function isSimulationStopped(error: unknown): error is SimulationStoppedError {
  return error instanceof SimulationStoppedError;
}
