/**
 * The folders are the architecture (docs/ARCHITECTURE.md, "Floors"): every import between folders points to the
 * same floor or a lower one, the folders of one floor import each other one way only, and cognitive/ imports
 * nothing of the project. Read from the sources' import lines, so a change that breaks the map fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

/** Folder → floor. A file belongs to the longest folder that contains it. */
const FLOORS: Readonly<Record<string, number>> = {
  'src/core': 0,
  cognitive: 0,
  agents: 1,
  envs: 1,
  'src/protocol': 1,
  'src/training': 2,
  'src/decisions': 2,
  'src/bridge': 2,
  'src/config': 2,
  'src/telemetry': 2,
  'src/cluster': 2,
  'src/cli': 3,
};

function folderOf(path: string): string | null {
  let best: string | null = null;
  for (const folder of Object.keys(FLOORS)) if ((path === folder || path.startsWith(`${folder}/`)) && (best === null || folder.length > best.length)) best = folder;
  return best;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import between two folders of the map: [from file, to file, from folder, to folder]. */
function crossings(): [string, string, string, string][] {
  const out: [string, string, string, string][] = [];
  for (const top of ['src', 'agents', 'envs', 'cognitive']) {
    for (const file of sources(join(repoRoot, top))) {
      const from = relative(repoRoot, file);
      const fromFolder = folderOf(from);
      assert.ok(fromFolder, `${from} is in no folder of the map: add its folder to docs/ARCHITECTURE.md and to this test`);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const to = relative(repoRoot, resolve(dirname(file), m[1]!));
        const toFolder = folderOf(to);
        if (toFolder !== fromFolder) out.push([from, to, fromFolder!, toFolder ?? '(outside the map)']);
      }
    }
  }
  return out;
}

test('every import between folders points to the same floor or a lower one', () => {
  const up = crossings().filter(([, , a, b]) => FLOORS[b] === undefined || FLOORS[b]! > FLOORS[a]!);
  assert.deepEqual(
    up.map(([from, to, a, b]) => `${from} (floor ${FLOORS[a]}) imports ${to} (${b}, floor ${FLOORS[b] ?? '?'})`),
    [],
  );
});

test('folders import each other one way only (no cycle between folders)', () => {
  const edges = new Map<string, Set<string>>();
  for (const [, , a, b] of crossings()) {
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  // Depth-first search: a folder met again on the current path closes a cycle.
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): void => {
    if (path.includes(folder)) {
      cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
      return;
    }
    if (done.has(folder)) return;
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
    done.add(folder);
  };
  for (const folder of edges.keys()) visit(folder, []);
  assert.deepEqual(cycles, []);
});

test('cognitive/ imports nothing of the project', () => {
  const out = crossings().filter(([, , a]) => a === 'cognitive');
  assert.deepEqual(out.map(([from, to]) => `${from} imports ${to}`), []);
});
