/**
 * The terminal that stderr is on: its width, whether to colour, and a status area at the bottom of the screen
 * (the progress lines) that log lines print above. Every write goes through one place, so a log line never
 * lands in the middle of a bar: the status lines are erased, the log is written, the status lines are drawn
 * again below it. Each status line is laid out for the terminal's width when it is drawn (and again when the
 * terminal is resized), so it never wraps.
 */

/** Escape sequences: cursor up, erase to the end of the screen, cursor visibility. */
const ESC = '\x1b[';
const ERASE_DOWN = `${ESC}J`;
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;

/** NO_COLOR (https://no-color.org: set and not empty) and TERM=dumb turn colour off; so does a stream that is no terminal. */
export function colorEnabled(stream: { readonly isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Columns a string takes on screen (escape sequences take none; every other code point one). */
export function visibleWidth(text: string): number {
  let n = 0;
  for (const _ of text.replace(ANSI, '')) n++;
  return n;
}

/** Cuts `text` to at most `width` visible columns, keeping escape sequences (and resetting colour if it cut). */
export function cutToWidth(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = '';
  let n = 0;
  for (let i = 0; i < text.length && n < width; ) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(text);
    if (m && m.index === i) {
      out += m[0];
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out += ch;
    i += ch.length;
    n++;
  }
  return out.includes('\x1b') ? `${out}${ESC}0m` : out;
}

/** Draws one status line for a terminal `width` columns wide. */
export type StatusRenderer = (width: number, color: boolean) => string;

interface Output {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
  on?(event: 'resize', listener: () => void): unknown;
}

export class StatusArea {
  private readonly lines = new Map<string, StatusRenderer>();
  /** Status lines on screen now; the cursor stands at the end of the last one. */
  private drawn = 0;
  private cursorHidden = false;
  readonly color: boolean;

  constructor(
    private readonly out: Output,
    color = colorEnabled(out),
  ) {
    this.color = color;
    out.on?.('resize', () => this.redraw());
  }

  /** The terminal's width in columns (80 when it does not say). */
  get width(): number {
    const columns = this.out.columns;
    return columns !== undefined && columns > 0 ? columns : 80;
  }

  /** Shows or replaces the status line `id` (lines keep the order they were first set in). */
  set(id: string, render: StatusRenderer): void {
    this.lines.set(id, render);
    this.redraw();
  }

  /**
   * Takes the status line `id` out of the area; with `keep`, its last state stays on screen as an ordinary line
   * (above the status lines that remain).
   */
  remove(id: string, keep = true): void {
    const render = this.lines.get(id);
    if (!render) return;
    this.lines.delete(id);
    this.log(keep ? `${this.renderLine(render)}\n` : '');
  }

  /** Writes `text` (whole lines, ending in a newline) above the status lines. */
  log(text: string): void {
    this.out.write(this.erase() + text + this.draw());
  }

  /** Erases and draws the status lines again (after a change or a resize). */
  redraw(): void {
    this.out.write(this.erase() + this.draw());
  }

  private erase(): string {
    if (this.drawn === 0) return '';
    const up = this.drawn > 1 ? `${ESC}${this.drawn - 1}A` : '';
    this.drawn = 0;
    return `\r${up}${ERASE_DOWN}`;
  }

  private draw(): string {
    if (this.lines.size === 0) {
      if (!this.cursorHidden) return '';
      this.cursorHidden = false;
      return SHOW_CURSOR;
    }
    let text = '';
    if (!this.cursorHidden) {
      text += HIDE_CURSOR;
      this.cursorHidden = true;
      process.once('exit', () => {
        if (this.cursorHidden) this.out.write(SHOW_CURSOR);
      });
    }
    text += [...this.lines.values()].map((render) => this.renderLine(render)).join('\n');
    this.drawn = this.lines.size;
    return text;
  }

  /** One line, one column short of the width: a line that fills the last column makes some terminals wrap. */
  private renderLine(render: StatusRenderer): string {
    return cutToWidth(render(this.width - 1, this.color), this.width - 1);
  }
}

let stderrArea: StatusArea | null | undefined;

/** The status area of stderr when it is a terminal (one per process, shared by the logs and the bars), else null. */
export function stderrStatusArea(): StatusArea | null {
  if (stderrArea === undefined) stderrArea = process.stderr.isTTY ? new StatusArea(process.stderr) : null;
  return stderrArea;
}

/** A field of a status line: its forms from the fullest to the shortest; '' as the last form lets it go. */
export interface StatusField {
  readonly forms: readonly string[];
}

export interface StatusLayout {
  readonly label: string;
  /** The bar's fill in [0, 1], drawn after the label; null for no bar. */
  readonly fraction: number | null;
  readonly fields: readonly StatusField[];
  /**
   * What gives way when the line is too wide, after the bar (which shrinks to `minBar`, then goes): each entry
   * moves that field (by index), or those fields together, to the next form.
   */
  readonly yields: readonly (number | readonly number[])[];
  readonly maxBar?: number;
  readonly minBar?: number;
}

const SEPARATOR = ' | ';

/**
 * Lays out a status line in `width` columns: the bar shrinks first and goes below `minBar`, then the fields
 * give way in the order of `yields`; what is left is cut only when even the shortest forms do not fit.
 */
export function layoutStatus(layout: StatusLayout, width: number, color = false): string {
  const level = layout.fields.map(() => 0);
  const fieldsText = () =>
    layout.fields
      .map((f, i) => f.forms[Math.min(level[i]!, f.forms.length - 1)]!)
      .filter((t) => t !== '')
      .join(SEPARATOR);
  const join = (head: string, rest: string) => (rest === '' ? head : `${head}${SEPARATOR}${rest}`);
  const maxBar = layout.maxBar ?? 30;
  const minBar = layout.minBar ?? 10;
  if (layout.fraction !== null) {
    const rest = `${layout.label} [] ${fieldsText()}`;
    const barWidth = Math.min(maxBar, width - visibleWidth(rest) - 1);
    // The bar and the first field (its percentage) read as one: "Red [████░░] 51% | …".
    if (barWidth >= minBar) return `${layout.label} [${bar(layout.fraction, barWidth, color)}]${fieldsText() === '' ? '' : ` ${fieldsText()}`}`;
  }
  for (const step of layout.yields) {
    if (visibleWidth(join(layout.label, fieldsText())) <= width) break;
    for (const i of typeof step === 'number' ? [step] : step) level[i] = level[i]! + 1;
  }
  return cutToWidth(join(layout.label, fieldsText()), width);
}

function bar(fraction: number, width: number, color: boolean): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  const done = '█'.repeat(full);
  const left = '░'.repeat(width - full);
  return color ? `${ESC}36m${done}${ESC}39m${left}` : done + left;
}

/** "1h 02m", "3m 05s", "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}
