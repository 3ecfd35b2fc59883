/**
 * `shiva train CONFIG`: train on a built-in environment, Unity executables, or the Unity Editor.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CHECKPOINT_DEFAULTS, ENGINE_DEFAULTS, ENV_DEFAULTS, SHIVA_BACKENDS, loadRunConfig, type CliOverrides } from '../config/index.js';
import { createLogger, rootLogger } from '../telemetry/logger.js';
import { RecentStats, learnerProgress } from '../telemetry/progress.js';
import { ENVIRONMENT_HELP } from './help-text.js';
import { LISTEN_HELP, listenFromFlags, type ListenFlags } from './listen-flags.js';
import { envArgsValue, integer, number } from './parse-options.js';
import { dryRun } from './dry-run.js';
import { LIMITS } from '../config/limits.js';
import { DEFAULT_DASHBOARD_PORT } from './dashboard/dashboard-command.js';
import { DashboardThread } from './dashboard/dashboard-thread.js';
import { ShivaError, isShivaError } from '../core/errors.js';
import { abortOnShutdown, onShutdownSignal } from './shutdown.js';
import { train } from './train.js';
import { formatTrainReport } from './train-report.js';
import { formatFinalEvaluation } from './final-evaluation.js';
import { addClusterOptions, CLUSTER_FLAG_NAMES, type ClusterCliFlags } from './cluster-flags.js';
import { runClusterTrainCommand } from './cluster-train.js';
import { trainPopulation } from './train-population.js';

interface TrainFlags extends ListenFlags, ClusterCliFlags {
  runId?: string;
  resume?: boolean;
  force?: boolean;
  env?: string;
  numEnvs?: number;
  basePort?: number;
  seed?: number;
  resultsDir?: string;
  backend?: string;
  envWorkers?: number;
  initializeFrom?: string;
  deterministic?: boolean;
  inference?: boolean;
  numAreas?: number;
  debug?: boolean;
  envArgs?: string[];
  maxLifetimeRestarts?: number;
  restartsRateLimitN?: number;
  restartsRateLimitPeriodS?: number;
  timeoutWait?: number;
  load?: boolean;
  train?: boolean;
  width?: number;
  height?: number;
  qualityLevel?: number;
  timeScale?: number;
  targetFrameRate?: number;
  captureFrameRate?: number;
  /** commander's name for --no-graphics: false when given. */
  graphics?: boolean;
  torchDevice?: string;
  /** mlagents-learn's removed --torch and --tensorflow: accepted with a warning, as mlagents-learn does. */
  torch?: boolean;
  tensorflow?: boolean;
  host?: string;
  allowRemote?: boolean;
  dryRun?: boolean;
  /** --dashboard [PORT]: true (the default port) or the port as given. */
  dashboard?: boolean | string;
  /** --record-episodes N: keep the frames of each environment's last N episodes for the dashboard's map. */
  recordEpisodes?: number;
}

/** " (default: X)" for a flag whose default is ML-Agents' (the file's value wins over it, the flag over both). */
const dflt = (value: string | number) => ` (default: ${value})`;

const TRAIN_HELP_AFTER = `
Each flag sets the run configuration's key of the same meaning, as mlagents-learn's do: the command line wins
over the file, the file over the defaults shown (ML-Agents'). Every mlagents-learn flag and results file, and what
Shiva does with it: docs/MLAGENTS-LEARN.md.

Examples:
  shiva train configs/scout.yaml                         the default job: the built-in scout mission, in-process
  shiva train configs/cartpole.yaml --run-id cp --seed 1 PPO on the built-in CartPole
  shiva train run.yaml                                   listen on localhost:5004 and press Play in the Unity Editor
  shiva train run.yaml --env ./Build/Scene.x86_64 --num-envs 8 --no-graphics --time-scale 20
                                                         8 copies of a Unity build, on ports 5005..5012
  shiva train run.yaml --env ./Build/Scene.x86_64 --env-args --level 3
                                                         everything after --env-args goes to the build
  shiva train run.yaml --run-id cp --resume              continue run "cp" from its latest checkpoint
  shiva train run.yaml --run-id cp --resume --inference --deterministic
                                                         run cp's policies greedily, without training
  shiva train run.yaml --run-id ft --initialize-from bc  start from run "bc"'s policies (e.g. shiva imitate)
  shiva train run.yaml --host 0.0.0.0 --allow-remote     listen off loopback; clients send the token printed (docs/SECURITY.md)
  shiva train run.yaml --dry-run --seed 3 > resolved.yaml
                                                         check the file and print it resolved (every default filled),
                                                         warnings and missing files on stderr; nothing is written
${ENVIRONMENT_HELP}
`;

/** The flags as configuration overrides (src/config/cli-overrides.ts): only what was given. */
function overridesOf(flags: TrainFlags): CliOverrides {
  const { graphics, host: _host, allowRemote: _allowRemote, token: _token, insecureNoToken: _insecure, tlsCert: _cert, tlsKey: _key, torch: _torch, tensorflow: _tensorflow, dryRun: _dryRun, dashboard: _dashboard, recordEpisodes: _recordEpisodes, ...rest } = flags;
  const given = Object.fromEntries(Object.entries(rest).filter(([k, v]) => v !== undefined && !(CLUSTER_FLAG_NAMES as readonly string[]).includes(k))) as CliOverrides;
  return graphics === false ? { ...given, noGraphics: true } : given;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train the behaviors of a run configuration (ML-Agents trainer-config YAML); with no environment in the config or on the command line it listens on 5004 for the Unity Editor')
    .argument('<config>', 'run configuration (YAML): an ML-Agents trainer-config file, with Shiva\'s keys beside theirs')
    // mlagents-learn's groups, in its order (mlagents/trainers/cli_utils.py).
    .optionsGroup('General (mlagents-learn):')
    .option('--env <env>', 'builtin:NAME (in-process), standin:NAME (stand-ins over gRPC), or a Unity executable (default: none: listen on 5004 for the Editor)')
    .option('--resume', 'continue the run RESULTS/RUN_ID from its latest checkpoint')
    .option('--deterministic', 'act with the mode of each policy (the mean, or the most likely action) instead of sampling: network_settings.deterministic of every behavior')
    .option('--force', 'overwrite an existing run folder')
    .option('--run-id <id>', `names the run folder RESULTS/RUN_ID${dflt(CHECKPOINT_DEFAULTS.runId)}`)
    .option('--initialize-from <run-id>', "start the policies from another run's latest checkpoint (e.g. a `shiva imitate` run)")
    .option('--seed <seed>', `seed of the run; -1 picks one${dflt(ENV_DEFAULTS.seed)}`, integer(-1))
    .option('--inference', 'run the policies without training (needs --resume or --initialize-from): no updates, no checkpoints; ends after max_steps agent steps per behavior, or Ctrl-C')
    .option('--base-port <port>', `first port for executables and stand-ins, one per simulation; 0 picks free ports. Given here, also the Editor's port (a departure: mlagents-learn always uses 5004 for the Editor); otherwise the Editor is on 5004 or SHIVA_EDITOR_PORT${dflt(ENV_DEFAULTS.basePort)}`, integer(0, 65535))
    .option('--num-envs <n>', `simulations to run at once${dflt(ENV_DEFAULTS.numEnvs)}`, integer(1, 256))
    .option('--num-areas <n>', `copies of the training area in each simulation (default: ${ENV_DEFAULTS.numAreas}, or the built-in environment's own)`, integer(1))
    .option('--debug', 'debug-level logs (unless SHIVA_LOG_LEVEL says otherwise)')
    .option('--env-args <args...>', 'everything after it on the command line is passed to the executable (default: none)', envArgsValue)
    .option('--max-lifetime-restarts <n>', `restarts of a crashed executable over its lifetime before the run fails; -1: no limit${dflt(ENV_DEFAULTS.maxLifetimeRestarts)}`, integer(-1))
    .option('--restarts-rate-limit-n <n>', `restarts of an executable allowed within --restarts-rate-limit-period-s; -1: no rate limit${dflt(ENV_DEFAULTS.restartsRateLimitN)}`, integer(-1))
    .option('--restarts-rate-limit-period-s <seconds>', `the period --restarts-rate-limit-n applies to${dflt(ENV_DEFAULTS.restartsRateLimitPeriodS)}`, number(0, { exclusive: true }))
    .option('--results-dir <dir>', `where run folders go${dflt(CHECKPOINT_DEFAULTS.resultsDir)}`)
    .option('--timeout-wait <seconds>', `how long to wait for a simulation to start, and for each of its messages; the Editor's Play is awaited as long as it takes unless this (or timeout_wait) is given${dflt(ENV_DEFAULTS.timeoutWait)}`, number(0, { exclusive: true }))
    .optionsGroup('Deprecated in ML-Agents (accepted, with a warning):')
    .option('--load', 'the same as --resume')
    .option('--train', 'ignored: training is what shiva train does')
    .option('--torch', '(removed in ML-Agents) ignored')
    .option('--tensorflow', '(removed in ML-Agents) ignored')
    .optionsGroup('Engine Configuration (sent to Unity; in-process built-in scenes ignore it):')
    .option('--width <pixels>', `width of the executable's window (ignored for Editor training)${dflt(ENGINE_DEFAULTS.width)}`, integer(1))
    .option('--height <pixels>', `height of the executable's window (ignored for Editor training)${dflt(ENGINE_DEFAULTS.height)}`, integer(1))
    .option('--quality-level <n>', `QualitySettings.SetQualityLevel${dflt(ENGINE_DEFAULTS.qualityLevel)}`, integer(0))
    .option('--time-scale <x>', `Time.timeScale${dflt(ENGINE_DEFAULTS.timeScale)}`, number(0, { exclusive: true }))
    .option('--target-frame-rate <fps>', `Application.targetFrameRate; -1: as fast as possible${dflt(ENGINE_DEFAULTS.targetFrameRate)}`, integer(-1))
    .option('--capture-frame-rate <fps>', `Time.captureFramerate${dflt(ENGINE_DEFAULTS.captureFrameRate)}`, integer(0))
    .option('--no-graphics', 'launch executables with -batchmode -nographics (no graphics driver: only for scenes without visual observations)')
    .optionsGroup('Torch Configuration:')
    .option('--torch-device <device>', 'accepted and ignored with a warning: Shiva runs on TensorFlow.js; use --backend')
    .optionsGroup('Shiva:')
    .option('--dry-run', 'validate the configuration, print it resolved (every default filled) as YAML on stdout and exit; warnings and missing files (demonstrations, init_path, env_path) on stderr; writes nothing, starts nothing')
    .option('--dashboard [port]', `serve the dashboard of the results folder while training (curves live, decisions explained), on loopback only; PORT default ${DEFAULT_DASHBOARD_PORT}, 0 a free one (for another host, run shiva dashboard --allow-remote)`)
    .option('--record-episodes <n>', 'keep the frames of each built-in environment\'s last N episodes in RUN/episodes (JSONL) for the dashboard\'s map (default: none recorded)', integer(1))
    .option('--env-workers <n>', `worker threads that step a built-in environment's num_envs scenes, at most num_envs; 0: on the main thread (default: 0)`, integer(0, LIMITS.envWorkers.max))
    .option('--backend <backend>', `TensorFlow.js backend: ${SHIVA_BACKENDS.join(', ')} (default: auto; SHIVA_BACKEND wins)`)
    .option('--host <address>', 'address the gRPC listeners bind, for the Editor, executables and stand-ins (default: localhost, i.e. 127.0.0.1 and ::1)')
    .option('--allow-remote', LISTEN_HELP.allowRemote)
    .option('--token <token>', LISTEN_HELP.token)
    .option('--insecure-no-token', LISTEN_HELP.insecureNoToken)
    .option('--tls-cert <file>', LISTEN_HELP.tlsCert)
    .option('--tls-key <file>', LISTEN_HELP.tlsKey)
    .optionsGroup('')
    .addHelpText('after', TRAIN_HELP_AFTER)
    .action(async (file: string, flags: TrainFlags) => {
      // A non-loopback address (by what it resolves to) is refused before anything starts, whatever the environment.
      const listen = await listenFromFlags(flags, 'shiva train', (line) => process.stderr.write(line));
      const config = loadRunConfig(file, overridesOf(flags));
      if (flags.dryRun) {
        const checked = dryRun(config);
        for (const warning of checked.warnings) process.stderr.write(`warning: ${warning}\n`);
        for (const missing of checked.missingFiles) process.stderr.write(`missing (needed when training runs, not by --dry-run): ${missing}\n`);
        process.stdout.write(checked.yaml);
        return;
      }
      // --debug (top-level debug: true) as mlagents-learn's: debug-level logs, unless SHIVA_LOG_LEVEL says otherwise.
      if (config.debug && !process.env.SHIVA_LOG_LEVEL) rootLogger().level = 'debug';
      const logger = createLogger('train');
      for (const removed of ['torch', 'tensorflow'] as const) if (flags[removed]) logger.warn(`--${removed}: removed in ML-Agents (the command line argument --${removed} was removed) and ignored`);
      // --cluster: this process runs the learners; actors (shiva actor) step the environments (docs/DISTRIBUTED.md).
      if (config.population) {
        // Population-based training runs its members in this process for now (docs/DISTRIBUTED.md, "Not built yet").
        if (flags.cluster) throw new ShivaError('SHIVA_ERR_USAGE', `--cluster: expected a configuration without population: (members as separate learners on a cluster are not built yet; population-based training runs in one process), got population.size ${config.population.size} in ${file}`);
        return runPopulationCommand(config, logger, { dashboardPort: dashboardPortOf(flags.dashboard), ...(flags.recordEpisodes !== undefined ? { recordEpisodes: flags.recordEpisodes } : {}) });
      }
      if (flags.cluster) return runClusterTrainCommand(config, { ...flags, cluster: flags.cluster }, file, logger);
      const controller = new AbortController();
      // Before training starts (launching the simulations, waiting for them or for the Editor's Play) one signal
      // ends the command at once, exit 130/143, and train() removes the run folder it made; during training the
      // first signal stops it with a checkpoint and a second forces.
      let started = false;
      let stoppedBy: NodeJS.Signals | null = null;
      const waitEnded = (signal: NodeJS.Signals) => `${signal}: stopped waiting for the simulations before training began; nothing was trained`;
      onShutdownSignal(
        async (signal) => {
          stoppedBy = signal;
          controller.abort(signal);
        },
        (m) => logger.warn(m),
        { exit: false, message: (signal) => (started ? null : waitEnded(signal)) },
      );
      const dashboardPort = dashboardPortOf(flags.dashboard);
      // Opened once the run folder exists (the results folder with it), closed when the command ends.
      let dashboard: Promise<DashboardThread | null> = Promise.resolve(null);
      const bars = new Map<string, ReturnType<typeof learnerProgress>>();
      // shiva.progress_stats: environment stats over a recent window, beside the bar (e.g. the scout's win rate).
      const recent = new RecentStats(config.shiva.progressStats);
      const shown = recent.specs.length > 0;
      const result = await train(config, {
        explicit: { basePort: flags.basePort !== undefined, timeoutWait: flags.timeoutWait !== undefined },
        logger,
        signal: controller.signal,
        listen,
        ...(flags.recordEpisodes !== undefined ? { recordEpisodes: flags.recordEpisodes } : {}),
        ...(shown ? { onEnvironmentStats: (stats: Parameters<RecentStats['add']>[0]) => recent.add(stats) } : {}),
        onFinalEvaluation: (info) => {
          bars.forEach((b) => b.stop());
          bars.clear();
          logger.info(info, `training done; final evaluation of ${basename(info.checkpoint)} over ${info.episodes} episodes`);
        },
        onStart: (info) => {
          started = true;
          if (dashboardPort !== null) {
            // On a thread of its own (dashboard-thread.ts): its requests neither wait for nor slow the training loop.
            const failed = (error: Error) => logger.warn(`--dashboard: its thread failed: ${error.message}; training goes on without it`);
            dashboard = DashboardThread.open({ resultsDir: config.checkpointSettings.resultsDir, port: dashboardPort }, failed).then(
              (server) => {
                logger.info({ dashboard: server.url }, `dashboard of ${config.checkpointSettings.resultsDir} at ${server.url} (view-only, while training runs)`);
                return server;
              },
              (error: unknown) => {
                // The run goes on without it: a busy port must not cost the training.
                logger.warn({ code: isShivaError(error) ? error.code : undefined }, `--dashboard: not started: ${error instanceof Error ? error.message : String(error)}; training goes on`);
                return null;
              },
            );
          }
          const resumed = info.resumedFromStep !== null ? `, resumed at step ${info.resumedFromStep}` : '';
          const doing = info.inference ? 'inference (acting without training, no checkpoints) with' : 'training';
          logger.info(info, `${doing} ${config.checkpointSettings.runId} on ${info.environments} (${info.backend}${resumed}); run folder ${info.runDir}`);
        },
        onProgress: (p) => {
          // On a terminal, one status line per learner laid out for its width (src/telemetry/progress.ts); logs print above.
          let bar = bars.get(p.learnerId);
          if (!bar) bars.set(p.learnerId, (bar = learnerProgress(p.learnerId, shown ? recent : null)));
          bar.update(p);
          if (!process.stderr.isTTY) {
            const extra = shown ? `, ${recent.format()}` : '';
            logger.info({ ...p, meanReturn: p.meanReturn, ...(shown ? { stats: recent.values() } : {}) }, `${p.learnerId}: step ${p.steps}/${p.maxSteps}, mean return ${p.meanReturn?.toFixed(2) ?? '-'}, ${p.episodes} episodes, ${Math.round(p.stepsPerSecond)} steps/s${extra}`);
          }
        },
      })
        .catch((error: unknown) => {
          if (started || stoppedBy === null) throw error;
          process.stderr.write(`shiva: ${waitEnded(stoppedBy)} (a run folder made for this attempt is removed)\n`);
          process.exit(stoppedBy === 'SIGTERM' ? 143 : 130);
        })
        .finally(async () => {
          bars.forEach((b) => b.stop());
          await (await dashboard)?.close();
        });
      // What each behavior did, the final evaluation, where the files are, and what to do next (src/cli/train-report.ts).
      process.stderr.write(formatTrainReport(result, config, file));
      // One JSON line for scripts and CI when stdout is piped; in a terminal the report above says it and summary.json holds it.
      if (!process.stdout.isTTY) process.stdout.write(JSON.stringify({ runDir: result.runDir, stopped: result.stopped, resumedFromStep: result.resumedFromStep, checkpoint: result.checkpoint, behaviors: result.summary, finalEvaluation: result.finalEvaluation, ...(result.inference ? { inference: true } : {}), ...(result.simulationStopped ? { simulationStopped: result.simulationStopped } : {}), ...(result.alreadyFinished ? { alreadyFinished: result.alreadyFinished } : {}) }) + '\n');
      if (result.stopped) process.exitCode = stoppedBy === 'SIGTERM' ? 143 : 130;
    });
  addClusterOptions(program.commands.find((c) => c.name() === 'train')!.optionsGroup('Cluster (docs/DISTRIBUTED.md):'), 'run the learners');
}

/** --dashboard's port: null when absent, the default port for a bare flag, else the integer given (0: a free one). */
function dashboardPortOf(value: boolean | string | undefined): number | null {
  if (value === undefined || value === false) return null;
  if (value === true) return DEFAULT_DASHBOARD_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ShivaError('SHIVA_ERR_USAGE', `--dashboard: expected a port in 0..65535 (or no value for ${DEFAULT_DASHBOARD_PORT}), got "${value}"`);
  return port;
}

/**
 * `shiva train` with `population:`: the members in this process; Ctrl-C stops every member (src/cli/train-population.ts).
 * --dashboard serves the run folder itself, so each member (RUN/member-M) is listed as a run with its learners,
 * traces and recorded episodes.
 */
async function runPopulationCommand(config: Parameters<typeof trainPopulation>[0], logger: ReturnType<typeof createLogger>, options: { readonly dashboardPort: number | null; readonly recordEpisodes?: number }): Promise<void> {
  const shutdown = abortOnShutdown((m) => logger.warn(m));
  let dashboard: Promise<DashboardThread | null> = Promise.resolve(null);
  const result = await trainPopulation(config, {
    logger,
    signal: shutdown.signal,
    ...(options.recordEpisodes !== undefined ? { recordEpisodes: options.recordEpisodes } : {}),
    onStart: ({ runDir }) => {
      if (options.dashboardPort !== null) dashboard = openPopulationDashboard(runDir, options.dashboardPort, logger);
    },
    onProgress: (member, p) => logger.info({ member, ...p }, `member ${member} ${p.learnerId}: step ${p.steps}/${p.maxSteps}, mean return ${p.meanReturn?.toFixed(2) ?? '-'}, ${p.episodes} episodes`),
  }).finally(async () => {
    await (await dashboard)?.close();
  });
  const best = result.members[result.best]!;
  const values = Object.entries(best.hyperparameters).map(([k, v]) => `${k} ${v.toPrecision(3)}`).join(', ');
  process.stderr.write(`population of ${result.members.length}: ${result.rounds} ranking(s); best member ${best.member} (fitness ${best.fitness?.toFixed(2) ?? '-'}; ${values}); lineage and schedules in ${result.runDir}/summary.json, events in population.jsonl\n`);
  if (result.finalEvaluation) process.stderr.write(`${formatFinalEvaluation(result.finalEvaluation, config.shiva.progressStats).replace(/^Final evaluation:/, `Final evaluation of member ${result.finalEvaluation.member}:`)}\n`);
  if (!process.stdout.isTTY) process.stdout.write(JSON.stringify({ runDir: result.runDir, stopped: result.stopped, best: result.best, rounds: result.rounds, resumedFromStep: result.resumedFromStep, finalEvaluation: result.finalEvaluation }) + '\n');
  if (result.stopped) process.exitCode = shutdown.exitCode();
}

/** --dashboard of a population run: the run folder as the dashboard's results folder (its members as runs). */
function openPopulationDashboard(runDir: string, port: number, logger: ReturnType<typeof createLogger>): Promise<DashboardThread | null> {
  const failed = (error: Error) => logger.warn(`--dashboard: its thread failed: ${error.message}; training goes on without it`);
  return DashboardThread.open({ resultsDir: runDir, port }, failed).then(
    (server) => {
      logger.info({ dashboard: server.url }, `dashboard of the population's members (${runDir}) at ${server.url} (view-only, while training runs)`);
      return server;
    },
    (error: unknown) => {
      logger.warn({ code: isShivaError(error) ? error.code : undefined }, `--dashboard: not started: ${error instanceof Error ? error.message : String(error)}; training goes on`);
      return null;
    },
  );
}
