/**
 * `shiva actor CONFIG --cluster URL [--env ... --num-envs N]`: an actor of a distributed run (docs/DISTRIBUTED.md):
 * it steps its own environments (built-in scenes, stand-ins or Unity players, as `shiva train` opens them) with
 * local copies of the run's policies and reasoning layers, and streams the transitions to the learner
 * (src/cluster/cluster-actor.ts). It waits for the learner of the run (`--run-id`), and ends when the learner says
 * the run is finished, or on SIGINT/SIGTERM (with a goodbye, so the learner forgets only its open episodes).
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { jetstream } from '@nats-io/jetstream';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { behaviorConfigFor, loadRunConfig, type CliOverrides } from '../config/index.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { createLogger } from '../telemetry/logger.js';
import { MetaLearner } from '../training/meta-learner.js';
import { planResolver } from '../training/plan-resolver.js';
import { runActor } from '../cluster/cluster-actor.js';
import { clusterTarget, connectCluster } from '../cluster/cluster-connection.js';
import { runNames } from '../cluster/cluster-names.js';
import { readStatus, withTimeout } from '../cluster/policy-store.js';
import { addClusterOptions, type ClusterCliFlags } from './cluster-flags.js';
import { environmentSettings, openEnvironments } from './environments.js';
import { integer, number } from './parse-options.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { onShutdownSignal } from './shutdown.js';

interface ActorFlags extends ClusterCliFlags {
  env?: string;
  numEnvs?: number;
  numAreas?: number;
  basePort?: number;
  seed?: number;
  runId?: string;
  resultsDir?: string;
  backend?: string;
  actorId?: string;
  wait?: number;
}

export function registerActor(program: Command): void {
  const command = program
    .command('actor')
    .description('act for a distributed run: step this machine\'s environments with the run\'s policies and stream the transitions to its learner (shiva train CONFIG --cluster URL)')
    .argument('<config>', 'the run configuration the learner was started with')
    .option('--env <env>', 'builtin:NAME, standin:NAME or a Unity executable (default: the configuration\'s env_path)')
    .option('--num-envs <n>', 'simulations this actor runs', integer(1, 256))
    .option('--num-areas <n>', 'copies of the training area in each simulation', integer(1))
    .option('--base-port <port>', 'first port for executables and stand-ins; 0 picks free ports', integer(0, 65535))
    .option('--seed <seed>', 'seed of this actor\'s environments and sampling (default: the run\'s seed mixed with the actor id, so actors differ)', integer(-1))
    .option('--run-id <id>', 'the run to act for (default: the configuration\'s run_id)')
    .option('--results-dir <dir>', 'where this actor writes its decision traces (RESULTS/RUN_ID/actors/ACTOR_ID)')
    .option('--backend <backend>', 'TensorFlow.js backend')
    .option('--actor-id <id>', 'this actor\'s name in the run (default: HOST-PID)')
    .option('--wait <seconds>', 'how long to wait for the learner of the run to start (default: 120)', number(0, { exclusive: true }));
  addClusterOptions(command, 'act').action(async (file: string, flags: ActorFlags) => {
    if (!flags.cluster) throw new ShivaError('SHIVA_ERR_USAGE', 'shiva actor: --cluster: expected the URL of the run\'s NATS server (e.g. nats://127.0.0.1:4222), got none');
    const what = 'shiva actor';
    const target = await clusterTarget({ ...flags, cluster: flags.cluster }, what);
    const overrides: CliOverrides = Object.fromEntries(Object.entries({ env: flags.env, numEnvs: flags.numEnvs, numAreas: flags.numAreas, basePort: flags.basePort, runId: flags.runId, resultsDir: flags.resultsDir, backend: flags.backend }).filter(([, v]) => v !== undefined)) as CliOverrides;
    const config = loadRunConfig(file, overrides);
    const actorId = flags.actorId ?? `${hostname()}-${process.pid}`;
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(actorId)) throw new ShivaError('SHIVA_ERR_USAGE', `${what}: --actor-id: expected 1 to 64 of A-Z a-z 0-9 _ . -, got "${actorId}"`);
    const logger = createLogger('actor');
    const runId = config.checkpointSettings.runId;
    const mixed = createHash('sha256').update(`${config.envSettings.seed}:${actorId}`).digest().readUInt32LE(0) % 2 ** 31;
    const seed = flags.seed !== undefined && flags.seed >= 0 ? flags.seed : mixed;
    const ruleSets = loadRuleSets(config);
    await chooseBackend(config.shiva.backend);
    const controller = new AbortController();
    onShutdownSignal(async (signal) => controller.abort(signal), (m) => logger.warn(m), { exit: false, message: () => null });
    const nc = await connectCluster(target, `shiva-actor-${actorId}`, what);
    const names = runNames(runId);
    const store = await waitForRun(new Objm(nc), names.bucket, (flags.wait ?? 120) * 1000, controller.signal, `${what}: run "${runId}" at ${target.url}`);
    const actorDir = resolve(config.checkpointSettings.resultsDir, runId, 'actors', actorId);
    const environments = await openEnvironments({ ...environmentSettings(config, { seed, logDir: join(actorDir, 'run_logs'), logger }) });
    try {
      await environments.connect(controller.signal);
      const seeds = new RunSeeds(seed);
      logger.info({ actorId, runId, environments: environments.describe, cluster: target.url }, `actor ${actorId} of run ${runId} on ${environments.describe}`);
      const report = await runActor({
        nc,
        js: jetstream(nc),
        store,
        names,
        actorId,
        envs: environments.envs,
        meta: new MetaLearner(planResolver(config), seeds),
        reasoners: reasonerResolver(config, ruleSets, { runDir: actorDir, seeds }),
        deterministic: (behavior) => behaviorConfigFor(config, behavior).networkSettings.deterministic,
        router: { windowMs: config.shiva.decisions.windowMs, maxBatchAgents: config.shiva.decisions.maxBatch },
        signal: controller.signal,
        onOutage: (error) => logger.warn(`the NATS server does not answer (${error.message}): publishes are retried until it is back`),
      });
      logger.info({ actorId, ...report }, `actor ${actorId}: ${report.steps} agent steps in ${report.messages} messages (${report.bytes} bytes); ${report.stoppedBy === 'finished' ? 'the run is finished' : 'stopped'}`);
      if (!process.stdout.isTTY) process.stdout.write(JSON.stringify({ actorId, runId, ...report }) + '\n');
      if (report.stoppedBy === 'signal') process.exitCode = controller.signal.reason === 'SIGTERM' ? 143 : 130;
    } finally {
      await environments.close();
      await nc.drain().catch(() => undefined);
    }
  });
}

/** The run's object store once its learner has said it is running (an actor may start first). */
async function waitForRun(objm: Objm, bucket: string, timeoutMs: number, signal: AbortSignal, what: string): Promise<ObjectStore> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const store = await withTimeout(objm.open(bucket), `${what}: opening ${bucket}`).catch(() => null);
    const status = store ? await readStatus(store) : null;
    if (store && status?.state === 'running') return store;
    if (signal.aborted) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: stopped (${String(signal.reason)}) while waiting for the learner`);
    if (Date.now() > deadline) throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: expected its learner (shiva train CONFIG --cluster URL) within ${timeoutMs / 1000} s, got ${status ? `a run that is ${status.state}` : 'no such run'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
