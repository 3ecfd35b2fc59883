/**
 * `shiva.memory_budget`: how many bytes the learners of a run may take (src/training/memory-budget.ts checks their
 * estimate against it before any is created). A number of bytes, or a size with a unit ("8 GiB", "512MB"); null
 * or absent: half of this machine's memory.
 */
import type { Section } from './section.js';
import { describeNode } from './source-tree.js';

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };
/** Below this no learner fits; above it, no machine. */
const MIN_BUDGET = 2 ** 20;
const MAX_BUDGET = 2 ** 50;
const EXPECTED = 'null, a number of bytes, or a size such as "8 GiB" or "512MB" (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), from 1 MiB to 1 PiB';

export function parseMemoryBudget(s: Section, key = 'memory_budget'): number | null {
  if (s.isNull(key)) return null;
  return parseByteSize(s, key);
}

/** A number of bytes, or a size with a unit ("8 GiB", "512MB"), from 1 MiB to 1 PiB, under `key` (which is set, not null). */
export function parseByteSize(s: Section, key: string): number {
  const node = s.node(key)!;
  const value = node.kind === 'scalar' ? node.value : undefined;
  let bytes: number | null = null;
  if (typeof value === 'number') bytes = value;
  else if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$/i.exec(value);
    const unit = match ? UNITS[(match[2] ?? 'b').toLowerCase()] : undefined;
    if (match && unit !== undefined) bytes = Number(match[1]) * unit;
  }
  if (bytes === null || !Number.isFinite(bytes) || bytes < MIN_BUDGET || bytes > MAX_BUDGET) return s.fail(key, EXPECTED, describeNode(node));
  return Math.floor(bytes);
}
