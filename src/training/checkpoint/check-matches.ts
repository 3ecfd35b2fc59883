/**
 * Does a checkpoint fit the network it is about to be loaded into? Compares the behavior name and every
 * tensor's name and shape, and lists all the differences at once (a renamed layer and a changed hidden size
 * show up together), so the user sees what changed between the run that saved and the config that loads.
 */
import { ShivaError } from '../../core/errors.js';
import { formatShape, type Checkpoint } from './checkpoint-format.js';

export interface ExpectedCheckpoint {
  /** The behavior the network is for; not compared when left out. */
  readonly behavior?: string;
  /** Every tensor the network needs, with its shape. */
  readonly tensors: Readonly<Record<string, readonly number[]>>;
  /**
   * Accept tensors the network does not need (an evaluator loading weights from a checkpoint that also
   * holds optimizer moments). Default false: an unexpected tensor usually means a different architecture.
   */
  readonly allowExtra?: boolean;
}

/** The most differences listed in one message; the rest are counted. */
const MAX_LISTED = 12;

/** Throws SHIVA_ERR_MODEL_STATE naming `source` and every mismatch; returns when the checkpoint fits. */
export function checkMatches(checkpoint: Checkpoint, expected: ExpectedCheckpoint, source = 'checkpoint'): void {
  const problems: string[] = [];
  if (expected.behavior !== undefined && checkpoint.meta.behavior !== expected.behavior) {
    problems.push(`behavior: expected "${expected.behavior}", found "${checkpoint.meta.behavior}"`);
  }
  for (const [name, shape] of Object.entries(expected.tensors)) {
    const found = checkpoint.tensors[name];
    if (found === undefined) problems.push(`tensor "${name}": expected shape ${formatShape(shape)}, missing from the checkpoint`);
    else if (!sameShape(found.shape, shape)) problems.push(`tensor "${name}": expected shape ${formatShape(shape)}, found ${formatShape(found.shape)}`);
  }
  if (!expected.allowExtra) {
    for (const [name, tensor] of Object.entries(checkpoint.tensors)) {
      if (!(name in expected.tensors)) problems.push(`tensor "${name}": not expected by the network, found shape ${formatShape(tensor.shape)}`);
    }
  }
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED);
  if (problems.length > MAX_LISTED) listed.push(`and ${problems.length - MAX_LISTED} more`);
  throw new ShivaError(
    'SHIVA_ERR_MODEL_STATE',
    `${source} does not fit the network it is loaded into (${problems.length} difference${problems.length === 1 ? '' : 's'}): ${listed.join('; ')}`,
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
