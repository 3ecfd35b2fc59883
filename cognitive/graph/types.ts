/**
 * Sigma's types: the domains a variable or a predicate argument ranges over. All three become a finite list of
 * values here; a continuous range is cut into equal-width bins (piecewise-constant functions over the bins).
 */
import { CognitiveError } from '../errors.js';

export type DomainType = SymbolicType | DiscreteType | BinnedType;

/** A list of named constants, e.g. [fire, hold, cover]. */
export interface SymbolicType {
  readonly kind: 'symbolic';
  readonly name: string;
  readonly labels: readonly string[];
}

/** The integers lo..hi inclusive; labels are the numbers written out. */
export interface DiscreteType {
  readonly kind: 'discrete';
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
  readonly labels: readonly string[];
}

/** A continuous range [min, max) in `bins` equal bins; values outside are clamped into the end bins. */
export interface BinnedType {
  readonly kind: 'continuous';
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly bins: number;
  readonly labels: readonly string[];
}

export function symbolicType(name: string, labels: readonly string[]): SymbolicType {
  if (labels.length === 0) throw new CognitiveError('COG_GRAPH_INVALID', `type ${name}: expected at least one label, got none`);
  if (new Set(labels).size !== labels.length) {
    throw new CognitiveError('COG_GRAPH_INVALID', `type ${name}: expected distinct labels, got ${labels.join(', ')}`);
  }
  return { kind: 'symbolic', name, labels: [...labels] };
}

export function discreteType(name: string, lo: number, hi: number): DiscreteType {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
    throw new CognitiveError('COG_GRAPH_INVALID', `type ${name}: expected integers lo <= hi, got ${lo}..${hi}`);
  }
  const labels: string[] = [];
  for (let v = lo; v <= hi; v++) labels.push(String(v));
  return { kind: 'discrete', name, lo, hi, labels };
}

export function binnedType(name: string, min: number, max: number, bins: number): BinnedType {
  if (!(max > min) || !Number.isInteger(bins) || bins < 1) {
    throw new CognitiveError('COG_GRAPH_INVALID', `type ${name}: expected min < max and an integer bins >= 1, got ${min}, ${max}, ${bins}`);
  }
  const labels: string[] = [];
  const width = (max - min) / bins;
  for (let i = 0; i < bins; i++) labels.push(`[${round6(min + i * width)},${round6(min + (i + 1) * width)})`);
  return { kind: 'continuous', name, min, max, bins, labels };
}

export function domainSize(type: DomainType): number {
  return type.labels.length;
}

/** The index of a label, or -1. */
export function labelIndex(type: DomainType, label: string): number {
  return type.labels.indexOf(label);
}

/**
 * The value index a number falls on: discrete values are rounded and clamped, continuous values are binned
 * and clamped, symbolic types read the number as an index (rounded, clamped).
 */
export function numberToIndex(type: DomainType, x: number): number {
  let i: number;
  if (type.kind === 'discrete') i = Math.round(x) - type.lo;
  else if (type.kind === 'continuous') i = Math.floor(((x - type.min) / (type.max - type.min)) * type.bins);
  else i = Math.round(x);
  const n = type.labels.length;
  if (!(i >= 0)) return 0; // also catches NaN
  return i >= n ? n - 1 : i;
}

/** The number a value index stands for: the integer, the bin centre, or the index for symbolic types. */
export function indexToNumber(type: DomainType, i: number): number {
  if (type.kind === 'discrete') return type.lo + i;
  if (type.kind === 'continuous') return type.min + (i + 0.5) * ((type.max - type.min) / type.bins);
  return i;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
