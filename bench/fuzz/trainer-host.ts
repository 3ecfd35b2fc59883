/**
 * The trainer under test, in a process of its own so that its crashes and its peak memory are its own: a gRPC and
 * a WebSocket listener (GrpcBridgeServer, WebSocketBridgeServer) whose sessions are driven as `shiva probe` drives
 * its scene (RemoteEnv, random actions within the masks, until the session ends). Prints JSON lines on stdout:
 *   {"ready":{"grpc":PORT,"ws":URL}}
 *   {"end":{"transport","by","code","wrapped","message"},"maxRssKb"}     one per session, as it ends
 *   {"driverError":{"transport","message"},"maxRssKb"}                  an uncoded error in the driving code
 * A session that reaches `--close-after` steps is closed by the trainer (status 400): how a well-behaved simulation
 * connected after the hostile ones shows that the listener still serves.
 * Usage: node dist/bench/fuzz/trainer-host.js [--timeout-ms 5000] [--max-message-bytes N] [--close-after 30]
 */
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import type { SessionHub } from '../../src/bridge/session-hub.js';
import type { BridgeSession } from '../../src/bridge/session.js';
import { WebSocketBridgeServer } from '../../src/bridge/websocket-server.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { isShivaError, type ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const timeoutMs = arg('--timeout-ms', 5000);
const maxMessageBytes = arg('--max-message-bytes', 16 * 1024 * 1024);
const closeAfter = arg('--close-after', 30);

const maxRssKb = () => process.resourceUsage().maxRSS;
const print = (line: object) => process.stdout.write(`${JSON.stringify({ ...line, maxRssKb: maxRssKb() })}\n`);

/**
 * An error the session made from something that was not a ShivaError (its catch-all wraps it into
 * SHIVA_ERR_PROTOCOL_FIELD with the original as cause): a path the limits and checks did not cover.
 */
function wrapped(error: ShivaError | undefined): boolean {
  const cause: unknown = error?.cause;
  return error?.code === 'SHIVA_ERR_PROTOCOL_FIELD' && cause !== undefined && !isShivaError(cause);
}

const rng = new Rng(1);

async function drive(session: BridgeSession, transport: string): Promise<void> {
  const env = new RemoteEnv(session);
  try {
    await env.reset();
    for (let steps = 0; ; steps++) {
      if (steps === closeAfter) return await env.close();
      for (const [name, spec] of env.behaviorSpecs) {
        const decisions = env.getSteps(name).decisionSteps;
        if (decisions.count > 0) env.setActions(name, randomActions(spec.actionSpec, decisions, rng));
      }
      await env.step();
    }
  } catch (error) {
    // The session's own end is reported by `watch`; anything else is a gap.
    if (!isShivaError(error)) {
      print({ driverError: { transport, message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error) } });
      await session.close();
    }
  }
}

function watch(hub: SessionHub, transport: string): void {
  hub.sessions$.subscribe((session) => {
    void session.ended.then((end) => print({ end: { transport, by: end.by, code: end.error?.code ?? null, wrapped: wrapped(end.error), message: (end.error?.message ?? '').slice(0, 300) } }));
  });
  void (async () => {
    for (;;) {
      let session: BridgeSession;
      try {
        session = await hub.nextSession(null, `a ${transport} simulation`);
      } catch (error) {
        // A handshake refused for its version ends the waits of that moment (as `shiva probe` reports it); a
        // trainer host serving many simulations waits on. A closed listener ends the loop.
        if (isShivaError(error, 'SHIVA_ERR_VERSION')) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        return;
      }
      void drive(session, transport);
    }
  })();
}

const grpc = await new GrpcBridgeServer(0, { timeoutMs, maxMessageBytes }).start();
const ws = await new WebSocketBridgeServer(0, { timeoutMs, maxMessageBytes }).start();
watch(grpc.hub, 'grpc');
watch(ws.hub, 'ws');
print({ ready: { grpc: grpc.boundPort, ws: ws.url } });

const stop = async () => {
  await Promise.all([grpc.stop(), ws.stop()]);
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
