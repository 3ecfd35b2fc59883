/**
 * Issue 18, item 3: stopping a listener closes everything within a second, whoever is connected. Before, the
 * gRPC listener waited for every open connection to go before it destroyed sockets, so one idle TCP connection
 * (a stranger, a port scanner) kept it from ever stopping; and WebSocket sessions stayed open after their final
 * 400. Real listeners on loopback, real peers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { WebSocketBridgeServer } from '../../src/bridge/websocket-server.js';
import { RemoteEnv } from '../../src/core/env/remote-env.js';
import { communicator_objects as co } from '../../src/protocol/generated/communicator.js';
import { EMPTY_OUTPUT, INIT_MESSAGE, rawGrpcPeer } from '../helpers/raw-grpc.js';
import { runCli } from '../helpers/processes.js';

/** A raw TCP connection that says nothing, as a port scanner or a stranger leaves one open. */
async function idleConnection(port: number): Promise<{ closed: Promise<void>; destroy(): void }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.resume(); // reads (nothing), so that the server hanging up is seen
  await new Promise((r) => socket.once('connect', r));
  return { closed: new Promise((r) => socket.once('close', () => r())), destroy: () => socket.destroy() };
}

/** How long `stop` takes, or null when it has not finished after `limitMs`. */
async function timed(stop: () => Promise<void>, limitMs = 5000): Promise<number | null> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([stop().then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), limitMs)))]);
  clearTimeout(timer);
  return done ? (performance.now() - t0) / 1000 : null;
}

test('gRPC: stop() with a training stand-in, an idle TCP connection and an idle HTTP/2 one finishes within a second and drops them all', async () => {
  const server = await new GrpcBridgeServer(0, { timeoutMs: 20_000 }).start();
  const scene = runCli(['unity-standin', '--env', 'cartpole', '--port', String(server.boundPort)]);
  const env = new RemoteEnv(await server.hub.nextSession(20_000));
  await env.reset();
  const idle = await idleConnection(server.boundPort);
  const http2 = await rawGrpcPeer(server.boundPort);
  const seconds = await timed(() => server.stop());
  try {
    assert.ok(seconds !== null, 'stop() finished (was: it waited for the idle connection for ever)');
    assert.ok(seconds < 1, `stop() took ${seconds.toFixed(2)} s`);
    await Promise.all([idle.closed, http2.closed]);
    const served = await scene.done;
    assert.equal(served.code, 0, 'the stand-in heard its 400 and exited 0');
    assert.equal(server.hub.size, 0);
    process.stderr.write(`gRPC stop() with an idle TCP connection open: ${(seconds * 1000).toFixed(0)} ms\n`);
  } finally {
    idle.destroy();
    http2.close();
    if (seconds === null) scene.child.kill('SIGKILL');
  }
});

interface WsPeer {
  readonly ws: WebSocket;
  /** Statuses of the answers, in order. */
  readonly statuses: (number | undefined)[];
  readonly closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array): Promise<number | undefined>;
}

async function wsPeer(url: string): Promise<WsPeer> {
  const ws = new WebSocket(url);
  const statuses: (number | undefined)[] = [];
  let pending: ((s: number | undefined) => void) | null = null;
  ws.on('message', (data: Buffer) => {
    const status = co.UnityMessageProto.decode(data).header?.status ?? undefined;
    statuses.push(status);
    pending?.(status);
    pending = null;
  });
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  return {
    ws,
    statuses,
    closed,
    send: (bytes) =>
      new Promise((resolve) => {
        pending = resolve;
        ws.send(bytes, { binary: true });
      }),
  };
}

test('WebSocket: a session that ends is closed after its final 400, and stop() closes the rest within a second', async () => {
  const server = await new WebSocketBridgeServer(0, { timeoutMs: 20_000 }).start();
  const peers: WsPeer[] = [];
  const idle = await idleConnection(server.boundPort);
  try {
    // A session that fails (a first call that is not the handshake): its 400, then the socket is closed.
    const bad = await wsPeer(server.url);
    peers.push(bad);
    assert.equal(await bad.send(EMPTY_OUTPUT), 400);
    const badClose = await Promise.race([bad.closed, new Promise<null>((r) => setTimeout(() => r(null), 2000))]);
    assert.ok(badClose, 'the socket was closed after the final 400 (was: left open)');
    assert.deepEqual(badClose, { code: 1008, reason: 'SHIVA_ERR_PROTOCOL_FIELD' });

    // A connected simulation holding its call, and an idle TCP connection: stop() answers 400, then closes both.
    const good = await wsPeer(server.url);
    peers.push(good);
    assert.equal(await good.send(INIT_MESSAGE), 200);
    const held = good.send(EMPTY_OUTPUT);
    const session = await server.hub.nextSession(5000);
    assert.equal(session.state, 'idle');
    const seconds = await timed(() => server.stop());
    assert.ok(seconds !== null && seconds < 1, `stop() took ${seconds?.toFixed(2) ?? 'for ever'} s`);
    assert.equal(await held, 400, 'the held call was answered with 400');
    const goodClose = await good.closed;
    assert.equal(goodClose.code, 1000, `closed after the 400 (${goodClose.reason})`);
    await idle.closed;
    assert.equal(server.hub.size, 0);
    process.stderr.write(`WebSocket stop() with a simulation and an idle TCP connection: ${((seconds ?? 0) * 1000).toFixed(0)} ms\n`);
  } finally {
    for (const p of peers) p.ws.terminate();
    idle.destroy();
    await server.stop();
  }
});
