/**
 * Whether `shiva train` can make and write its run folder RESULTS/RUN_ID, checked before anything is written: a
 * file where a folder of the path should be, or a folder that cannot be written, is a SHIVA_ERR_RUN_FOLDER naming
 * the path and the setting that gave it (results_dir, --results-dir), not a Node stack trace. The same words for
 * a file-system error met while the folder is made (runFolderError).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RunConfig } from '../config/index.js';
import { ShivaError } from '../core/errors.js';

/** How errors name the results folder's setting: the file's line, the flag, or the default. */
function resultsKey(config: RunConfig): string {
  const line = config.lines.get('checkpoint_settings.results_dir');
  if (line !== undefined) return `${config.file}:${line}: checkpoint_settings.results_dir`;
  const dir = config.checkpointSettings.resultsDir;
  return dir === 'results' ? 'checkpoint_settings.results_dir (default "results")' : '--results-dir (command line, checkpoint_settings.results_dir)';
}

function fail(config: RunConfig, runDir: string, why: string): never {
  throw new ShivaError('SHIVA_ERR_RUN_FOLDER', `${resultsKey(config)}: expected a folder the run folder ${runDir} can be made and written in, got ${why}`);
}

/** Throws SHIVA_ERR_RUN_FOLDER when `runDir` (RESULTS/RUN_ID) cannot be made or written. Writes nothing. */
export function assertRunFolderWritable(config: RunConfig, runDir: string): void {
  const target = resolve(runDir);
  // The path from the root down: every part that exists must be a folder; the deepest one must be writable.
  const parts: string[] = [];
  for (let p = target; ; p = dirname(p)) {
    parts.unshift(p);
    if (dirname(p) === p) break;
  }
  let deepest = parts[0]!;
  for (const part of parts) {
    if (!existsSync(part)) break;
    if (!statSync(part).isDirectory()) fail(config, runDir, `${part}, which is a file, not a folder`);
    deepest = part;
  }
  try {
    accessSync(deepest, constants.W_OK | constants.X_OK);
  } catch (error) {
    fail(config, runDir, `${deepest}, which cannot be written (${codeOf(error) ?? 'no permission'})`);
  }
}

/** A file-system error met while making or writing the run folder, as a SHIVA_ERR_RUN_FOLDER; other errors as they are. */
export function runFolderError(config: RunConfig, runDir: string, error: unknown): unknown {
  const code = codeOf(error);
  if (code === undefined || !['ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EISDIR', 'ENAMETOOLONG'].includes(code)) return error;
  const path = (error as { path?: string }).path ?? runDir;
  return new ShivaError('SHIVA_ERR_RUN_FOLDER', `${resultsKey(config)}: expected a folder the run folder ${runDir} can be made and written in, got ${code} at ${path}`, { cause: error });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
