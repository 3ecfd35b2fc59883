/**
 * Where things are in a rule file, and errors that say so. Validation walks the plain JS value; when it
 * finds a problem it looks the path up in the parsed YAML document to name the line and column.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { CognitiveError, type CognitiveErrorCode } from '../errors.js';

export type Path = readonly (string | number)[];

export class RuleFileContext {
  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The 1-based line and column of the value at `path` (or of its key), as near as the document allows. */
  locate(path: Path, atKey = false): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let found: Node | null = (this.doc.contents as Node | null) ?? null;
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (pair === undefined) break;
        if (last && atKey && isScalar(pair.key)) {
          found = pair.key;
          break;
        }
        node = pair.value;
        if (isScalar(node) || isMap(node) || isSeq(node)) found = node;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
        if (isScalar(node) || isMap(node) || isSeq(node)) found = node;
        else break;
      } else break;
    }
    const offset = found?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  fail(code: CognitiveErrorCode, path: Path, message: string, atKey = false): never {
    const { line, column } = this.locate(path, atKey);
    throw new CognitiveError(code, message, { file: this.file, line, column, field: fieldName(path) });
  }

  /** "expected X, got Y" at the value. */
  expected(path: Path, expected: string, got: unknown): never {
    return this.fail('COG_RULES_INVALID', path, `expected ${expected}, got ${describeValue(got)}`);
  }

  /** "expected X, got Y" where Y is already a description (not a raw value). */
  mismatch(path: Path, expected: string, got: string): never {
    return this.fail('COG_RULES_INVALID', path, `expected ${expected}, got ${got}`);
  }

  /** A name that does not resolve, with the nearest known one. */
  unknownName(path: Path, what: string, name: string, known: readonly string[]): never {
    return this.fail('COG_RULES_REFERENCE', path, `unknown ${what} "${name}"; expected one of ${listOf(known)}${didYouMean(name, known)}`);
  }

  /** An unknown key in a map, pointing at the key itself. */
  unknownKey(path: Path, key: string, known: readonly string[]): never {
    return this.fail('COG_RULES_INVALID', [...path, key], `unknown key "${key}"; expected one of ${listOf(known)}${didYouMean(key, known)}`, true);
  }
}

/** conditionals[2].reject, predicates.selected.args */
export function fieldName(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'nothing';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return `a map with keys ${Object.keys(v).join(', ') || '(none)'}`;
  if (typeof v === 'string') return `"${v}" (text)`;
  return `${String(v)} (a ${typeof v})`;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? '(none declared)' : names.join(', ');
}

function didYouMean(word: string, known: readonly string[]): string {
  const best = nearestName(word, known);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** The known name closest by edit distance, if it is close enough to be a plausible typo. */
export function nearestName(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
