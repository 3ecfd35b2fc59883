/**
 * The decision traces of a run for the dashboard's "why this action" view: an index of a trace file (one entry per
 * decision: line, environment, agent, step, the actions by name, the rules that changed it), read incrementally as
 * the run appends, and one decision in full: per branch and candidate the policy's probability, every rule's
 * contribution, the factor f, the combined π·f/Z and the chosen action, with the text `shiva explain` prints
 * (its own describeDecision) beside it.
 */
import { POLICY_SOURCE } from '../../../cognitive/index.js';
import { readTraceLabels } from '../../decisions/trace-labels.js';
import { parseTraceRecord, type DecisionTraceRecord } from '../../decisions/trace-record.js';
import { describeDecision, findDecision } from '../explain.js';
import { AppendedLines } from './appended-lines.js';

/** One decision in the index. */
export interface DecisionEntry {
  readonly line: number;
  readonly env: number;
  readonly agent: number;
  readonly step: number;
  /** "moving=west, looking=north": each branch's chosen action by name. */
  readonly actions: string;
  /** The rules whose contributions changed a candidate of this decision (vetoes included), in order of appearance. */
  readonly rules: readonly string[];
  /** Candidates a rule vetoed (score forced to 0 by a reject or a negated action). */
  readonly vetoes: number;
}

export interface DecisionQuery {
  readonly agent?: number;
  /** Only decisions a rule changed. */
  readonly changed?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export class TraceIndex {
  private lineNo = 0;
  private readonly lines: AppendedLines;
  private readonly entries: DecisionEntry[] = [];
  /** Lines that did not parse (a torn write is only ever the last line; it is read again once whole). */
  badLines = 0;

  constructor(readonly path: string) {
    this.lines = new AppendedLines(path);
  }

  /** Reads the lines appended since the last call; false when the file cannot be read. */
  refresh(): boolean {
    return this.lines.read(
      (line) => this.take(line),
      () => {
        // rotated or started again: read it from the start
        this.lineNo = 0;
        this.entries.length = 0;
        this.badLines = 0;
      },
    );
  }

  /** The decisions that match, `limit` (≤ 1000, default 200) from `offset`, and how many matched in all. */
  query(q: DecisionQuery = {}): { total: number; matched: number; decisions: DecisionEntry[] } {
    const matching = this.entries.filter((e) => (q.agent === undefined || e.agent === q.agent) && (!q.changed || e.rules.length > 0));
    const offset = Math.max(0, q.offset ?? 0);
    const limit = Math.min(1000, Math.max(1, q.limit ?? 200));
    return { total: this.entries.length, matched: matching.length, decisions: matching.slice(offset, offset + limit) };
  }

  private take(text: string): void {
    this.lineNo++;
    if (text.trim() === '') return;
    let record: DecisionTraceRecord;
    try {
      record = parseTraceRecord(text, `${this.path}:${this.lineNo}`);
    } catch {
      this.badLines++;
      return;
    }
    const rules: string[] = [];
    let vetoes = 0;
    for (const b of record.trace.branches) {
      for (const c of b.candidates) {
        for (const x of c.contributions) if (x.conditional !== POLICY_SOURCE && !rules.includes(x.conditional)) rules.push(x.conditional);
        if (vetoedBy(c.contributions).length > 0 && c.factor === 0) vetoes++;
      }
    }
    this.entries.push({ line: this.lineNo, env: record.env, agent: record.agent, step: record.step, actions: record.trace.branches.map((b) => `${b.predicate}=${b.chosenLabel}`).join(', '), rules, vetoes });
  }
}

/** The rules that vetoed a candidate: a full reject or negated action (value 1). */
function vetoedBy(contributions: readonly { conditional: string; kind: string; value: number }[]): string[] {
  return contributions.filter((x) => (x.kind === 'reject' || x.kind === 'negated-action') && x.value >= 1).map((x) => x.conditional);
}

/** One candidate of a branch as the view draws it. */
export interface CandidateView {
  readonly label: string;
  /** π(a): the policy's probability (0 where the environment masked it). */
  readonly policy: number;
  /** Every rule's contribution: kind, value, and whether it vetoed. */
  readonly rules: readonly { readonly rule: string; readonly kind: string; readonly value: number; readonly veto: boolean }[];
  readonly factor: number;
  readonly combined: number;
  readonly chosen: boolean;
  /** Why the candidate cannot be chosen: "vetoed by RULE" or "masked by the environment", else null. */
  readonly excluded: string | null;
}

export interface DecisionView {
  readonly line: number;
  readonly behavior: string;
  readonly env: number;
  readonly agent: number;
  readonly step: number;
  readonly mode: string;
  readonly branches: readonly { readonly predicate: string; readonly chosen: string; readonly impasse: string | null; readonly candidates: readonly CandidateView[] }[];
  readonly fired: readonly { readonly rule: string; readonly degree: number }[];
  /** What `shiva explain FILE --line N` prints. */
  readonly text: string;
}

/** The decision on `line` of the trace file at `path`; `shownAs` is the file's name in the text (RUN/traces/NAME). */
export async function decisionView(path: string, line: number, shownAs: string): Promise<DecisionView> {
  const found = await findDecision(path, { kind: 'line', line });
  const r = found.record;
  const text = describeDecision(shownAs, found, readTraceLabels(path));
  return {
    line: found.line,
    behavior: r.behavior,
    env: r.env,
    agent: r.agent,
    step: r.step,
    mode: r.mode,
    branches: r.trace.branches.map((b) => ({
      predicate: b.predicate,
      chosen: b.chosenLabel,
      impasse: b.impasse,
      candidates: b.candidates.map((c) => {
        const policy = c.contributions.find((x) => x.conditional === POLICY_SOURCE && x.kind === 'policy')?.value ?? 0;
        const vetoes = vetoedBy(c.contributions);
        return {
          label: c.label,
          policy,
          rules: c.contributions.filter((x) => x.conditional !== POLICY_SOURCE).map((x) => ({ rule: x.conditional, kind: x.kind, value: x.value, veto: vetoes.includes(x.conditional) })),
          factor: c.factor,
          combined: c.combined,
          chosen: c.index === b.chosen,
          excluded: vetoes.length > 0 ? `vetoed by ${vetoes.join(', ')}` : policy === 0 && c.factor === 0 ? 'masked by the environment' : null,
        };
      }),
    })),
    fired: r.trace.fired.map((f) => ({ rule: f.conditional, degree: f.degree })),
    text,
  };
}
