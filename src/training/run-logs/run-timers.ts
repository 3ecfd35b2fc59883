/**
 * The run's measured phases as ML-Agents' hierarchical timers record them (mlagents_envs/timers.py), written to
 * RUN_ID/run_logs/timers.json in the same shape:
 *
 *   { "name": "root", "gauges": {NAME: {value, min, max, count}}, "metadata": {timer_format_version,
 *     start_time_seconds, end_time_seconds, command_line_arguments, ...}, "total", "count", "self",
 *     "children": {NAME: {"total", "count", "self", "children"?, "is_parallel"?}} }
 *
 * `total` is seconds spent in a block over all its `count` runs, `self` the part not spent in its children. A
 * block still open when the file is written (the whole run, training) counts the time so far, so the file is
 * whole at every checkpoint. Blocks are named by path (["Trainer.run", "env_step"]), not by a stack, because
 * environments step concurrently: a block that several environments run at once is marked `is_parallel` (its
 * children's sum may then exceed its own total).
 */
import { writeFileAtomicSync } from '../checkpoint/atomic-write.js';

export const TIMER_FORMAT_VERSION = '0.1.0';

/** Where a part of the run adds its timed blocks: names are relative to the part's own block. */
export interface PhaseTimer {
  /** One run of block `name` that took `seconds`. */
  add(name: string, seconds: number): void;
  /** A value whose latest, min, max and count are kept (ML-Agents' gauges, e.g. a summary's mean). */
  gauge(name: string, value: number): void;
}

interface TimerNode {
  total: number;
  count: number;
  parallel: boolean;
  /** performance.now() of each open run. */
  open: number[];
  readonly children: Map<string, TimerNode>;
}

interface Gauge {
  value: number;
  min: number;
  max: number;
  count: number;
}

export interface TimerTree {
  readonly total: number;
  readonly count: number;
  readonly self: number;
  readonly is_parallel?: true;
  readonly children?: Record<string, TimerTree>;
}

export interface TimerFile extends TimerTree {
  readonly name: 'root';
  readonly gauges: Record<string, Gauge>;
  readonly metadata: Record<string, string>;
}

export class RunTimers {
  private readonly root: TimerNode = node();
  private readonly started = performance.now();
  private readonly startSeconds = Math.floor(Date.now() / 1000);
  private readonly gauges = new Map<string, Gauge>();

  /** `metadata`: strings shown beside the timer format and the start and end times (command line, versions). */
  constructor(private readonly metadata: Readonly<Record<string, string>> = {}) {}

  /** Starts a run of the block at `path`; the returned function ends it. */
  begin(...path: string[]): () => void {
    const at = this.nodeAt(path);
    const t0 = performance.now();
    at.open.push(t0);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      at.open.splice(at.open.indexOf(t0), 1);
      at.total += (performance.now() - t0) / 1000;
      at.count += 1;
    };
  }

  /** Runs `fn` as one run of the block at `path`. */
  async time<T>(path: readonly string[], fn: () => Promise<T>): Promise<T> {
    const end = this.begin(...path);
    try {
      return await fn();
    } finally {
      end();
    }
  }

  /** A view for a part of the run whose blocks sit under `path` (the Trainer's under "Trainer.run"). */
  scope(...path: string[]): PhaseTimer {
    const parent = this.nodeAt(path);
    return {
      add: (name, seconds) => {
        let child = parent.children.get(name);
        if (!child) parent.children.set(name, (child = node()));
        child.total += seconds;
        child.count += 1;
      },
      gauge: (name, value) => this.gauge(name, value),
    };
  }

  /** Marks the block at `path` as run by several parts at once (environments stepping concurrently). */
  parallel(...path: string[]): void {
    this.nodeAt(path).parallel = true;
  }

  gauge(name: string, value: number): void {
    if (Number.isNaN(value)) return;
    const g = this.gauges.get(name);
    if (!g) {
      this.gauges.set(name, { value, min: value, max: value, count: 1 });
      return;
    }
    g.value = value;
    g.min = Math.min(g.min, value);
    g.max = Math.max(g.max, value);
    g.count += 1;
  }

  /** The tree as timers.json holds it, open blocks counted up to now. */
  tree(): TimerFile {
    const now = performance.now();
    const body = treeOf({ ...this.root, total: (now - this.started) / 1000, count: 1, open: [] }, now);
    return {
      name: 'root',
      gauges: Object.fromEntries(this.gauges),
      metadata: {
        timer_format_version: TIMER_FORMAT_VERSION,
        start_time_seconds: String(this.startSeconds),
        end_time_seconds: String(Math.floor(Date.now() / 1000)),
        ...this.metadata,
      },
      ...body,
    };
  }

  /** Writes the tree to `path` atomically. */
  write(path: string): void {
    writeFileAtomicSync(path, [Buffer.from(`${JSON.stringify(this.tree(), null, 4)}\n`)]);
  }

  private nodeAt(path: readonly string[]): TimerNode {
    let at = this.root;
    for (const name of path) {
      let child = at.children.get(name);
      if (!child) at.children.set(name, (child = node()));
      at = child;
    }
    return at;
  }
}

function node(): TimerNode {
  return { total: 0, count: 0, parallel: false, open: [], children: new Map() };
}

function treeOf(n: TimerNode, now: number): TimerTree {
  const total = n.total + n.open.reduce((s, t0) => s + (now - t0) / 1000, 0);
  const count = n.count + n.open.length;
  const children: Record<string, TimerTree> = {};
  let childTotal = 0;
  for (const [name, child] of n.children) {
    const tree = treeOf(child, now);
    children[name] = tree;
    childTotal += tree.total;
  }
  return {
    total,
    count,
    self: Math.max(0, total - childTotal),
    ...(n.parallel ? { is_parallel: true as const } : {}),
    ...(n.children.size > 0 ? { children } : {}),
  };
}
