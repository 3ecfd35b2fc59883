/**
 * What `shiva train` prints on stderr when a run ends: what each behavior did, the final evaluation in plain
 * words, where the run's files are, and what to do next with this run's own paths (evaluate the checkpoint,
 * explain a traced decision, look at the curves).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { RunConfig } from '../config/index.js';
import { formatFinalEvaluation, type FinalEvaluation } from './final-evaluation.js';

export interface TrainReportInput {
  readonly runDir: string;
  readonly stopped: boolean;
  readonly checkpoint: string | null;
  readonly finalEvaluation: FinalEvaluation | null;
  readonly summary: Readonly<Record<string, { steps: number; episodes: number; meanReturnLast100: number | null; stepsPerSecond: number }>>;
  /** --inference: the policies acted without learning; no checkpoint, summary.json or TensorBoard events were written. */
  readonly inference?: boolean;
  /** Unity stopped the run (status 400): why; the steps so far were checkpointed. */
  readonly simulationStopped?: string | null;
  /** --resume of a finished run: the step it had finished at; nothing was trained or changed. */
  readonly alreadyFinished?: { readonly steps: number } | null;
}

/** The report, ending in a newline. `configFile` is the configuration as the user named it. */
export function formatTrainReport(result: TrainReportInput, config: RunConfig, configFile: string, cwd = process.cwd()): string {
  const at = (path: string) => {
    const rel = relative(cwd, path);
    return rel !== '' && !rel.startsWith('..') ? rel : path;
  };
  const lines: string[] = [];
  if (result.alreadyFinished) {
    lines.push(`run "${config.checkpointSettings.runId}" already finished at ${result.alreadyFinished.steps} steps: nothing was trained or changed (raise max_steps in ${configFile} to train further).`);
  }
  for (const [behavior, s] of Object.entries(result.summary)) {
    const mean = s.meanReturnLast100 === null ? '' : `, mean return ${s.meanReturnLast100.toFixed(2)} (last ${Math.min(100, s.episodes)})`;
    lines.push(`${behavior}: ${s.steps} steps, ${s.episodes} agent episodes, ${Math.round(s.stepsPerSecond)} steps/s${mean}`);
  }
  if (result.finalEvaluation) lines.push(formatFinalEvaluation(result.finalEvaluation, config.shiva.progressStats));
  const traces = traceFiles(result.runDir);
  if (result.stopped) lines.push('stopped early; checkpoint saved; continue with --resume.');
  if (result.simulationStopped) lines.push(`Unity stopped the run (${result.simulationStopped}); checkpoint saved; continue with --resume.`);
  lines.push(`Run folder: ${at(result.runDir)}${result.inference ? ' (inference: nothing was trained or saved)' : ''}`);
  if (!result.inference) {
    lines.push(`  summary:     ${at(join(result.runDir, 'summary.json'))}`);
    lines.push(`  checkpoints: ${at(join(result.runDir, 'checkpoints'))}${result.checkpoint ? ` (final: ${basename(result.checkpoint)})` : ''}`);
  }
  if (traces.length > 0) lines.push(`  traces:      ${traces.map(at).join(', ')}`);
  const next: string[] = [];
  const cfg = shellWord(configFile);
  if (result.stopped || result.simulationStopped) next.push(`shiva train ${cfg} --run-id ${shellWord(config.checkpointSettings.runId)} --resume`);
  if (result.checkpoint) {
    const e = config.shiva.finalEvaluation;
    const episodes = e ? ` --episodes ${e.episodes}${e.episodeStat ? ` --episode-stat ${shellWord(e.episodeStat)}` : ''}` : '';
    next.push(`shiva evaluate ${cfg} --checkpoint ${shellWord(at(result.checkpoint))}${episodes}`);
  }
  for (const file of traces) next.push(`shiva explain ${shellWord(at(file))} --line 1`);
  if (!result.inference) next.push(`tensorboard --logdir ${shellWord(at(result.runDir))}`);
  if (next.length > 0) lines.push('Next:', ...next.map((command) => `  ${command}`));
  return lines.join('\n') + '\n';
}

/** The current trace files of a run (RUN/traces/*.jsonl, not the rotated NAME.1.jsonl). */
function traceFiles(runDir: string): string[] {
  const dir = join(runDir, 'traces');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !/\.\d+\.jsonl$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** A word as a POSIX shell reads it: as it is when it holds only safe characters, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
