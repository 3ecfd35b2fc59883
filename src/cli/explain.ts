/**
 * `shiva explain`: one decision of a trace file (RUN/traces/BEHAVIOR.jsonl), found by line or by agent and step,
 * printed readably: where it was made, what the rules saw (observation values named by the scene and the rule file,
 * from the trace's .labels.json), and cognitive's formatTrace (the rules that fired with their bindings, every
 * contribution to every candidate, the combined scores, impasses and how they were resolved). `--rule NAME` lists
 * the decisions where one rule fired.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatBindings, formatTrace, type FiredTrace } from '../../cognitive/index.js';
import { readTraceLabels, type TraceLabels } from '../decisions/trace-labels.js';
import { parseTraceRecord, type DecisionTraceRecord } from '../decisions/trace-record.js';
import { nearest } from '../core/did-you-mean.js';
import { ShivaError } from '../core/errors.js';

export type TraceSelector =
  | { readonly kind: 'line'; readonly line: number }
  | { readonly kind: 'agent'; readonly agent: number; readonly step: number; readonly env?: number };

export interface FoundDecision {
  readonly line: number;
  readonly record: DecisionTraceRecord;
}

/** Finds the decision `selector` names in `file` (line 1 by default). */
export async function findDecision(file: string, selector: TraceSelector = { kind: 'line', line: 1 }): Promise<FoundDecision> {
  if (!existsSync(file)) throw new ShivaError('SHIVA_ERR_USAGE', `TRACE: expected a decision-trace file (RUN/traces/BEHAVIOR.jsonl), got "${file}", which does not exist`);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  /** A line that did not parse: an error unless it is the file's last (a write torn by a crash). */
  let torn: unknown = null;
  const agentSteps: number[] = [];
  try {
    for await (const text of lines) {
      n++;
      if (torn !== null) throw torn;
      if (text.trim() === '') continue;
      if (selector.kind === 'line') {
        if (n !== selector.line) continue;
        return { line: n, record: parseTraceRecord(text, `${file}:${n}`) };
      }
      // Cheap filters before parsing: the writer puts "env", "agent" and "step" in this order, as integers.
      if (!text.includes(`"agent":${selector.agent},`)) continue;
      let record: DecisionTraceRecord;
      try {
        record = parseTraceRecord(text, `${file}:${n}`);
      } catch (error) {
        torn = error;
        continue;
      }
      if (record.agent !== selector.agent || (selector.env !== undefined && record.env !== selector.env)) continue;
      if (record.step === selector.step) return { line: n, record };
      agentSteps.push(record.step);
    }
  } finally {
    lines.close();
  }
  if (selector.kind === 'line') {
    throw new ShivaError('SHIVA_ERR_USAGE', `--line ${selector.line}: expected a line of ${file}, which has ${n} line(s)`);
  }
  const near = [...new Set(agentSteps)].sort((a, b) => Math.abs(a - selector.step) - Math.abs(b - selector.step)).slice(0, 5).sort((a, b) => a - b);
  const who = `agent ${selector.agent}${selector.env === undefined ? '' : ` of env ${selector.env}`}`;
  throw new ShivaError(
    'SHIVA_ERR_USAGE',
    `--agent ${selector.agent} --step ${selector.step}: expected a decision traced in ${file}, got none at that step; ${near.length ? `${who} was traced at steps ${near.join(', ')} (the nearest ${near.length})` : `${who} has no traced decision in this file`}`,
  );
}

/** The readable rendering `shiva explain` prints; `labels` (the trace file's .labels.json) names observation values. */
export function describeDecision(file: string, found: FoundDecision, labels: TraceLabels | null = readTraceLabels(file)): string {
  const r = found.record;
  return [
    `decision at ${file}:${found.line}`,
    `  behavior ${r.behavior}${r.learner ? ` (learner ${r.learner})` : ''}, env ${r.env}, agent ${r.agent}, step ${r.step}, ${r.mode === 'greedy' ? 'greedy' : 'sampled from π·f/Z'}, ${r.time}`,
    ...describeObservation(r.observation, labels),
    `  actions [${r.actions.join(', ')}]${actionWords(r) === '' ? '' : ` (${actionWords(r)})`}`,
    formatTrace(r.trace),
  ].join('\n');
}

function round(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 1e4) / 1e4) : String(x);
}

/** "moving=north, looking=west, posture=stand": each branch's chosen action by its label in the rules. */
function actionWords(r: DecisionTraceRecord): string {
  return r.trace.branches.map((b) => `${b.predicate}=${b.chosenLabel}`).join(', ');
}

/**
 * The observation values: named by the scene where it names them (name=value, the ones the rules read marked
 * with *), else as a list; then the values the rules read, by the rule file's names.
 */
function describeObservation(observation: readonly number[], labels: TraceLabels | null): string[] {
  const read = new Map<number, string[]>();
  for (const [name, index] of Object.entries(labels?.rules ?? {})) {
    if (Number.isInteger(index) && index >= 0 && index < observation.length) read.set(index, [...(read.get(index) ?? []), name]);
  }
  const lines: string[] = [];
  const scene = labels?.scene ?? null;
  if (scene !== null && scene.length >= observation.length) {
    const where = labels!.observations.length > 0 ? ` of ${labels!.observations.map((o) => o.name).join(' + ')}` : '';
    lines.push(`  observation (the first ${observation.length} values${where}, named by the scene${read.size > 0 ? '; * the rules read it' : ''}):`);
    lines.push(...wrap(observation.map((x, i) => `${scene[i]}=${round(x)}${read.has(i) ? '*' : ''}`), 4, 110));
  } else {
    lines.push(`  observation [${observation.map(round).join(', ')}]`);
  }
  if (read.size > 0) {
    const parts = [...read].sort(([a], [b]) => a - b).map(([i, names]) => `${names.join('/')} [${i}] = ${round(observation[i]!)}`);
    lines.push('  the rules read:', ...wrap(parts, 4, 110, ', '));
  }
  return lines;
}

/** Words joined by `sep` into lines of at most `width` characters, each indented by `indent` spaces. */
function wrap(words: readonly string[], indent: number, width: number, sep = ' '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const piece = i < words.length - 1 ? `${word}${sep.trimEnd()}` : word;
    if (line !== '' && indent + line.length + 1 + piece.length > width) {
      lines.push(' '.repeat(indent) + line);
      line = '';
    }
    line = line === '' ? piece : `${line} ${piece}`;
  }
  if (line !== '') lines.push(' '.repeat(indent) + line);
  return lines;
}

/** A decision where the rule fired: its line, the record, and the rule's entry in the trace. */
export interface RuleFiring {
  readonly line: number;
  readonly record: DecisionTraceRecord;
  readonly fired: FiredTrace;
}

/** Every decision of `file` where the conditional `rule` fired, and how many decisions the file holds. */
export async function findRuleFirings(file: string, rule: string): Promise<{ firings: RuleFiring[]; decisions: number }> {
  if (!existsSync(file)) throw new ShivaError('SHIVA_ERR_USAGE', `TRACE: expected a decision-trace file (RUN/traces/BEHAVIOR.jsonl), got "${file}", which does not exist`);
  const labels = readTraceLabels(file);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const firings: RuleFiring[] = [];
  const seen = new Set<string>();
  let decisions = 0;
  let n = 0;
  let torn: unknown = null;
  try {
    for await (const text of lines) {
      n++;
      if (torn !== null) throw torn;
      if (text.trim() === '') continue;
      let record: DecisionTraceRecord;
      try {
        record = parseTraceRecord(text, `${file}:${n}`);
      } catch (error) {
        torn = error; // an error unless it is the last line (a write torn by a crash)
        continue;
      }
      decisions++;
      for (const f of record.trace.fired) {
        seen.add(f.conditional);
        if (f.conditional === rule) firings.push({ line: n, record, fired: f });
      }
    }
  } finally {
    lines.close();
  }
  const known = new Set([...(labels?.conditionals ?? []), ...seen]);
  if (!known.has(rule)) {
    const guess = nearest(rule, known);
    const names = known.size > 0 ? `one of the rules of ${file} (${[...known].join(', ')})` : `a rule that fired in ${file}, where no rule fired in ${decisions} decision(s)`;
    throw new ShivaError('SHIVA_ERR_USAGE', `--rule ${rule}: expected ${names}, got "${rule}"${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  return { firings, decisions };
}

/** The list `shiva explain --rule NAME` prints: one line per decision where the rule fired. */
export function describeRuleFirings(file: string, rule: string, found: { firings: readonly RuleFiring[]; decisions: number }): string {
  const { firings, decisions } = found;
  const head = `rule ${rule} fired in ${firings.length} of ${decisions} traced decision(s) of ${file}`;
  if (firings.length === 0) return head;
  const rows = firings.map((f) => [
    String(f.line),
    String(f.record.env),
    String(f.record.agent),
    String(f.record.step),
    formatBindings(f.fired.bindings).replace(/^ with /, '') || '-',
    `${actionWords(f.record) || `[${f.record.actions.join(', ')}]`}`,
  ]);
  const header = ['line', 'env', 'agent', 'step', 'bindings', 'actions'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const fmt = (cells: readonly string[]) => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`;
  return [head, fmt(header), ...rows.map(fmt), `(shiva explain ${file} --line N shows one of them in full)`].join('\n');
}
