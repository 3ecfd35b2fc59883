/**
 * The stand-in under test, in a process of its own: `shiva unity-standin`'s UnityStandIn (gridworld) run once per
 * line on stdin against a fake trainer, as the command runs it, without a process start per case. Reads
 *   {"id":N,"grpc":PORT} or {"id":N,"ws":URL}
 * and prints one JSON line per case when its run ends:
 *   {"id","outcome":"done"|"error","code","coded","message","maxRssKb"}
 * (`coded`: the run failed with a ShivaError; an error without a code is a gap the fuzz bench counts).
 * Usage: node dist/bench/fuzz/standin-host.js
 */
import { createInterface } from 'node:readline';
import { getBuiltinEnv } from '../../envs/registry.js';
import { UnityStandIn } from '../../envs/standin/unity-standin.js';
import { grpcConnection, webSocketConnection, type TrainerConnection } from '../../envs/standin/trainer-connection.js';
import { isShivaError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/telemetry/logger.js';

const env = getBuiltinEnv('gridworld');
const logger = silentLogger();

async function runOne(request: { id: number; grpc?: number; ws?: string }): Promise<object> {
  let connection: TrainerConnection | null = null;
  try {
    connection = request.ws ? await webSocketConnection(request.ws) : grpcConnection(request.grpc!);
    const report = await new UnityStandIn(env, connection, { logger }).run();
    return { id: request.id, outcome: 'done', endedBy: report.endedBy };
  } catch (error) {
    const coded = isShivaError(error);
    return { id: request.id, outcome: 'error', coded, code: coded ? error.code : null, message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error) };
  } finally {
    connection?.close();
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const result = await runOne(JSON.parse(line) as { id: number; grpc?: number; ws?: string });
  process.stdout.write(`${JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}
