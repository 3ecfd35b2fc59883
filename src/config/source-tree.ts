/**
 * A run-configuration file as a plain tree whose every node remembers where it came from: the line in the file
 * (and the key path there), or the command-line flag that set it. Validation reads this tree, so any value,
 * wherever it was merged from (default_settings, a YAML anchor, a CLI override), names its origin in errors.
 *
 * YAML is read with the `yaml` package (YAML 1.2 core schema, so `3.0e-4` and `1e-3` are numbers), with `<<`
 * merge keys allowed as PyYAML allows them; duplicate keys and syntax errors fail with file, line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ShivaError } from '../core/errors.js';

/** Where a value came from. `path` is the key path in the file, which differs from where it is read when merged. */
export type Origin =
  | { readonly kind: 'file'; readonly line: number; readonly path: string }
  | { readonly kind: 'cli'; readonly flag: string }
  | { readonly kind: 'none' };

export type Scalar = string | number | boolean | null;

export interface MapNode {
  readonly kind: 'map';
  readonly entries: Map<string, Entry>;
  readonly origin: Origin;
}
export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly SourceNode[];
  readonly origin: Origin;
}
export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: Scalar;
  readonly origin: Origin;
}
export type SourceNode = MapNode | SeqNode | ScalarNode;

export interface Entry {
  /** Where the key itself is written (unknown-key errors point here). */
  readonly keyOrigin: Origin;
  readonly value: SourceNode;
}

/** Alias expansion can make a small file huge (a "billion laughs"); no real config comes near this. */
const MAX_NODES = 100_000;

/** Parses `text` into a tree; YAML syntax errors become SHIVA_ERR_CONFIG naming `file`, line and column. */
export function parseSourceTree(text: string, file: string): MapNode {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new ShivaError('SHIVA_ERR_CONFIG', `${where}: YAML syntax error: ${firstLine(error.message)}`);
  }
  const builder = new TreeBuilder(doc, lineCounter, file);
  if (doc.contents === null) return { kind: 'map', entries: new Map(), origin: { kind: 'file', line: 1, path: '' } };
  const root = builder.build(doc.contents, '');
  if (root.kind !== 'map') {
    const line = root.origin.kind === 'file' ? root.origin.line : 1;
    throw new ShivaError('SHIVA_ERR_CONFIG', `${file}:${line}: (top level): expected a mapping of sections (behaviors, env_settings, ...), got ${describeNode(root)}`);
  }
  return root;
}

/** The yaml package's messages end with " at line L, column C:" and a code frame; we give the place ourselves. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

class TreeBuilder {
  private count = 0;
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  private lineOf(node: { range?: readonly number[] | null } | null | undefined, fallback = 1): number {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : this.lines.linePos(offset).line;
  }

  /** `fallbackLine` places an empty value (`key:` with nothing after it) on its key's line. */
  build(node: Node | null, path: string, depth = 0, fallbackLine = 1): SourceNode {
    if (++this.count > MAX_NODES || depth > 64) {
      throw new ShivaError('SHIVA_ERR_CONFIG', `${this.file}:${this.lineOf(node, fallbackLine)}: ${path || '(top level)'}: expected a configuration of reasonable size, got over ${MAX_NODES} values or 64 levels (alias expansion?)`);
    }
    const origin: Origin = { kind: 'file', line: this.lineOf(node, fallbackLine), path };
    if (node === null) return { kind: 'scalar', value: null, origin };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new ShivaError('SHIVA_ERR_CONFIG', `${this.file}:${origin.line}: ${path}: expected a defined anchor, got alias *${node.source}`);
      return this.build(target, path, depth + 1, origin.line);
    }
    if (isScalar(node)) return { kind: 'scalar', value: toScalar(node.value), origin };
    if (isSeq(node)) return { kind: 'seq', items: node.items.map((item, i) => this.build(item as Node | null, `${path}[${i}]`, depth + 1, origin.line)), origin };
    if (isMap(node)) {
      const entries = new Map<string, Entry>();
      const merged: MapNode[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyLine = this.lineOf(keyNode ?? (pair.value as Node | null));
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          // A `<<` merge key: its mappings fill in keys the mapping does not set itself.
          const value = this.build(pair.value as Node | null, path, depth + 1, keyLine);
          const sources = value.kind === 'seq' ? value.items : [value];
          for (const source of sources) {
            if (source.kind !== 'map') throw new ShivaError('SHIVA_ERR_CONFIG', `${this.file}:${keyLine}: ${path || '(top level)'}.<<: expected a mapping or a list of mappings to merge, got ${describeNode(source)}`);
            merged.push(source);
          }
          continue;
        }
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          throw new ShivaError('SHIVA_ERR_CONFIG', `${this.file}:${keyLine}: ${path || '(top level)'}: expected plain keys (names), got a ${keyNode === null ? 'missing' : 'complex'} key`);
        }
        const key = String(keyNode.value);
        const childPath = path === '' ? key : `${path}.${key}`;
        entries.set(key, { keyOrigin: { kind: 'file', line: keyLine, path: childPath }, value: this.build(pair.value as Node | null, childPath, depth + 1, keyLine) });
      }
      for (const source of merged) {
        for (const [key, entry] of source.entries) if (!entries.has(key)) entries.set(key, entry);
      }
      return { kind: 'map', entries, origin };
    }
    throw new ShivaError('SHIVA_ERR_CONFIG', `${this.file}:${origin.line}: ${path}: expected a value, got an unsupported YAML node`);
  }
}

function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/**
 * ML-Agents' deep_update_dict: mappings merge key by key, recursively; anything else in `over` replaces what is
 * in `base`. Used to lay a behavior's settings over `default_settings`.
 */
export function deepMerge(base: SourceNode | undefined, over: SourceNode | undefined): SourceNode | undefined {
  if (base === undefined) return over;
  if (over === undefined) return base;
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    const below = entries.get(key);
    entries.set(key, below ? { keyOrigin: entry.keyOrigin, value: deepMerge(below.value, entry.value)! } : entry);
  }
  return { kind: 'map', entries, origin: over.origin };
}

/** Sets `path` in `root` to `value` (a command-line override), creating the mappings on the way. */
export function setOverride(root: MapNode, path: readonly string[], value: SourceNode): void {
  let map = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const existing = map.entries.get(key);
    if (existing && existing.value.kind === 'map') {
      map = existing.value;
      continue;
    }
    // A missing or null section: the override creates it (a non-mapping there is reported when it is read).
    if (existing && !(existing.value.kind === 'scalar' && existing.value.value === null)) return;
    const created: MapNode = { kind: 'map', entries: new Map(), origin: value.origin };
    map.entries.set(key, { keyOrigin: value.origin, value: created });
    map = created;
  }
  map.entries.set(path[path.length - 1]!, { keyOrigin: value.origin, value });
}

/** How a value is shown after "got": strings quoted, mappings and lists by kind. */
export function describeNode(node: SourceNode | undefined): string {
  if (node === undefined) return 'nothing (the key is missing)';
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return `a list of ${node.items.length}`;
  return describeScalar(node.value);
}

export function describeScalar(value: Scalar): string {
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
