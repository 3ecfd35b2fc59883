/**
 * Predicates: named relations over typed arguments, each with a working-memory table over its arguments.
 *
 * - A *unique* argument is a random variable (exactly one value holds, with a distribution); a *universal*
 *   argument is rule-like (any number of values may hold). At most one argument may be unique here, which
 *   covers Sigma's usual shapes (e.g. selected(state universal, operator unique)).
 * - *Closed world*: what is not in memory is false (0). *Open world*: what is not in memory is unknown —
 *   1 for universal entries (anything may hold), uniform over a unique argument.
 * - The selection *mark* says how a unique argument's distribution is read back into memory after
 *   elaboration: the distribution itself, the best value, the value nearest the expected one, or a sample.
 * A predicate with no arguments holds one number: its truth degree in [0, 1].
 */
import { CognitiveError } from '../errors.js';
import type { DomainType } from '../graph/types.js';
import { strides, tableSize } from '../graph/factor.js';

export type WorldAssumption = 'open' | 'closed';
export type SelectionMark = 'distribution' | 'best' | 'expected' | 'probability-matching';
export const SELECTION_MARKS: readonly SelectionMark[] = ['distribution', 'best', 'expected', 'probability-matching'];

export interface PredicateArg {
  readonly name: string;
  readonly type: DomainType;
  readonly unique: boolean;
}

export interface Predicate {
  readonly name: string;
  readonly args: readonly PredicateArg[];
  readonly world: WorldAssumption;
  readonly mark: SelectionMark;
  /** entries of the memory table (1 for no arguments) */
  readonly size: number;
  readonly strides: readonly number[];
  /** position of the unique argument, or -1 */
  readonly uniqueArg: number;
  /** for a unique argument: the first entry of each slice along it (one per assignment of the others) */
  readonly sliceStarts: Int32Array;
}

export function definePredicate(
  name: string,
  args: readonly PredicateArg[],
  world: WorldAssumption = 'closed',
  mark: SelectionMark = 'distribution',
): Predicate {
  const uniques = args.map((a, i) => (a.unique ? i : -1)).filter((i) => i >= 0);
  if (uniques.length > 1) {
    throw new CognitiveError('COG_RULES_INVALID', `predicate ${name}: expected at most one unique argument, got ${uniques.length}`);
  }
  const uniqueArg = uniques[0] ?? -1;
  if (mark !== 'distribution' && uniqueArg < 0) {
    throw new CognitiveError('COG_RULES_INVALID', `predicate ${name}: the mark ${mark} needs a unique argument, got none`);
  }
  if (mark === 'expected' && uniqueArg >= 0 && args[uniqueArg]!.type.kind === 'symbolic') {
    throw new CognitiveError('COG_RULES_INVALID', `predicate ${name}: the mark expected needs a numeric (discrete or continuous) unique argument, got symbolic type ${args[uniqueArg]!.type.name}`);
  }
  const sizes = args.map((a) => a.type.labels.length);
  const size = tableSize(sizes);
  const st = strides(sizes);
  let sliceStarts = new Int32Array(0);
  if (uniqueArg >= 0) {
    const n = sizes[uniqueArg]!;
    const stride = st[uniqueArg]!;
    const starts: number[] = [];
    for (let e = 0; e < size; e++) if (Math.floor(e / stride) % n === 0) starts.push(e);
    sliceStarts = Int32Array.from(starts);
  }
  return { name, args, world, mark, size, strides: st, uniqueArg, sliceStarts };
}

/** The table entry for one value index per argument. */
export function entryIndex(p: Predicate, argValues: readonly number[]): number {
  let e = 0;
  for (let i = 0; i < p.args.length; i++) e += argValues[i]! * p.strides[i]!;
  return e;
}

/** The memory table of a predicate nothing has written: closed 0; open 1 (universal) or uniform (unique). */
export function unknownTable(p: Predicate): Float64Array {
  const t = new Float64Array(p.size);
  if (p.world === 'open') t.fill(p.uniqueArg >= 0 ? 1 / p.args[p.uniqueArg]!.type.labels.length : 1);
  return t;
}
