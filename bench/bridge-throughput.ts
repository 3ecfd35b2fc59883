/**
 * Bridge throughput: env steps per second and p50/p99 exchange latency through the gRPC bridge with the
 * stand-in (a child process, as Unity would be) at 1, 16 and 256 agents of one behavior, against a raw
 * grpc-js unary ping-pong with the same payload sizes in the same run: that is this transport's limit here.
 * Prints a table and the ratios. Not a test.   npm run bench:bridge [-- --steps 3000] [-- --agents 16,256]
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GrpcBridgeServer } from '../src/bridge/grpc-server.js';
import { RemoteEnv } from '../src/core/env/remote-env.js';

const STEPS = Number(process.argv[process.argv.indexOf('--steps') + 1] || 0) || 3000;
const WARMUP = 300;
const agentsArg = process.argv.indexOf('--agents');
const AGENTS = agentsArg > 0 ? process.argv[agentsArg + 1]!.split(',').map(Number) : [1, 16, 256];
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const pingClient = fileURLToPath(new URL('./raw-ping-pong-client.js', import.meta.url));

interface Row {
  agents: number;
  bridgeStepsPerSecond: number;
  agentStepsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesIn: number;
  bytesOut: number;
  rawCallsPerSecond: number;
  rawP50Ms: number;
  rawP99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function bridgeRun(agents: number, steps: number) {
  const server = await new GrpcBridgeServer(0, { numAreas: agents }).start();
  const child = spawn(process.execPath, [cli, 'unity-standin', '--env', 'cartpole', '--port', String(server.boundPort)], { stdio: 'ignore', env: { ...process.env, SHIVA_LOG_LEVEL: 'warn' } });
  const session = await server.hub.nextSession(30_000);
  const env = new RemoteEnv(session);
  const behavior = 'CartPole?team=0';
  await env.reset();
  const latencies: number[] = [];
  let measuredFrom = 0;
  const counted = { bytesIn: 0, bytesOut: 0 };
  for (let i = 0; i < WARMUP + steps; i++) {
    if (i === WARMUP) {
      measuredFrom = performance.now();
      counted.bytesIn = session.traffic.bytesIn;
      counted.bytesOut = session.traffic.bytesOut;
    }
    const n = env.getSteps(behavior).decisionSteps.count;
    const discrete = new Int32Array(n);
    for (let k = 0; k < n; k++) discrete[k] = (i + k) & 1;
    env.setActions(behavior, { continuous: new Float32Array(0), discrete });
    const t0 = performance.now();
    await env.step();
    if (i >= WARMUP) latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - measuredFrom) / 1000;
  const bytesIn = Math.round((session.traffic.bytesIn - counted.bytesIn) / steps);
  const bytesOut = Math.round((session.traffic.bytesOut - counted.bytesOut) / steps);
  await env.close();
  await new Promise((r) => child.once('exit', r));
  await server.stop();
  latencies.sort((a, b) => a - b);
  return { stepsPerSecond: steps / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), bytesIn, bytesOut };
}

async function rawRun(requestBytes: number, responseBytes: number, calls: number) {
  const server = new Server({ 'grpc.max_receive_message_length': -1 });
  const response = Buffer.alloc(responseBytes, 3);
  const times: number[] = [];
  let last = 0;
  server.register(
    '/communicator_objects.UnityToExternalProto/Exchange',
    (_call: unknown, callback: (e: null, r: Buffer) => void) => {
      const now = performance.now();
      if (last) times.push(now - last);
      last = now;
      callback(null, response);
    },
    (b: Buffer) => b,
    (b: Buffer) => b,
    'unary',
  );
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const started = performance.now();
  const child = spawn(process.execPath, [pingClient, String(port), String(requestBytes), String(WARMUP + calls)], { stdio: 'inherit' });
  await new Promise((r) => child.once('exit', r));
  void started;
  await new Promise<void>((r) => server.tryShutdown(() => r()));
  // Round-trip time seen from the server, between consecutive calls (the same view the bridge timing has).
  const measured = times.slice(WARMUP);
  const total = measured.reduce((a, b) => a + b, 0) / 1000;
  measured.sort((a, b) => a - b);
  return { callsPerSecond: measured.length / total, p50: percentile(measured, 0.5), p99: percentile(measured, 0.99) };
}

const rows: Row[] = [];
for (const agents of AGENTS) {
  const steps = agents === 256 ? Math.max(500, Math.floor(STEPS / 4)) : STEPS;
  const bridge = await bridgeRun(agents, steps);
  const raw = await rawRun(bridge.bytesIn, bridge.bytesOut, steps);
  rows.push({
    agents,
    bridgeStepsPerSecond: bridge.stepsPerSecond,
    agentStepsPerSecond: bridge.stepsPerSecond * agents,
    p50Ms: bridge.p50,
    p99Ms: bridge.p99,
    bytesIn: bridge.bytesIn,
    bytesOut: bridge.bytesOut,
    rawCallsPerSecond: raw.callsPerSecond,
    rawP50Ms: raw.p50,
    rawP99Ms: raw.p99,
  });
}

const f = (n: number, d = 0) => n.toFixed(d);
console.log(`bridge throughput (gRPC, stand-in child process, CartPole areas as agents of one behavior; ${STEPS} measured steps, ${WARMUP} warm-up)`);
console.log('agents | env steps/s | agent steps/s | p50 ms | p99 ms | bytes in/out per step | raw ping-pong calls/s | raw p50 ms | raw p99 ms | bridge/raw');
console.log('-------|-------------|---------------|--------|--------|-----------------------|-----------------------|------------|------------|-----------');
for (const r of rows) {
  console.log(`${r.agents} | ${f(r.bridgeStepsPerSecond)} | ${f(r.agentStepsPerSecond)} | ${f(r.p50Ms, 3)} | ${f(r.p99Ms, 3)} | ${r.bytesIn}/${r.bytesOut} | ${f(r.rawCallsPerSecond)} | ${f(r.rawP50Ms, 3)} | ${f(r.rawP99Ms, 3)} | ${f((100 * r.bridgeStepsPerSecond) / r.rawCallsPerSecond, 1)}%`);
}
// Issue 16's targets: ≥ 85% of raw at 16 agents, ≥ 70% at 256.
for (const [agents, target] of [[16, 85], [256, 70]] as const) {
  const row = rows.find((r) => r.agents === agents);
  if (row) console.log(`target: bridge ≥ ${target}% of raw at ${agents} agents -> ${f((100 * row.bridgeStepsPerSecond) / row.rawCallsPerSecond, 1)}%`);
}
