/**
 * `shiva train CONFIG --cluster URL`: the learners of a distributed run (src/cluster/cluster-learner.ts). No
 * environment is opened here: actors (`shiva actor`) step theirs and stream their trajectories. The run folder is
 * the one `shiva train` writes (configuration.yaml, run.json, a TensorBoard folder and CSV per learner, a final
 * checkpoint and ONNX models, summary.json), with the cluster's counts in summary.json (`cluster`). Checkpoints every
 * `checkpoint_interval` steps hold the stream position beside the learners; `--resume` continues from the newest
 * (cluster-learner.ts says how no trajectory is trained on twice or lost).
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import type { Logger } from 'pino';
import { assertTrainable, type RunConfig } from '../config/index.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { SHIVA_PACKAGE_VERSION } from '../protocol/version.js';
import { ScalarLogger } from '../telemetry/scalar-logger.js';
import { CheckpointManager, collectExports, encodeExports, readCheckpoint, writeFileAtomicSync, writeOnnxModels, type JsonValue } from '../training/checkpoint/index.js';
import { MetaLearner } from '../training/meta-learner.js';
import { planResolver } from '../training/plan-resolver.js';
import type { PlanResolver } from '../training/learner-plan.js';
import type { ProgressReport } from '../training/trainer.js';
import { clusterTarget, connectCluster, type ClusterFlags } from '../cluster/cluster-connection.js';
import { runClusterLearner, prepareStream, resumeStream, type ClusterResume, type ClusterSnapshot } from '../cluster/cluster-learner.js';
import { clusterResumeOf } from '../cluster/cluster-resume.js';
import { runNames } from '../cluster/cluster-names.js';
import { writeConfiguration } from './run-files.js';
import { abortOnShutdown } from './shutdown.js';
import { formatTrainReport } from './train-report.js';
import { resumeFrom, type Restored, type TrainResult } from './train.js';

export interface ClusterTrainHooks {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  readonly onProgress?: (report: ProgressReport) => void;
}

export async function trainCluster(config: RunConfig, flags: ClusterFlags, hooks: ClusterTrainHooks): Promise<TrainResult> {
  assertTrainable(config);
  const { logger } = hooks;
  const what = 'shiva train --cluster';
  const { runId, resultsDir, resume, force } = config.checkpointSettings;
  if (config.checkpointSettings.inference) throw new ShivaError('SHIVA_ERR_USAGE', `${what}: --inference: expected training (a cluster's actors act; the learner trains), got --inference`);
  const target = await clusterTarget(flags, what);
  const runDir = resolve(resultsDir, runId);
  const checkpointDir = join(runDir, 'checkpoints');
  let restored: Restored | null = null;
  let resumedCluster: ClusterResume | null = null;
  if (resume) {
    restored = resumeFrom(runId, checkpointDir, (m) => logger.warn(m));
    resumedCluster = clusterResumeOf(readCheckpoint(restored.path).meta['state'], restored.path);
    if (resumedCluster === null) throw new ShivaError('SHIVA_ERR_USAGE', `${what}: --resume: expected a checkpoint of a distributed learner (shiva train --cluster), got ${restored.path}, written by a single-process run: resume it without --cluster`);
  } else if (existsSync(runDir) && readdirSync(runDir).length > 0) {
    if (!force) throw new ShivaError('SHIVA_ERR_USAGE', `run "${runId}": ${runDir} already holds a run; use --resume to continue it, --force to overwrite it, or another --run-id`);
    rmSync(runDir, { recursive: true, force: true });
  }
  const backend = await chooseBackend(config.shiva.backend);
  logger.info({ backend: backend.name }, `TensorFlow.js backend: ${backend.name}`);
  const nc = await connectCluster(target, `shiva-learner-${runId}`, what);
  try {
    const names = runNames(runId);
    const jsm = await jetstreamManager(nc).catch((error: unknown) => {
      throw new ShivaError('SHIVA_ERR_CLUSTER', `${what}: --cluster: expected a NATS server with JetStream (nats-server -js) at ${target.url}, got ${error instanceof Error ? error.message : String(error)}`);
    });
    const objm = new Objm(nc);
    const { streamMaxBytes, streamMaxAgeS, streamMaxMsgs } = config.shiva.cluster;
    const limits = { maxBytes: streamMaxBytes, maxAgeS: streamMaxAgeS, maxMsgs: streamMaxMsgs };
    let store;
    if (resumedCluster) {
      // Resumed: the stream read again from the message after the checkpoint's; the policies' bucket kept.
      await resumeStream(jsm, names, resumedCluster.streamSeq, what, limits);
      store = (await objm.open(names.bucket).catch(() => null)) ?? (await objm.create(names.bucket));
    } else {
      // A fresh run replaces what a run of the same id left on the server: its stream and its policies.
      await prepareStream(jsm, names, true, limits, what);
      await (await objm.open(names.bucket).catch(() => null))?.destroy();
      store = await objm.create(names.bucket);
    }
    mkdirSync(runDir, { recursive: true });
    const seed = restored?.seed ?? (config.envSettings.seed === -1 ? randomInt(0, 2 ** 31 - 1) : config.envSettings.seed);
    const startedAt = new Date().toISOString();
    if (!restored) writeConfiguration(config, runDir, startedAt);
    writeFileAtomicSync(join(runDir, 'run.json'), [Buffer.from(JSON.stringify({ config: config.file, runId, seed, backend: backend.name, resumedFromStep: restored?.step ?? null, cluster: { url: target.url, stream: names.stream, bucket: names.bucket, ...(resumedCluster ? { resumedAfterSeq: resumedCluster.streamSeq } : {}) }, startedAt }, null, 2) + '\n')]);
    if (restored) logger.info({ checkpoint: restored.path, step: restored.step, streamSeq: resumedCluster!.streamSeq }, `resuming run ${runId} from ${restored.path} (step ${restored.step}): the stream is read from sequence ${resumedCluster!.streamSeq + 1}`);
    const meta = new MetaLearner(unthreaded(planResolver(config), (behavior) => logger.warn({ behavior }, `${behavior}: threaded: ignored by a cluster's learner, which publishes every update's weights as it is made (each would wait for the update thread)`)), new RunSeeds(seed), restored?.learners ?? new Map(), restored?.path ?? 'checkpoint');
    const manager = new CheckpointManager(checkpointDir, Math.max(1, ...[...config.behaviors.values()].map((b) => b.keepCheckpoints)));
    /** A checkpoint of the learners with the cluster's part (where the stream was, specs, versions, counts). */
    const saveCheckpoint = (snapshot: ClusterSnapshot): string => {
      const step = Math.max(0, ...[...meta.learners.values()].map((l) => l.steps));
      const exported = collectExports(meta.learners.values(), (id) => meta.behaviorsOf(id));
      const { exports, tensors } = encodeExports(exported);
      const state = {
        learners: Object.fromEntries([...meta.learners].map(([id, l]) => [id, l.save()])),
        episodes: snapshot.episodes,
        wallSeconds: snapshot.wallSeconds,
        recentReturns: snapshot.recentReturns,
        cluster: snapshot,
      };
      const meta0 = { behavior: Object.keys(state.learners).join(','), step, episodes: Object.values(state.episodes).reduce((a, b) => a + b, 0), format: 'shiva-training-state', seed, config: config.file, state: state as unknown as JsonValue };
      const path = manager.save(step, { meta: { ...meta0, exports }, tensors }).path;
      writeOnnxModels(checkpointDir, exported, step, SHIVA_PACKAGE_VERSION);
      return path;
    };
    const scalarLoggers: ScalarLogger[] = [];
    logger.info({ runDir, stream: names.stream, bucket: names.bucket, cluster: target.url }, `learner of run ${runId} ready on ${target.url}: start actors with shiva actor ${config.file} --cluster ${target.url} --run-id ${runId}`);
    let result: Awaited<ReturnType<typeof runClusterLearner>>;
    let expiredSaid = false;
    try {
      result = await runClusterLearner({
        nc,
        js: jetstream(nc),
        store,
        names,
        meta,
        maxPolicyLag: config.shiva.cluster.maxPolicyLag,
        actorTimeoutS: config.shiva.cluster.actorTimeoutS,
        summaryFreq: (id) => meta.plans.get(id)?.summaryFreq ?? 50_000,
        scalars: (id) => {
          const logger = ScalarLogger.open(join(runDir, id.replace(/[^A-Za-z0-9_.=-]/g, '_')));
          scalarLoggers.push(logger);
          return logger;
        },
        ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
        onActor: (e) => logger.info(e, `actor ${e.actor} ${e.event}${e.reason ? ` (${e.reason})` : ''}`),
        onOutage: (error) => logger.warn(`the NATS server does not answer (${error.message}): training goes on, the policy is published once it is back`),
        // Once: summary.json counts them all (cluster.expiredMessages).
        onExpired: (messages, atSeq) => {
          if (expiredSaid) return;
          expiredSaid = true;
          logger.warn({ messages, atSeq }, `the stream's limits removed ${messages} messages before the learner read them (it is that far behind; shiva.cluster.stream_max_bytes / stream_max_age_s / stream_max_msgs): their actors' trajectories are cut there; summary.json counts every such message (cluster.expiredMessages)`);
        },
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        ...(resumedCluster ? { resumed: resumedCluster } : {}),
        checkpoints: {
          interval: (id) => meta.plans.get(id)?.checkpointInterval ?? 500_000,
          save: (snapshot) => logger.info({ checkpoint: saveCheckpoint(snapshot), streamSeq: snapshot.streamSeq }, 'checkpoint saved'),
        },
      });
    } finally {
      for (const s of scalarLoggers) s.close();
    }
    // A final checkpoint, as shiva train leaves one (shiva evaluate, export and --initialize-from read it).
    let checkpoint: string | null = null;
    if (meta.learners.size > 0) {
      checkpoint = saveCheckpoint(result.snapshot);
      writeOnnxModels(runDir, collectExports(meta.learners.values(), (id) => meta.behaviorsOf(id)), null, SHIVA_PACKAGE_VERSION);
    }
    const behaviors: TrainResult['summary'] = {};
    for (const [learner, s] of Object.entries(result.summary)) for (const behavior of s.behaviors) behaviors[behavior] = { learner, ...s };
    // The counts cover every life of the run; streamSeqs and server are this life's (its consumer's view).
    const cluster = { ...result.counts.toJSON(), streamSeqs: result.streamSeqs, server: result.server, maxPolicyLag: config.shiva.cluster.maxPolicyLag };
    const resumedFromStep = restored?.step ?? null;
    writeFileAtomicSync(join(runDir, 'summary.json'), [Buffer.from(JSON.stringify({ runId, stopped: result.stopped, resumedFromStep, checkpoint, behaviors, cluster }, null, 2) + '\n')]);
    meta.dispose();
    return { runDir, stopped: result.stopped, summary: behaviors, resumedFromStep, checkpoint, finalEvaluation: null, inference: false };
  } finally {
    await nc.drain().catch(() => undefined);
  }
}

/** The `shiva train --cluster` command around trainCluster: signals, progress lines, the report and the JSON line. */
export async function runClusterTrainCommand(config: RunConfig, flags: ClusterFlags, file: string, logger: Logger): Promise<void> {
  const shutdown = abortOnShutdown((m) => logger.warn(m));
  const result = await trainCluster(config, flags, {
    logger,
    signal: shutdown.signal,
    onProgress: (p) => logger.info({ ...p }, `${p.learnerId}: step ${p.steps}/${p.maxSteps}, mean return ${p.meanReturn?.toFixed(2) ?? '-'}, ${p.episodes} episodes, ${Math.round(p.stepsPerSecond)} steps/s (cluster)`),
  });
  process.stderr.write(formatTrainReport(result, config, file));
  if (!process.stdout.isTTY) process.stdout.write(JSON.stringify({ runDir: result.runDir, stopped: result.stopped, checkpoint: result.checkpoint, behaviors: result.summary, cluster: true }) + '\n');
  if (result.stopped) process.exitCode = shutdown.exitCode();
}

/** The plans with `threaded` off, saying so once per learner that asked for it. */
function unthreaded(resolve: PlanResolver, warn: (behavior: string) => void): PlanResolver {
  const warned = new Set<string>();
  return (behavior) => {
    const plan = resolve(behavior);
    if (!plan?.threaded) return plan;
    if (!warned.has(plan.learnerId)) {
      warned.add(plan.learnerId);
      warn(behavior);
    }
    return { ...plan, threaded: false };
  };
}
