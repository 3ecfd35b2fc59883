/**
 * How a scene draws itself: a small declarative description of one area at one moment, which the dashboard's map
 * and the human seat draw on a canvas without knowing the scene. Built-in scenes give one through Scene.draw; a
 * Unity scene sends the same JSON through the scene-drawing side channel (docs/SCENE-DRAWING.md). Everything is in
 * the scene's own units, x east and y north; the page fits `bounds` to its canvas.
 *
 *   entities  what stands somewhere: agents (with team and agent id), non-combatants, objectives, items
 *   links     lines of the moment between two points: lines of sight, lines of fire
 *   layers    what lies under it all and rarely changes: terrain cells (rows of characters with a legend), filled
 *             regions, a graph's edges (lines) and its labelled points (waypoints)
 *
 * Layers are the backdrop: an episode recording writes them with its first frame and again only when they change.
 *
 * `parseSceneDrawing` checks a description from outside (a side channel, a recorded episode file) and returns it
 * typed; built-in scenes build theirs directly.
 */
import { ShivaError } from '../errors.js';

export interface DrawnEntity {
  /** Unique within the drawing ("red-0", "civilian-2", "waypoint-7"). */
  readonly id: string;
  /** What it is: agent, civilian, trainee, objective, food, landmark, flag, … (the page picks a shape per kind). */
  readonly kind: string;
  /** Team index for agents (colours: 0 red, 1 blue, …); absent for neutral things. */
  readonly team?: number;
  /** The agent id of the behavior that acts for it, when an agent. */
  readonly agentId?: number;
  readonly x: number;
  readonly y: number;
  readonly label?: string;
  /** Free state words the page shows and styles: "dead", "prone", "fired", "observed", "hit". */
  readonly state?: readonly string[];
  /** Heading in degrees (0 east, 90 north), for agents that look somewhere. */
  readonly heading?: number;
  /** Health left as a fraction in [0, 1]. */
  readonly health?: number;
}

export interface DrawnLink {
  /** sight (one sees the other), fire (a shot), or any word of the scene's. */
  readonly kind: string;
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  /** Team of whoever the link belongs to (a shooter's), for its colour. */
  readonly team?: number;
  readonly label?: string;
}

export interface DrawnLayer {
  /** terrain, region, graph, … */
  readonly kind: string;
  /** Cells: the lower-left corner of the bottom row's first cell, the cell size, rows from the top (north) down. */
  readonly cells?: { readonly x: number; readonly y: number; readonly size: number; readonly rows: readonly string[]; readonly legend: Readonly<Record<string, string>> };
  /** A filled rectangle. */
  readonly rect?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Segments as flat [x1, y1, x2, y2, …] (a graph's edges). */
  readonly lines?: readonly number[];
  /** Labelled points (a graph's waypoints). */
  readonly points?: readonly { readonly x: number; readonly y: number; readonly label?: string }[];
  readonly label?: string;
}

export interface SceneDrawing {
  /** The scene's name (scout, gridworld, …). */
  readonly scene: string;
  /** Step within the area's episode (0 at its start): a recorder starts a new episode when it goes down. */
  readonly step: number;
  readonly bounds: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
  readonly layers: readonly DrawnLayer[];
  readonly links: readonly DrawnLink[];
  readonly entities: readonly DrawnEntity[];
  /** One line about the moment ("step 12 · red 3 alive · 2 of 3 objectives"). */
  readonly caption?: string;
}

/** Names of a behavior's discrete branches and of each branch's options ("move": ["stay", "to waypoint 7", …]). */
export interface ActionNames {
  readonly branches: readonly { readonly name: string; readonly options: readonly string[] }[];
  /** Names of the continuous components, when any. */
  readonly continuous?: readonly string[];
}

/** The most entities, links and layers a description from outside may hold. */
export const DRAWING_LIMITS = { entities: 4096, links: 16384, layers: 64, rows: 1024, text: 200, lines: 4 * 65536, points: 16384 } as const;

/** Checks a description that came from outside (JSON) and returns it typed, or throws SHIVA_ERR_DRAWING saying what is wrong. */
export function parseSceneDrawing(value: unknown, where = 'scene drawing'): SceneDrawing {
  const fail = (path: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_DRAWING', `${where}: ${path}: expected ${expected}, got ${JSON.stringify(got)?.slice(0, 80) ?? String(got)}`);
  };
  const obj = (v: unknown, path: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, 'an object', v));
  const num = (v: unknown, path: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a finite number', v));
  const str = (v: unknown, path: string): string => (typeof v === 'string' && v.length <= DRAWING_LIMITS.text ? v : fail(path, `a string of at most ${DRAWING_LIMITS.text} characters`, v));
  const list = (v: unknown, path: string, max: number): unknown[] => (Array.isArray(v) && v.length <= max ? v : fail(path, `an array of at most ${max} items`, Array.isArray(v) ? `${v.length} items` : v));
  const opt = <T>(o: Record<string, unknown>, key: string, read: (v: unknown, path: string) => T, path: string): { [k: string]: T } => (o[key] === undefined ? {} : { [key]: read(o[key], `${path}.${key}`) });
  const point = (v: unknown, path: string): [number, number] => {
    const p = list(v, path, 2);
    if (p.length !== 2) fail(path, '[x, y]', v);
    return [num(p[0], `${path}[0]`), num(p[1], `${path}[1]`)];
  };
  const words = (v: unknown, path: string): string[] => list(v, path, 16).map((w, i) => str(w, `${path}[${i}]`));

  const root = obj(value, '$');
  const b = obj(root['bounds'], '$.bounds');
  const bounds = { minX: num(b['minX'], '$.bounds.minX'), minY: num(b['minY'], '$.bounds.minY'), maxX: num(b['maxX'], '$.bounds.maxX'), maxY: num(b['maxY'], '$.bounds.maxY') };
  if (bounds.maxX < bounds.minX || bounds.maxY < bounds.minY) fail('$.bounds', 'maxX ≥ minX and maxY ≥ minY', b);
  const entities = list(root['entities'] ?? [], '$.entities', DRAWING_LIMITS.entities).map((v, i): DrawnEntity => {
    const p = `$.entities[${i}]`;
    const e = obj(v, p);
    return {
      id: str(e['id'], `${p}.id`),
      kind: str(e['kind'], `${p}.kind`),
      x: num(e['x'], `${p}.x`),
      y: num(e['y'], `${p}.y`),
      ...opt(e, 'team', num, p),
      ...opt(e, 'agentId', num, p),
      ...opt(e, 'label', str, p),
      ...opt(e, 'state', words, p),
      ...opt(e, 'heading', num, p),
      ...opt(e, 'health', num, p),
    };
  });
  const links = list(root['links'] ?? [], '$.links', DRAWING_LIMITS.links).map((v, i): DrawnLink => {
    const p = `$.links[${i}]`;
    const l = obj(v, p);
    return { kind: str(l['kind'], `${p}.kind`), from: point(l['from'], `${p}.from`), to: point(l['to'], `${p}.to`), ...opt(l, 'team', num, p), ...opt(l, 'label', str, p) };
  });
  const layers = list(root['layers'] ?? [], '$.layers', DRAWING_LIMITS.layers).map((v, i): DrawnLayer => {
    const p = `$.layers[${i}]`;
    const l = obj(v, p);
    const out: { -readonly [K in keyof DrawnLayer]: DrawnLayer[K] } = { kind: str(l['kind'], `${p}.kind`), ...opt(l, 'label', str, p) };
    if (l['cells'] !== undefined) {
      const c = obj(l['cells'], `${p}.cells`);
      const legend = obj(c['legend'] ?? {}, `${p}.cells.legend`);
      out.cells = {
        x: num(c['x'], `${p}.cells.x`),
        y: num(c['y'], `${p}.cells.y`),
        size: num(c['size'], `${p}.cells.size`),
        rows: list(c['rows'], `${p}.cells.rows`, DRAWING_LIMITS.rows).map((r, k) => (typeof r === 'string' && r.length <= DRAWING_LIMITS.rows ? r : fail(`${p}.cells.rows[${k}]`, `a string of at most ${DRAWING_LIMITS.rows} characters`, r))),
        legend: Object.fromEntries(Object.entries(legend).map(([k, w]) => [k, str(w, `${p}.cells.legend.${k}`)])),
      };
    }
    if (l['rect'] !== undefined) {
      const r = obj(l['rect'], `${p}.rect`);
      out.rect = { x: num(r['x'], `${p}.rect.x`), y: num(r['y'], `${p}.rect.y`), width: num(r['width'], `${p}.rect.width`), height: num(r['height'], `${p}.rect.height`) };
    }
    if (l['lines'] !== undefined) {
      const lines = list(l['lines'], `${p}.lines`, DRAWING_LIMITS.lines);
      if (lines.length % 4 !== 0) fail(`${p}.lines`, 'a multiple of 4 numbers (x1, y1, x2, y2 per segment)', `${lines.length} numbers`);
      out.lines = lines.map((v, k) => num(v, `${p}.lines[${k}]`));
    }
    if (l['points'] !== undefined) {
      out.points = list(l['points'], `${p}.points`, DRAWING_LIMITS.points).map((v, k) => {
        const q = obj(v, `${p}.points[${k}]`);
        return { x: num(q['x'], `${p}.points[${k}].x`), y: num(q['y'], `${p}.points[${k}].y`), ...opt(q, 'label', str, `${p}.points[${k}]`) };
      });
    }
    return out;
  });
  return { scene: str(root['scene'] ?? 'scene', '$.scene'), step: num(root['step'] ?? 0, '$.step'), bounds, layers, links, entities, ...opt(root, 'caption', str, '$') };
}
