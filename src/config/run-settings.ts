/**
 * The run-wide sections: env_settings, engine_settings, checkpoint_settings and torch_settings (ML-Agents'), with
 * Shiva's `builtin:NAME` form of env_path. Command-line overrides are already in the tree; their values are checked
 * here like the file's.
 */
import { existsSync } from 'node:fs';
import { builtinEnvCatalog as builtinEnvs } from '../../envs/catalog.js';
import { CHECKPOINT_DEFAULTS, ENGINE_DEFAULTS, ENV_DEFAULTS } from './defaults.js';
import { LIMITS } from './limits.js';
import { nearest } from '../core/did-you-mean.js';
import { SHIVA_BACKENDS, type CheckpointSettingsConfig, type EngineSettingsConfig, type EnvSettingsConfig, type TorchSettingsConfig } from './run-config.js';
import { Section } from './section.js';
import { describeNode } from './source-tree.js';

export const ENV_KEYS = ['env_path', 'env_args', 'base_port', 'num_envs', 'num_areas', 'timeout_wait', 'seed', 'max_lifetime_restarts', 'restarts_rate_limit_n', 'restarts_rate_limit_period_s'] as const;
export const ENGINE_KEYS = ['width', 'height', 'quality_level', 'time_scale', 'target_frame_rate', 'capture_frame_rate', 'no_graphics'] as const;
export const CHECKPOINT_KEYS = ['run_id', 'initialize_from', 'load_model', 'resume', 'force', 'train_model', 'inference', 'results_dir'] as const;
export const TORCH_KEYS = ['device'] as const;
export const BUILTIN_PREFIX = 'builtin:';
export const STANDIN_PREFIX = 'standin:';
const UINT32_MAX = 2 ** 32 - 1;

export function parseEnvSettings(s: Section): EnvSettingsConfig {
  const d = ENV_DEFAULTS;
  const { envPath, builtinEnv } = parseEnvPath(s);
  const numEnvs = s.int('num_envs', d.numEnvs, 1, LIMITS.numEnvs.max, LIMITS.numEnvs.bounds);
  if (numEnvs > 1 && envPath === null && builtinEnv === null) {
    // ML-Agents' rule: without an executable the Editor is the one environment.
    s.fail('num_envs', `1 when no environment is set (the Editor connects as one environment; set env_settings.env_path or --env to launch ${numEnvs})`, String(numEnvs));
  }
  const basePort = s.int('base_port', d.basePort, 0, 65535);
  if (basePort + numEnvs - 1 > 65535) s.fail('base_port', `a port ≤ ${65536 - numEnvs} so that ${numEnvs} environments get ports base_port..base_port+${numEnvs - 1}`, String(basePort));
  const builtinAreas = builtinEnv === null ? undefined : builtinEnvs.get(builtinEnv)?.defaultNumAreas;
  return {
    envPath,
    builtinEnv,
    envArgs: parseEnvArgs(s),
    numEnvs,
    basePort,
    seed: s.int('seed', d.seed, -1, UINT32_MAX),
    numAreas: s.int('num_areas', builtinAreas ?? d.numAreas, 1, LIMITS.numAreas.max, LIMITS.numAreas.bounds),
    timeoutWait: s.number('timeout_wait', d.timeoutWait, { min: 0, minExclusive: true, ...LIMITS.timeoutWait }),
    maxLifetimeRestarts: s.int('max_lifetime_restarts', d.maxLifetimeRestarts, -1),
    restartsRateLimitN: s.int('restarts_rate_limit_n', d.restartsRateLimitN, -1),
    restartsRateLimitPeriodS: s.number('restarts_rate_limit_period_s', d.restartsRateLimitPeriodS, { min: 0, minExclusive: true, ...LIMITS.restartsRateLimitPeriodS }),
  };
}

function parseEnvPath(s: Section): { envPath: string | null; builtinEnv: string | null } {
  const value = s.nullableString('env_path');
  if (value === null) return { envPath: null, builtinEnv: null };
  const known = [...builtinEnvs.keys()];
  if (value.toLowerCase().startsWith(BUILTIN_PREFIX)) {
    const name = value.slice(BUILTIN_PREFIX.length).trim().toLowerCase();
    if (builtinEnvs.has(name)) return { envPath: null, builtinEnv: name };
    const guess = nearest(name, known);
    return s.fail('env_path', `builtin:NAME with NAME one of ${known.join(', ')}`, `${JSON.stringify(value)}${guess ? `; did you mean "builtin:${guess}"?` : ''}`);
  }
  // Shiva: `standin:NAME` launches Unity stand-ins of a built-in environment as child processes, connected over
  // gRPC exactly as Unity builds are (the whole bridge, no Unity); kept as the env path, normalised.
  if (value.toLowerCase().startsWith(STANDIN_PREFIX)) {
    const name = value.slice(STANDIN_PREFIX.length).trim().toLowerCase();
    if (builtinEnvs.has(name)) return { envPath: `${STANDIN_PREFIX}${name}`, builtinEnv: null };
    const guess = nearest(name, known);
    return s.fail('env_path', `standin:NAME with NAME one of ${known.join(', ')}`, `${JSON.stringify(value)}${guess ? `; did you mean "standin:${guess}"?` : ''}`);
  }
  // A bare built-in name that is not a file in the working directory is almost surely a missing prefix.
  if (builtinEnvs.has(value.trim().toLowerCase()) && !existsSync(value)) {
    return s.fail('env_path', `the path of a Unity executable, or builtin:NAME for a built-in environment`, `${JSON.stringify(value)}, which is no file here; did you mean "builtin:${value.trim().toLowerCase()}"?`);
  }
  return { envPath: value, builtinEnv: null };
}

function parseEnvArgs(s: Section): string[] {
  const node = s.node('env_args');
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  const expected = 'a list of arguments for the executable, e.g. ["--level", "3"]';
  if (node.kind !== 'seq') return s.fail('env_args', expected, describeNode(node));
  return node.items.map((item, i) => {
    if (item.kind !== 'scalar' || item.value === null) return s.ctx.expected(item.origin, `${s.child('env_args')}[${i}]`, 'a string or number', describeNode(item));
    return String(item.value);
  });
}

export function parseEngineSettings(s: Section): EngineSettingsConfig {
  const d = ENGINE_DEFAULTS;
  return {
    width: s.int('width', d.width, 1, LIMITS.engineSize.max, LIMITS.engineSize.bounds),
    height: s.int('height', d.height, 1, LIMITS.engineSize.max, LIMITS.engineSize.bounds),
    qualityLevel: s.int('quality_level', d.qualityLevel, 0),
    timeScale: s.number('time_scale', d.timeScale, { min: 0, minExclusive: true, ...LIMITS.timeScale }),
    targetFrameRate: s.int('target_frame_rate', d.targetFrameRate, -1),
    captureFrameRate: s.int('capture_frame_rate', d.captureFrameRate, 0),
    noGraphics: s.bool('no_graphics', d.noGraphics),
  };
}

export function parseCheckpointSettings(s: Section): CheckpointSettingsConfig {
  const d = CHECKPOINT_DEFAULTS;
  const runId = s.string('run_id', d.runId, true);
  // A run id names a folder under results_dir; anything that climbs out of it or nests is refused.
  const notAName = (id: string) => /[/\\]/.test(id) || id === '.' || id === '..' || id.trim() !== id;
  if (notAName(runId)) s.fail('run_id', 'a name without slashes, surrounding spaces, "." or ".." (it names a folder under results_dir)', JSON.stringify(runId));
  const fromCli = (key: string) => s.originOf(key).kind === 'cli';
  const loadModel = s.bool('load_model', false);
  if (loadModel) s.warn('load_model', fromCli('load_model') ? 'deprecated in ML-Agents; the same as --resume' : 'deprecated in ML-Agents; read as resume: true');
  if (s.bool('train_model', false)) s.warn('train_model', fromCli('train_model') ? 'deprecated in ML-Agents and ignored: training is what shiva train does (use --inference not to train)' : 'deprecated in ML-Agents and ignored (shiva train always trains)');
  const inference = s.bool('inference', d.inference);
  const resume = s.bool('resume', d.resume) || loadModel;
  const force = s.bool('force', d.force);
  if (resume && force) {
    const from = (key: string) => s.ctx.where(s.originOf(key), s.child(key));
    const resumeKey = s.has('resume') ? 'resume' : 'load_model';
    // Blamed on the file when either came from it (a config error), on the command line only when both did.
    const blame = s.originOf('force').kind === 'file' || s.originOf(resumeKey).kind !== 'file' ? 'force' : resumeKey;
    s.ctx.fail(s.originOf(blame), s.child(blame), `expected at most one of resume and force, got both (resume from ${from(resumeKey)}; force from ${from('force')}): resume continues a run, force starts it afresh`);
  }
  let initializeFrom = s.nullableString('initialize_from', true);
  if (initializeFrom !== null && notAName(initializeFrom)) {
    s.fail('initialize_from', 'a run id: a name without slashes, surrounding spaces, "." or ".." (the run folder under results_dir to start from)', JSON.stringify(initializeFrom));
  }
  if (resume && initializeFrom !== null) {
    s.warn('initialize_from', `ignored because the run resumes (as in ML-Agents): the run continues from its own checkpoint, not from "${initializeFrom}"`);
    initializeFrom = null;
  }
  if (inference && !resume && initializeFrom === null) {
    // ML-Agents' inference runs the policies it loaded; Shiva refuses to act with untrained ones.
    s.fail('inference', 'a trained policy to act with: resume (--resume) or initialize_from (--initialize-from) beside it', 'neither');
  }
  return { runId, resume, force, resultsDir: s.string('results_dir', d.resultsDir), initializeFrom, inference };
}

export function parseTorchSettings(s: Section): TorchSettingsConfig {
  const device = s.nullableString('device');
  if (device !== null) {
    s.warn('device', s.originOf('device').kind === 'cli' ? `ignored: Shiva runs on TensorFlow.js; use --backend (${SHIVA_BACKENDS.join(', ')}) or shiva.backend instead` : `ignored: Shiva runs on TensorFlow.js; choose its backend with shiva.backend or --backend`);
  }
  return { device };
}
