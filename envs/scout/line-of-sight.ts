/**
 * Line of sight between waypoints, precomputed once per map from node positions and blocking terrain
 * (axis-aligned rectangles: buildings, walls, dense woods). Pairs farther apart than the map's `losRange`
 * never see each other, which keeps the table sparse on large maps (nothing in the scenario looks farther
 * than the 300-unit engagement band).
 */

export interface Blocker {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Whether the open segment from (ax, ay) to (bx, by) passes through the interior of `r` (Liang–Barsky
 * clipping). Touching an edge or a corner does not block: waypoints sit on open ground beside walls.
 */
export function segmentCrossesBlocker(ax: number, ay: number, bx: number, by: number, r: Blocker): boolean {
  const eps = 1e-9;
  const x0 = r.x0 + eps, x1 = r.x1 - eps, y0 = r.y0 + eps, y1 = r.y1 - eps;
  if (x0 >= x1 || y0 >= y1) return false;
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - x0, x1 - ax, ay - y0, y1 - ay];
  for (let i = 0; i < 4; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) {
      if (qi <= 0) return false; // parallel to this side and outside (or on) it
      continue;
    }
    const t = qi / pi;
    if (pi < 0) {
      if (t > t0) t0 = t;
    } else if (t < t1) t1 = t;
    if (t0 >= t1) return false;
  }
  return t1 - t0 > eps;
}

/** Compressed rows of mutual visibility: for each node, the sorted nodes it sees within `range` (itself excluded). */
export function computeLineOfSight(
  x: Float64Array,
  y: Float64Array,
  blockers: readonly Blocker[],
  range: number,
): { losStart: Int32Array; losNodes: Int32Array } {
  const n = x.length;
  const rows: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const dx = x[b]! - x[a]!;
      const dy = y[b]! - y[a]!;
      if (dx * dx + dy * dy > range * range) continue;
      const minX = Math.min(x[a]!, x[b]!), maxX = Math.max(x[a]!, x[b]!);
      const minY = Math.min(y[a]!, y[b]!), maxY = Math.max(y[a]!, y[b]!);
      let blocked = false;
      for (const r of blockers) {
        // Cheap bounding-box rejection first: most blockers are nowhere near a given pair.
        if (r.x1 <= minX || r.x0 >= maxX || r.y1 <= minY || r.y0 >= maxY) continue;
        if (segmentCrossesBlocker(x[a]!, y[a]!, x[b]!, y[b]!, r)) {
          blocked = true;
          break;
        }
      }
      if (!blocked) {
        rows[a]!.push(b);
        rows[b]!.push(a);
      }
    }
  }
  return toCompressedRows(rows);
}

/** Sorted adjacency lists as compressed rows. */
export function toCompressedRows(rows: readonly (readonly number[])[]): { losStart: Int32Array; losNodes: Int32Array } {
  const losStart = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) losStart[i + 1] = losStart[i]! + rows[i]!.length;
  const losNodes = new Int32Array(losStart[rows.length]!);
  for (let i = 0; i < rows.length; i++) losNodes.set([...rows[i]!].sort((p, q) => p - q), losStart[i]!);
  return { losStart, losNodes };
}
