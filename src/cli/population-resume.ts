/**
 * `shiva train --resume` of a population run (train-population.ts): the newest valid population checkpoint of
 * RUN/checkpoints (damaged ones named in a warning, left on disk and passed over, as a single run's --resume does),
 * refused when the configuration's population differs from the saved one in what the saved state depends on (its
 * size, its explored keys, its ranking interval), and population.jsonl cut back to the checkpoint: events of
 * rankings after it (written before a crash) are dropped, since the resumed run ranks those rounds again.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../config/index.js';
import { ShivaError, isShivaError } from '../core/errors.js';
import { CHECKPOINT_INDEX, CheckpointManager, readCheckpoint, readCheckpointMeta, writeFileAtomicSync } from '../training/checkpoint/index.js';
import { POPULATION_CHECKPOINT_PREFIX, populationStateOf, type PopulationShape, type SavedPopulation } from '../training/population/population-checkpoint.js';

export interface ResumedPopulation extends SavedPopulation {
  readonly path: string;
}

/** The shape of the configuration's population, as a checkpoint records it. */
export function populationShape(config: RunConfig): PopulationShape {
  const population = config.population!;
  return { size: population.size, explore: Object.keys(population.explore).sort(), interval: population.interval };
}

/** The newest valid population checkpoint in `checkpointDir`, checked against `config`'s population. */
export function resumePopulation(config: RunConfig, checkpointDir: string, warn: (message: string) => void): ResumedPopulation {
  const runId = config.checkpointSettings.runId;
  const manager = new CheckpointManager(checkpointDir, 1_000_000, { prefix: POPULATION_CHECKPOINT_PREFIX });
  const { entries, problems, indexDamaged } = existsSync(checkpointDir) ? manager.resumeCandidates() : { entries: [], problems: [], indexDamaged: false };
  const damaged = [...problems];
  for (const [k, entry] of entries.entries()) {
    let saved: SavedPopulation;
    try {
      saved = populationStateOf(readCheckpoint(entry.path), entry.path);
    } catch (error) {
      if (!isShivaError(error, 'SHIVA_ERR_CHECKPOINT')) throw error;
      if (isSingleRun(entry.path)) {
        throw new ShivaError('SHIVA_ERR_USAGE', `--resume: expected a population run in ${checkpointDir}, got the checkpoints of a run trained without population: (${entry.path}); resume it without population:, or start the population under another --run-id`);
      }
      damaged.push({ path: entry.path, reason: error.message });
      continue;
    }
    if (damaged.length > 0) {
      for (const d of damaged) warn(`--resume: passed over the damaged ${d.path}, left as it is: ${d.reason}`);
      warn(`--resume: resuming from ${entry.path} (step ${saved.step}), the newest valid population checkpoint of run "${runId}"`);
      if (indexDamaged) copyFileSync(join(checkpointDir, CHECKPOINT_INDEX), join(checkpointDir, `${CHECKPOINT_INDEX}.damaged`));
      manager.reindex(entries.slice(k).reverse());
    }
    assertSameShape(config, saved.shape, entry.path);
    return { ...saved, path: entry.path };
  }
  if (damaged.length === 0) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--resume: expected a population checkpoint of run "${runId}" in ${checkpointDir}, got none; start the run without --resume`);
  }
  throw new ShivaError('SHIVA_ERR_CHECKPOINT', `--resume: expected a valid population checkpoint of run "${runId}" in ${checkpointDir}, got ${damaged.length} damaged (each left as it is): ${damaged.map((d) => d.reason).join('; ')}`);
}

/** A checkpoint `shiva train` wrote without population: (its meta reads, and says so). */
function isSingleRun(path: string): boolean {
  try {
    return readCheckpointMeta(path)['format'] === 'shiva-training-state';
  } catch {
    return false; // damaged: passed over as such
  }
}

/** The saved members' state only fits a population of the same size, explored keys and ranking interval. */
function assertSameShape(config: RunConfig, saved: PopulationShape, path: string): void {
  const now = populationShape(config);
  const where = (key: string) => `${config.file}${config.lines.has(`population.${key}`) ? `:${config.lines.get(`population.${key}`)}` : ''}: population.${key}`;
  const refuse = (key: string, expected: string, got: string): never => {
    throw new ShivaError('SHIVA_ERR_USAGE', `${where(key)}: expected ${expected} to --resume the population saved in ${path}, got ${got}; start a new run (another --run-id) to change it`);
  };
  if (now.size !== saved.size) refuse('size', `${saved.size} (the saved members)`, String(now.size));
  if (now.explore.join(',') !== saved.explore.join(',')) refuse('explore', `the keys ${saved.explore.join(', ')} (the saved members' values and schedules)`, now.explore.join(', '));
  if (now.interval !== saved.interval) refuse('interval', `${saved.interval} (the saved ranking schedule: rounds × interval)`, String(now.interval));
}

/**
 * population.jsonl as of the checkpoint: lines of rankings from `round` on (written after it, before the run
 * ended without a later checkpoint) are dropped, so that the resumed run's events follow without duplicates.
 * Returns how many were dropped.
 */
export function cutEventsBack(eventsFile: string, round: number): number {
  if (!existsSync(eventsFile)) return 0;
  const lines = readFileSync(eventsFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const kept = lines.filter((line, i) => {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      throw new ShivaError('SHIVA_ERR_TELEMETRY_FILE', `${eventsFile}:${i + 1}: expected a population event (JSON), got ${JSON.stringify(line.slice(0, 60))}`);
    }
    const r = typeof event === 'object' && event !== null ? (event as { round?: unknown }).round : undefined;
    if (typeof r !== 'number') throw new ShivaError('SHIVA_ERR_TELEMETRY_FILE', `${eventsFile}:${i + 1}: round: expected a number, got ${JSON.stringify(r ?? null)}`);
    return r < round;
  });
  if (kept.length < lines.length) writeFileAtomicSync(eventsFile, [Buffer.from(kept.map((l) => `${l}\n`).join(''))]);
  return lines.length - kept.length;
}
