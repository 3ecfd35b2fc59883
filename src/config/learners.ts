/**
 * Shiva's learner maps: which behaviors train one shared policy. A behavior names its learner with `learner: L`,
 * or the top-level map `shiva.learners: {L: [BehaviorA, BehaviorB]}` lists them (the form of Shiva's original
 * meta-learner config); a behavior named by neither is its own learner. Behaviors that share a learner must agree
 * on every training setting, since one policy is trained with one set.
 */
import type { ConfigContext } from './config-context.js';
import { nearest } from '../core/did-you-mean.js';
import type { BehaviorConfig } from './run-config.js';
import type { Section } from './section.js';
import { describeNode, type Origin } from './source-tree.js';

interface Assignment {
  readonly learner: string;
  readonly origin: Origin;
  readonly path: string;
}

/** Reads `shiva.learners` into behavior name → its learner, refusing a behavior listed twice. */
export function parseLearnerMap(ctx: ConfigContext, shiva: Section): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  const node = shiva.node('learners');
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out;
  const path = shiva.child('learners');
  if (node.kind !== 'map') return ctx.expected(node.origin, path, 'a mapping of learner names to lists of behavior names', describeNode(node));
  for (const [learner, entry] of node.entries) {
    const listPath = `${path}.${learner}`;
    const list = entry.value;
    if (list.kind !== 'seq' || list.items.length === 0) ctx.expected(list.origin, listPath, 'a non-empty list of behavior names', describeNode(list));
    list.items.forEach((item, i) => {
      const itemPath = `${listPath}[${i}]`;
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value === '') ctx.expected(item.origin, itemPath, 'a behavior name', describeNode(item));
      const behavior = item.value;
      const before = out.get(behavior);
      if (before) ctx.expected(item.origin, itemPath, `each behavior under one learner only`, `"${behavior}" again (it is already under learner "${before.learner}", ${ctx.where(before.origin, before.path)})`);
      out.set(behavior, { learner, origin: item.origin, path: itemPath });
    });
  }
  return out;
}

/**
 * Gives every behavior its learner (its `learner` key, else the map's, else its own name), checks that the two
 * agree and that behaviors sharing a learner have the same settings, and returns learner → behaviors.
 */
export function resolveLearners(
  ctx: ConfigContext,
  behaviors: Map<string, BehaviorConfig>,
  defaultSettings: BehaviorConfig | null,
  assignments: Map<string, Assignment>,
): Map<string, string[]> {
  for (const [name, assignment] of assignments) {
    if (behaviors.has(name) || defaultSettings !== null) continue;
    const guess = nearest(name, behaviors.keys());
    ctx.expected(assignment.origin, assignment.path, 'a behavior listed under behaviors (or a default_settings section for behaviors not listed)', `"${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  for (const [name, behavior] of behaviors) {
    const assigned = assignments.get(name);
    const own = behavior.learner;
    if (assigned && own !== null && own !== assigned.learner) {
      const ownPath = `behaviors.${name}.learner`;
      ctx.expected(fileOrigin(ctx, ownPath), ownPath, `"${assigned.learner}", as ${ctx.where(assigned.origin, assigned.path)} says`, `"${own}"`);
    }
    behaviors.set(name, { ...behavior, learner: own ?? assigned?.learner ?? defaultSettings?.learner ?? name });
  }
  const members = new Map<string, string[]>();
  for (const [name, behavior] of behaviors) push(members, behavior.learner!, name);
  for (const [name, assignment] of assignments) if (!behaviors.has(name)) push(members, assignment.learner, name);
  for (const [learner, names] of members) {
    const first = names[0]!;
    const firstConfig = behaviors.get(first) ?? defaultSettings!;
    for (const other of names.slice(1)) {
      const otherConfig = behaviors.get(other) ?? defaultSettings!;
      const diff = firstDifference(firstConfig, otherConfig);
      if (diff === null) continue;
      const path = `behaviors.${other}.${diff.path}`;
      ctx.expected(fileOrigin(ctx, path, `behaviors.${other}.learner`), path, `${show(diff.a)} as in behaviors.${first}, since both train learner "${learner}" (one policy, one set of settings)`, show(diff.b));
    }
  }
  return members;
}

function show(value: unknown): string {
  return value === undefined ? 'no such setting' : JSON.stringify(value);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The file line of the first of `paths` that was read from the file. */
function fileOrigin(ctx: ConfigContext, ...paths: string[]): Origin {
  for (const path of paths) {
    const line = ctx.lines.get(path);
    if (line !== undefined) return { kind: 'file', line, path };
  }
  return { kind: 'none' };
}

const IGNORED = new Set(['name', 'learner']);

/** The first setting (as a snake_case key path) where two behaviors differ, with both values. */
export function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown } | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return { path, a, b };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (path === '' && IGNORED.has(key)) continue;
    const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path === '' ? snake : `${path}.${snake}`);
    if (diff) return diff;
  }
  return null;
}
