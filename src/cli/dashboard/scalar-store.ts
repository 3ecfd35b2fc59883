/**
 * A run's scalars for the dashboard, read from the `scalars.csv` files training writes (`step,wall_time,tag,value`,
 * one row per point, append-only; src/telemetry/csv-writer.ts). Each file is read incrementally: every request
 * reads only the bytes appended since the last one, so a live run's curves cost what they grew by. A last row
 * without its newline (the writer is mid-flush) waits for the rest; a file that shrank (a run started again with
 * --force) is read again from the start.
 */
import { AppendedLines } from './appended-lines.js';
import { CSV_HEADER } from '../../telemetry/csv-writer.js';

/** One tag's points in file order, and whether their steps are ascending (a resumed run may step back). */
interface TagPoints {
  steps: number[];
  values: number[];
  sorted: boolean;
  /** The sorted copy, made when asked for and dropped when points come. */
  view: { steps: number[]; values: number[] } | null;
}

export class ScalarFile {
  private readonly lines: AppendedLines;
  private readonly tagPoints = new Map<string, TagPoints>();
  /** Rows that did not parse (a torn row in the middle of the file), counted, never fatal. */
  badRows = 0;

  constructor(readonly path: string) {
    this.lines = new AppendedLines(path);
  }

  /** Reads what was appended since the last call; false when the file cannot be read. */
  refresh(): boolean {
    return this.lines.read(
      (line) => this.row(line),
      () => this.reset(),
    );
  }

  /** The tags in first-seen order with their point counts. */
  tags(): { tag: string; points: number }[] {
    return [...this.tagPoints].map(([tag, p]) => ({ tag, points: p.steps.length }));
  }

  /** One tag's points, steps ascending (null: no such tag). */
  series(tag: string): { steps: number[]; values: number[] } | null {
    const p = this.tagPoints.get(tag);
    if (!p) return null;
    if (p.sorted) return p;
    if (!p.view) {
      const order = p.steps.map((_, i) => i).sort((a, b) => p.steps[a]! - p.steps[b]! || a - b);
      p.view = { steps: order.map((i) => p.steps[i]!), values: order.map((i) => p.values[i]!) };
    }
    return p.view;
  }

  private reset(): void {
    this.tagPoints.clear();
    this.badRows = 0;
  }

  private row(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text === '' || text === CSV_HEADER) return;
    const parsed = parseRow(text);
    if (!parsed) {
      this.badRows++;
      return;
    }
    const [step, tag, value] = parsed;
    let p = this.tagPoints.get(tag);
    if (!p) {
      p = { steps: [], values: [], sorted: true, view: null };
      this.tagPoints.set(tag, p);
    }
    if (p.steps.length > 0 && step < p.steps[p.steps.length - 1]!) p.sorted = false;
    p.steps.push(step);
    p.values.push(value);
    p.view = null;
  }
}

/** `step,wall_time,tag,value` → [step, tag, value]; the tag may be quoted (RFC 4180). Null for a bad row. */
export function parseRow(text: string): [number, string, number] | null {
  const c1 = text.indexOf(',');
  const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
  if (c2 < 0) return null;
  const step = Number(text.slice(0, c1));
  let tag: string;
  let rest: number;
  if (text[c2 + 1] === '"') {
    let i = c2 + 2;
    tag = '';
    for (;;) {
      const q = text.indexOf('"', i);
      if (q < 0) return null;
      tag += text.slice(i, q);
      if (text[q + 1] === '"') {
        tag += '"';
        i = q + 2;
      } else {
        rest = q + 1;
        break;
      }
    }
  } else {
    const c3 = text.lastIndexOf(',');
    if (c3 <= c2) return null;
    tag = text.slice(c2 + 1, c3);
    rest = c3;
  }
  if (text[rest] !== ',') return null;
  const value = numberOf(text.slice(rest + 1));
  if (!Number.isFinite(step) || tag === '' || value === null) return null;
  return [step, tag, value];
}

function numberOf(field: string): number | null {
  if (field === 'nan') return NaN;
  if (field === 'inf') return Infinity;
  if (field === '-inf') return -Infinity;
  if (field === '') return null;
  const x = Number(field);
  return Number.isNaN(x) ? null : x;
}
