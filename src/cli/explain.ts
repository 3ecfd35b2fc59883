/**
 * `shiva explain`: one decision of a trace file (RUN/traces/BEHAVIOR.jsonl), found by line or by agent and step,
 * printed readably: where it was made, what the rules saw, and cognitive's formatTrace (every contribution to
 * every candidate, the combined scores, impasses and how they were resolved).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatTrace } from '../../cognitive/index.js';
import { parseTraceRecord, type DecisionTraceRecord } from '../decisions/trace-record.js';
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

/** The readable rendering `shiva explain` prints. */
export function describeDecision(file: string, found: FoundDecision): string {
  const r = found.record;
  const round = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 1e4) / 1e4) : String(x));
  return [
    `decision at ${file}:${found.line}`,
    `  behavior ${r.behavior}${r.learner ? ` (learner ${r.learner})` : ''}, env ${r.env}, agent ${r.agent}, step ${r.step}, ${r.mode === 'greedy' ? 'greedy' : 'sampled from π·f/Z'}, ${r.time}`,
    `  observation [${r.observation.map(round).join(', ')}]`,
    `  actions [${r.actions.join(', ')}]`,
    formatTrace(r.trace),
  ].join('\n');
}
