/**
 * What `shiva train` writes into RESULTS/RUN_ID besides checkpoints, scalars and summary.json, in the layout
 * ML-Agents' users and tools expect of a results folder:
 *
 *   configuration.yaml           the resolved configuration (every default filled; `shiva train` reads it back)
 *   rules/                       copies of the rule files named under `cognitive:` (as they were at the start)
 *   run_logs/timers.json         the measured phases of the run (ML-Agents' timer tree), with gauges and metadata
 *   run_logs/training_status.json  the checkpoints per learner (ML-Agents' format), final_checkpoint at the end
 *
 * Everything is written atomically; the two run_logs files are rewritten at every checkpoint and at the end.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { version_core as tfjsVersion } from '@tensorflow/tfjs';
import type { Learner } from '../../agents/plugin/learner.js';
import { runConfigToYaml, type RunConfig } from '../config/index.js';
import { COMMUNICATION_API_VERSION } from '../protocol/version.js';
import { writeFileAtomicSync } from '../training/checkpoint/index.js';
import { GhostLearner } from '../training/ghost-learner.js';
import { RunTimers } from '../training/run-logs/run-timers.js';
import { TrainingStatus, type StatusCheckpoint } from '../training/run-logs/training-status.js';
import type { TrainingState } from '../training/trainer.js';

export const CONFIGURATION_FILE = 'configuration.yaml';
export const RULES_DIR = 'rules';

/** Shiva's version, from package.json (dist/src/cli/ → the package root). */
export function shivaVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** RUN_ID/configuration.yaml: the resolved configuration, with a header saying what it is. */
export function writeConfiguration(config: RunConfig, runDir: string, startedAt: string): string {
  const path = join(runDir, CONFIGURATION_FILE);
  const header = [
    `The resolved configuration of run "${config.checkpointSettings.runId}" (from ${config.file} and the command line,`,
    `every default filled in), written by shiva train at ${startedAt}. \`shiva train ${CONFIGURATION_FILE}\` reads it`,
    'back to the same configuration (paths in it are relative to the directory shiva train ran in).',
  ].join('\n');
  writeFileAtomicSync(path, [Buffer.from(runConfigToYaml(config, header))]);
  return path;
}

/** One rule file copied into the run folder. */
export interface RuleFileCopy {
  /** The key under `cognitive:`. */
  readonly behavior: string;
  /** The rule file as the configuration names it. */
  readonly source: string;
  /** The copy, relative to the run folder (rules/NAME). */
  readonly copy: string;
}

/**
 * Copies every rule file named under `cognitive:` that exists into RUN_ID/rules/ (one copy per file, names made
 * unique with -2, -3, ...), so the run keeps the rules it trained with whatever happens to the originals.
 */
export function copyRuleFiles(config: RunConfig, runDir: string): RuleFileCopy[] {
  const out: RuleFileCopy[] = [];
  const bySource = new Map<string, string>();
  const taken = new Set<string>();
  for (const [behavior, entry] of config.cognitive) {
    if (!existsSync(entry.rules)) continue;
    let copy = bySource.get(entry.rules);
    if (copy === undefined) {
      const name = basename(entry.rules);
      const ext = extname(name);
      let candidate = name;
      for (let n = 2; taken.has(candidate); n++) candidate = `${name.slice(0, name.length - ext.length)}-${n}${ext}`;
      taken.add(candidate);
      copy = `${RULES_DIR}/${candidate}`;
      mkdirSync(join(runDir, RULES_DIR), { recursive: true });
      copyFileSync(entry.rules, join(runDir, copy));
      bySource.set(entry.rules, copy);
    }
    out.push({ behavior, source: entry.rules, copy });
  }
  return out;
}

export interface RunLogsOptions {
  /** Continue run_logs/training_status.json (--resume) rather than start it afresh. */
  readonly resumed: boolean;
  readonly backend: string;
  /** Said when a status file to continue cannot be read (the run goes on with a fresh one). */
  readonly warn?: (message: string) => void;
}

/** run_logs/timers.json and run_logs/training_status.json of one run. */
export class RunLogs {
  readonly timers: RunTimers;
  private readonly status: TrainingStatus;
  private readonly dir: string;
  /** The entries of the latest checkpoint, per learner, for final_checkpoint. */
  private latest = new Map<string, StatusCheckpoint>();

  constructor(runDir: string, options: RunLogsOptions) {
    this.dir = join(runDir, 'run_logs');
    mkdirSync(this.dir, { recursive: true });
    const versions = { shiva_version: shivaVersion(), tfjs_version: tfjsVersion, tfjs_backend: options.backend };
    this.timers = new RunTimers({
      command_line_arguments: process.argv.join(' '),
      ...versions,
      node_version: process.versions.node,
      communication_protocol_version: COMMUNICATION_API_VERSION,
    });
    const statusPath = join(this.dir, 'training_status.json');
    this.status = options.resumed ? TrainingStatus.continue(statusPath, versions, options.warn) : new TrainingStatus(statusPath, versions);
  }

  /** A checkpoint was saved at `path` with `state`: one entry per learner (its steps and mean return then). */
  checkpointSaved(path: string, state: TrainingState): void {
    const creationTime = Date.now() / 1000;
    for (const [id, learner] of Object.entries(state.learners)) {
      const returns = state.recentReturns?.[id] ?? [];
      const entry: StatusCheckpoint = {
        steps: learner.steps,
        file_path: path,
        reward: returns.length > 0 ? returns.reduce((a, b) => a + b, 0) / returns.length : null,
        creation_time: creationTime,
        auxillary_file_paths: [],
      };
      this.status.addCheckpoint(id, entry);
      this.latest.set(id, entry);
    }
    if (state.lessons) this.status.setLessons(state.lessons);
    this.write();
  }

  /** Training ended with the checkpoint at `path` (null: none was saved): final_checkpoint, ELO, and both files. */
  finished(path: string | null, learners: ReadonlyMap<string, Learner>): void {
    if (path !== null) for (const [id, entry] of this.latest) if (entry.file_path === path) this.status.setFinal(id, entry);
    for (const [id, learner] of learners) if (learner instanceof GhostLearner) this.status.setElo(id, learner.elo);
    this.write();
  }

  /** Both files, as they stand now. */
  write(): void {
    this.timers.write(join(this.dir, 'timers.json'));
    this.status.write();
  }
}
