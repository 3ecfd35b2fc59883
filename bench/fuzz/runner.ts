/**
 * Runs fuzz cases (cases.ts) against a live trainer and a live stand-in, both transports, and tallies what came of
 * each: accepted (the message was valid after all, or harmless), rejected with a code, uncoded (an error that was
 * not a ShivaError, or one the session wrapped from a plain JS error), crash (a process died), hang (no answer or
 * no end within the case timeout). Shared by bench/fuzz-protocol.ts and test/bridge/fuzz-slice.test.ts.
 *
 * Processes: the trainer host (trainer-host.ts: gRPC and WebSocket listeners, sessions driven as `shiva probe`
 * drives them), the stand-in host (standin-host.ts: UnityStandIn once per case), and optionally real CLI children
 * (`shiva unity-standin` for a sample of the stand-in cases, `shiva probe` for the hand-made hostile ones).
 */
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { HOSTILE_TRAINER_CASES, encode, recordedExchange, type FuzzCase, type StandInCase, type TrainerCase, type TrainerPhase, type Transport } from './cases.js';
import { CallTimeout, FakeTrainer, rawGrpcConnection, rawWebSocketConnection, type Answer, type RawConnection } from './clients.js';
import { cliMain, spawnNode, standInHost, trainerHost, waitFor, type Child } from './processes.js';

export type Result = 'accepted' | 'rejected' | 'uncoded' | 'crash' | 'hang';

export interface Outcome {
  readonly id: number;
  readonly target: 'trainer' | 'standin' | 'standin-cli' | 'probe' | 'trainer-healthy' | 'standin-healthy';
  readonly transport: Transport;
  readonly phase: string;
  readonly family: string;
  readonly result: Result;
  /** The error code (rejected), or null. */
  readonly code: string | null;
  readonly message: string;
}

export interface FuzzOptions {
  readonly cases: readonly FuzzCase[];
  /** Wait for one call's answer and for a case's end (default 5000 ms): longer is a hang. */
  readonly caseTimeoutMs?: number;
  /** Also run every k-th stand-in case of each transport through a `shiva unity-standin` child (0: none). */
  readonly cliEvery?: number;
  /** Also send every hand-made hostile trainer case to a `shiva probe` child. */
  readonly probe?: boolean;
  /**
   * After the cases, a well-behaved simulation on each transport (a `shiva unity-standin` child, stepped until the
   * trainer closes it) and a well-behaved trainer for the stand-in host: the listeners still serve (default true).
   */
  readonly healthy?: boolean;
  /**
   * How many CLI children (`shiva probe` and `shiva unity-standin` together) run at once (default 1). Each case has
   * a child of its own (and a fake trainer of its own), so cases do not meet. More at once is faster on an idle
   * machine, but on a busy one the children's floods slow the hosts' own (the same cases, at about the same time)
   * past the case timeout.
   */
  readonly childConcurrency?: number;
  readonly progress?: (done: number, total: number) => void;
}

export interface FuzzReport {
  readonly outcomes: Outcome[];
  /** "trainer grpc" → code (or "accepted") → count. */
  readonly byCode: Record<string, Record<string, number>>;
  readonly crashes: Outcome[];
  readonly hangs: Outcome[];
  readonly uncoded: Outcome[];
  /** Peak RSS in MB of each kind of process (the largest over its instances). */
  readonly peakRssMb: Record<string, number>;
  readonly seconds: number;
}

const TRAINER_SCRIPT: readonly TrainerPhase[] = ['init', 'second', 'first-output', 'step'];

/** Numbered slots, at most one holder each: bounds how many children run at once, and names each one's slot. */
class Slots {
  private readonly free: number[];
  private readonly waiting: ((slot: number) => void)[] = [];

  constructor(count: number) {
    this.free = Array.from({ length: count }, (_, k) => k);
  }

  async run<T>(work: (slot: number) => Promise<T>): Promise<T> {
    const slot = this.free.pop() ?? (await new Promise<number>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(slot);
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.free.push(slot);
    }
  }
}

/** Steps after which the trainer host closes a session: more than any case takes, what a well-behaved one reaches. */
const HEALTHY_STEPS = 30;

function statusOf(bytes: Uint8Array): number | null {
  try {
    return co.UnityMessageProto.decode(bytes).header?.status ?? 0;
  } catch {
    return null;
  }
}

/** A child that prints JSON lines, kept alive across cases and restarted when it dies. */
class Host {
  private proc: Child | null = null;
  private lines: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  private died = false;
  peakMb = 0;

  constructor(
    private readonly script: string,
    private readonly args: readonly string[],
  ) {}

  get alive(): boolean {
    return this.proc !== null && !this.died;
  }

  get child(): Child {
    return this.proc!;
  }

  async start(): Promise<void> {
    this.lines = [];
    this.died = false;
    const proc = spawnNode(this.script, this.args);
    this.proc = proc;
    let buffered = '';
    proc.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
        const line = buffered.slice(0, at).trim();
        buffered = buffered.slice(at + 1);
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (typeof parsed.maxRssKb === 'number') this.peakMb = Math.max(this.peakMb, Math.round(parsed.maxRssKb / 1024));
        this.lines.push(parsed);
        this.wake();
      }
    });
    void proc.exited.then((exit) => {
      if (this.proc === proc) this.died = true;
      if (exit.peakRssMb !== null) this.peakMb = Math.max(this.peakMb, exit.peakRssMb);
      this.wake();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The first line matching `pick` (removed), or 'died' / 'timeout'. */
  async take(pick: (line: Record<string, unknown>) => boolean, ms: number): Promise<Record<string, unknown> | 'died' | 'timeout'> {
    const deadline = Date.now() + ms;
    for (;;) {
      const at = this.lines.findIndex(pick);
      if (at >= 0) return this.lines.splice(at, 1)[0]!;
      if (this.died) return 'died';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Lines matching `pick` that arrived so far (removed). */
  drain(pick: (line: Record<string, unknown>) => boolean): Record<string, unknown>[] {
    const out = this.lines.filter(pick);
    this.lines = this.lines.filter((l) => !pick(l));
    return out;
  }

  async stop(): Promise<void> {
    if (!this.proc) return;
    const proc = this.proc;
    this.proc = null;
    proc.child.stdin!.end();
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 5000);
    await proc.exited;
    clearTimeout(timer);
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const timeoutMs = options.caseTimeoutMs ?? 5000;
  const outcomes: Outcome[] = [];
  const total = options.cases.length;
  const record = (o: Outcome) => {
    outcomes.push(o);
    options.progress?.(outcomes.length, total);
  };
  const peaks: Record<string, number> = {};
  const notePeak = (kind: string, mb: number | null) => {
    if (mb !== null) peaks[kind] = Math.max(peaks[kind] ?? 0, mb);
  };

  const trainer = new Host(trainerHost, ['--timeout-ms', String(2 * timeoutMs), '--close-after', String(HEALTHY_STEPS)]);
  const standIn = new Host(standInHost, []);
  const slots = new Slots(Math.max(1, options.childConcurrency ?? 1));
  const fake = await new FakeTrainer().start();
  // A fake trainer per slot for the stand-in CLI children: a fake answers one case at a time.
  const cliFakes: FakeTrainer[] = [];
  const fakeOf = async (slot: number) => (cliFakes[slot] ??= await new FakeTrainer().start());
  let ports = { grpc: 0, ws: '' };
  const startTrainer = async () => {
    await trainer.start();
    const ready = await trainer.take((l) => 'ready' in l, 30_000);
    if (typeof ready === 'string') throw new Error(`the trainer host did not start (${ready}): ${trainer.child.stderr().slice(-1000)}`);
    ports = (ready as { ready: { grpc: number; ws: string } }).ready;
  };
  await Promise.all([startTrainer(), standIn.start()]);

  const trainerLane = async (transport: Transport) => {
    for (const c of options.cases) {
      if (c.target !== 'trainer' || c.transport !== transport) continue;
      if (!trainer.alive) await startTrainer();
      record(await runTrainerCase(c));
    }
  };

  const runTrainerCase = async (c: TrainerCase): Promise<Outcome> => {
    const base = { id: c.id, target: 'trainer' as const, transport: c.transport, phase: c.phase, family: c.family };
    const isEnd = (l: Record<string, unknown>) => 'end' in l && (l.end as { transport: string }).transport === c.transport;
    trainer.drain(isEnd); // leftovers of an earlier case that hung
    let conn: RawConnection | null = null;
    let clientProblem = '';
    try {
      conn = c.transport === 'grpc' ? rawGrpcConnection(ports.grpc) : await rawWebSocketConnection(ports.ws, timeoutMs);
      const r = recordedExchange();
      const script = [r.init, r.second, r.firstOutput, r.step];
      let open = true;
      for (let k = 0; k <= TRAINER_SCRIPT.indexOf(c.phase) && open; k++) {
        const reply = await conn.call(TRAINER_SCRIPT[k] === c.phase ? c.make() : script[k]!, timeoutMs);
        open = statusOf(reply) === 200;
      }
      if (open) await conn.call(r.close, timeoutMs);
    } catch (error) {
      if (error instanceof CallTimeout) clientProblem = `hang: a call got ${error.message}`;
      // Otherwise the transport broke (the server closed a WebSocket after its 400, a gRPC error): the end report says why.
    } finally {
      conn?.close();
    }
    const end = await trainer.take(isEnd, timeoutMs * 3);
    if (end === 'died') return { ...base, result: 'crash', code: null, message: `the trainer host died: ${trainer.child.stderr().slice(-500)}` };
    if (end === 'timeout' || clientProblem) return { ...base, result: 'hang', code: null, message: clientProblem || 'the session did not end' };
    const e = (end as { end: { by: string; code: string | null; wrapped: boolean; message: string } }).end;
    for (const d of trainer.drain((l) => 'driverError' in l)) record({ ...base, result: 'uncoded', code: null, message: `driver: ${JSON.stringify(d.driverError)}` });
    if (e.wrapped) return { ...base, result: 'uncoded', code: e.code, message: e.message };
    // The fake simulation's own 400 (or its hang-up after one) ends an accepted case.
    if (e.by === 'peer' || e.code === 'SHIVA_ERR_DISCONNECTED' || e.code === null) return { ...base, result: 'accepted', code: null, message: e.message };
    return { ...base, result: 'rejected', code: e.code, message: e.message };
  };

  const standInLane = async () => {
    for (const c of options.cases) {
      if (c.target !== 'standin') continue;
      if (!standIn.alive) await standIn.start();
      record(await runStandInCase(c));
    }
  };

  /** Every `cliEvery`-th stand-in case of each transport again through a `shiva unity-standin` child. */
  const standInCliLane = async () => {
    const every = options.cliEvery;
    if (!every) return;
    // Counted per transport, so that the CLI children see both (stand-in cases alternate gRPC and WebSocket).
    const seen: Record<Transport, number> = { grpc: 0, ws: 0 };
    const picked = options.cases.filter((c): c is StandInCase => c.target === 'standin' && seen[c.transport]++ % every === 0);
    await Promise.all(picked.map((c) => slots.run(async (slot) => record(await runStandInCli(c, await fakeOf(slot))))));
  };

  const answersFor = (c: StandInCase): Answer => {
    const r = recordedExchange();
    return (request, n) => {
      if (n === 1) return c.phase === 'init-reply' ? c.make(new Uint8Array(0)) : r.initReply;
      if (n === 2) return c.phase === 'reset' ? c.make(new Uint8Array(0)) : r.reset;
      if (n === 3 && c.phase === 'actions') return c.make(validActionsFor(request));
      return r.close;
    };
  };

  const runStandInCase = async (c: StandInCase): Promise<Outcome> => {
    const base = { id: c.id, target: 'standin' as const, transport: c.transport, phase: c.phase, family: c.family };
    fake.next(answersFor(c));
    standIn.child.child.stdin!.write(`${JSON.stringify(c.transport === 'grpc' ? { id: c.id, grpc: fake.grpcPort } : { id: c.id, ws: fake.wsUrl })}\n`);
    const line = await standIn.take((l) => l.id === c.id, timeoutMs * 2);
    if (line === 'died') return { ...base, result: 'crash', code: null, message: `the stand-in host died: ${standIn.child.stderr().slice(-500)}` };
    if (line === 'timeout') {
      await standIn.stop(); // a stand-in that hangs holds the host: start a fresh one
      return { ...base, result: 'hang', code: null, message: 'the stand-in did not finish' };
    }
    const l = line as { outcome: string; coded: boolean; code: string | null; message: string };
    if (l.outcome === 'done') return { ...base, result: 'accepted', code: null, message: '' };
    return { ...base, result: l.coded ? 'rejected' : 'uncoded', code: l.code, message: l.message };
  };

  const runStandInCli = async (c: StandInCase, own: FakeTrainer): Promise<Outcome> => {
    const base = { id: c.id, target: 'standin-cli' as const, transport: c.transport, phase: c.phase, family: c.family };
    own.next(answersFor(c));
    const where = c.transport === 'grpc' ? ['--port', String(own.grpcPort)] : ['--ws', own.wsUrl];
    const child = spawnNode(cliMain, ['unity-standin', '--env', 'gridworld', ...where]);
    const timer = setTimeout(() => child.child.kill('SIGKILL'), timeoutMs * 4);
    const exit = await child.exited;
    clearTimeout(timer);
    notePeak('shiva unity-standin (each)', exit.peakRssMb);
    return { ...base, ...cliResult(exit.code, exit.signal, exit.stderr) };
  };

  const probeLane = async () => {
    if (!options.probe) return;
    // Each case has a probe child of its own, on a port of its own.
    const probeCase = async (h: (typeof HOSTILE_TRAINER_CASES)[number]) => {
      const base = { id: -1, target: 'probe' as const, transport: 'grpc' as const, phase: h.phase, family: `hostile:${h.name}` };
      const probe = spawnNode(cliMain, ['probe', '--port', '0', '--steps', '1', '--timeout', String((timeoutMs * 2) / 1000)]);
      const timer = setTimeout(() => probe.child.kill('SIGKILL'), timeoutMs * 6);
      try {
        const port = Number((await waitFor(probe.stderr, /listening on localhost:(\d+)/, 30_000, 'the probe to listen'))[1]);
        const conn = rawGrpcConnection(port);
        const r = recordedExchange();
        const script = [r.init, r.second, r.firstOutput, r.step];
        try {
          let open = true;
          for (let k = 0; k <= TRAINER_SCRIPT.indexOf(h.phase) && open; k++) open = statusOf(await conn.call(TRAINER_SCRIPT[k] === h.phase ? h.bytes() : script[k]!, timeoutMs)) === 200;
          if (open) await conn.call(r.close, timeoutMs);
        } catch {
          // the probe ended the connection: its exit says why
        } finally {
          conn.close();
        }
      } catch {
        // no port: the exit says why
      }
      const exit = await probe.exited;
      clearTimeout(timer);
      notePeak('shiva probe (each)', exit.peakRssMb);
      record({ ...base, ...cliResult(exit.code, exit.signal, exit.stderr) });
    };
    await Promise.all(HOSTILE_TRAINER_CASES.map((h) => slots.run(() => probeCase(h))));
  };

  /** A `shiva unity-standin` child on the trainer host's listener: served until the trainer closes it, exit 0. */
  const healthyTrainer = async (transport: Transport): Promise<Outcome> => {
    const base = { id: -1, target: 'trainer-healthy' as const, transport, phase: 'all', family: 'well-behaved stand-in' };
    if (!trainer.alive) return { ...base, result: 'crash', code: null, message: 'the trainer host is not running' };
    const isEnd = (l: Record<string, unknown>) => 'end' in l && (l.end as { transport: string }).transport === transport;
    trainer.drain(isEnd);
    const where = transport === 'grpc' ? ['--port', String(ports.grpc)] : ['--ws', ports.ws];
    const child = spawnNode(cliMain, ['unity-standin', '--env', 'gridworld', ...where]);
    const timer = setTimeout(() => child.child.kill('SIGKILL'), timeoutMs * 6);
    const [exit, end] = await Promise.all([child.exited, trainer.take(isEnd, timeoutMs * 6)]);
    clearTimeout(timer);
    const report = /"exchanges":(\d+)/.exec(exit.stdout);
    const e = typeof end === 'object' ? (end as { end: { by: string; code: string | null } }).end : null;
    if (exit.code === 0 && report && Number(report[1]) >= HEALTHY_STEPS && e?.by === 'trainer') {
      return { ...base, result: 'accepted', code: null, message: `${report[1]} exchanges, closed by the trainer` };
    }
    return { ...base, result: end === 'died' ? 'crash' : 'hang', code: e?.code ?? null, message: `stand-in exit ${exit.code ?? exit.signal}, session end ${JSON.stringify(end)}: ${exit.stderr.slice(-300)}` };
  };

  /** A valid exchange for the stand-in host: it is served to the trainer's close, as before any case. */
  const healthyStandIn = async (transport: Transport): Promise<Outcome> => {
    const c: StandInCase = { id: -1 - (transport === 'grpc' ? 0 : 1), target: 'standin', transport, phase: 'actions', family: 'well-behaved trainer', make: (valid) => valid };
    if (!standIn.alive) await standIn.start();
    const o = await runStandInCase(c);
    return { ...o, target: 'standin-healthy' };
  };

  try {
    await Promise.all([trainerLane('grpc'), trainerLane('ws'), standInLane(), standInCliLane(), probeLane()]);
    if (options.healthy ?? true) {
      // The trainer host's two transports end their sessions apart (told by transport); the stand-in host serves
      // one case at a time, so its two follow each other.
      const standInChecks = async () => {
        for (const transport of ['grpc', 'ws'] as const) record(await healthyStandIn(transport));
      };
      await Promise.all([healthyTrainer('grpc').then(record), healthyTrainer('ws').then(record), standInChecks()]);
    }
  } finally {
    await Promise.all([trainer.stop(), standIn.stop(), fake.stop(), ...cliFakes.map((f) => f.stop())]);
  }
  notePeak('trainer host', trainer.peakMb);
  notePeak('stand-in host', standIn.peakMb);
  return summarize(outcomes, peaks, (Date.now() - started) / 1000);
}

/** What a CLI child's exit says: 0 accepted; 1 with a [SHIVA_ERR_…] code rejected (CLOSED: accepted, the fake peer's 400); anything else a crash. */
function cliResult(code: number | null, signal: NodeJS.Signals | null, stderr: string): { result: Result; code: string | null; message: string } {
  const coded = /\[(SHIVA_ERR_[A-Z_]+)\]/.exec(stderr);
  const line = stderr.split('\n').find((l) => l.startsWith('shiva:')) ?? stderr.slice(-300);
  if (code === 0) return { result: 'accepted', code: null, message: '' };
  if (code === 1 && coded) return { result: coded[1] === 'SHIVA_ERR_CLOSED' ? 'accepted' : 'rejected', code: coded[1]!, message: line.slice(0, 300) };
  if (signal === 'SIGKILL') return { result: 'hang', code: null, message: 'killed after the case timeout' };
  return { result: 'crash', code: null, message: `exit ${code ?? signal}: ${line.slice(0, 300)}` };
}

/** Zero actions for every decision agent of the stand-in's output, as a trainer that knows its specs would send. */
function validActionsFor(outputBytes: Uint8Array): Uint8Array {
  const output = co.UnityMessageProto.decode(outputBytes).unityOutput;
  const specs = new Map((output?.rlInitializationOutput?.brainParameters ?? []).map((bp) => [bp.brainName ?? '', bp.actionSpec]));
  const agentActions: Record<string, co.UnityRLInputProto.ListAgentActionProto.$Properties> = {};
  for (const [name, list] of Object.entries(output?.rlOutput?.agentInfos ?? {})) {
    const spec = specs.get(name);
    const decisions = (list.value ?? []).filter((a) => !a.done).length;
    if (!spec || decisions === 0) continue;
    agentActions[name] = {
      value: Array.from({ length: decisions }, () => ({ continuousActions: new Array<number>(spec.numContinuousActions ?? 0).fill(0), discreteActions: new Array<number>(spec.numDiscreteActions ?? 0).fill(0) })),
    };
  }
  return encode({ header: { status: 200 }, unityInput: { rlInput: { agentActions, command: co.CommandProto.STEP } } });
}

function summarize(outcomes: Outcome[], peakRssMb: Record<string, number>, seconds: number): FuzzReport {
  const byCode: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const row = (byCode[`${o.target} ${o.transport}`] ??= {});
    const key = o.result === 'rejected' ? o.code! : o.result;
    row[key] = (row[key] ?? 0) + 1;
  }
  return {
    outcomes,
    byCode,
    crashes: outcomes.filter((o) => o.result === 'crash'),
    hangs: outcomes.filter((o) => o.result === 'hang'),
    uncoded: outcomes.filter((o) => o.result === 'uncoded'),
    peakRssMb,
    seconds,
  };
}

/** The report as a table for people. */
export function formatReport(report: FuzzReport): string {
  const codes = [...new Set(Object.values(report.byCode).flatMap((row) => Object.keys(row)))].sort();
  const rows = Object.keys(report.byCode).sort();
  const width = Math.max(...codes.map((c) => c.length), 10);
  // A column per target and transport, as wide as its name plus two spaces so that neighbours never run together.
  const columns = rows.map((r) => r.length + 2);
  const lines = [`${'outcome'.padEnd(width)}${rows.map((r, i) => r.padStart(columns[i]!)).join('')}`];
  for (const code of codes) lines.push(`${code.padEnd(width)}${rows.map((r, i) => String(report.byCode[r]![code] ?? 0).padStart(columns[i]!)).join('')}`);
  lines.push('');
  lines.push(`cases ${report.outcomes.length}   crashes ${report.crashes.length}   hangs ${report.hangs.length}   uncoded ${report.uncoded.length}   ${report.seconds.toFixed(1)} s`);
  lines.push(`peak RSS: ${Object.entries(report.peakRssMb).map(([k, v]) => `${k} ${v} MB`).join(', ')}`);
  for (const o of [...report.crashes, ...report.hangs, ...report.uncoded].slice(0, 20)) lines.push(`  ${o.result} #${o.id} ${o.target} ${o.transport} ${o.phase} ${o.family}: ${o.message}`);
  return lines.join('\n');
}
