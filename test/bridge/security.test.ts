/**
 * The bridge's security promises (docs/SECURITY.md), each against real listeners: loopback decided by what a host
 * resolves to, off loopback only with allowRemote and a token (checked on every gRPC call and on every WebSocket
 * upgrade, before a session opens), TLS for both transports, the WebSocket bridge's Origin check, and the message
 * size limit per connection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { Client, Metadata, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { EXCHANGE_PATH, GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { WebSocketBridgeServer } from '../../src/bridge/websocket-server.js';
import { checkBind, isLoopbackAddress, resolveBindHost } from '../../src/bridge/listen.js';
import type { BridgeSession } from '../../src/bridge/session.js';
import { isShivaError } from '../../src/core/errors.js';
import { grpcConnection, webSocketConnection } from '../../envs/standin/trainer-connection.js';
import { selfSignedCertificate } from '../helpers/tls.js';

/** The machine's first address that is not loopback (IPv4 first), or null. */
function outsideAddress(): string | null {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const v4 = all.find((a) => !a.internal && a.family === 'IPv4');
  const v6 = all.find((a) => !a.internal && a.family === 'IPv6' && !a.address.toLowerCase().startsWith('fe80'));
  return v4?.address ?? v6?.address ?? null;
}
const OUTSIDE = outsideAddress();
const NO_OUTSIDE = OUTSIDE === null ? 'this machine has no non-loopback address to listen on' : false;
const hostOf = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** Sessions the listener opened (a refused connection opens none). */
function countSessions(server: { hub: { sessions$: { subscribe(f: (s: BridgeSession) => void): unknown } } }): () => number {
  let n = 0;
  server.hub.sessions$.subscribe(() => n++);
  return () => n;
}

const canConnect = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A WebSocket upgrade's outcome: 'open', or the HTTP status it was refused with. */
function upgrade(url: string, options: { origin?: string; headers?: Record<string, string>; ca?: Buffer } = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(-1));
  });
}

test('loopback is decided by the addresses a host resolves to: 127.attacker.example is refused, localhost is loopback', async () => {
  for (const address of ['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:2']) assert.equal(isLoopbackAddress(address), true, address);
  for (const address of ['0.0.0.0', '::', '192.0.2.2', '::ffff:192.0.2.2', '128.0.0.1', '127.attacker.example', 'localhost']) assert.equal(isLoopbackAddress(address), false, address);

  // A name that looks like loopback but resolves elsewhere, or partly elsewhere, is not loopback.
  const fake = (table: Record<string, string[]>) => async (host: string) => table[host] ?? [];
  const elsewhere = fake({ '127.attacker.example': ['192.0.2.10'], 'half.example': ['127.0.0.1', '192.0.2.11'], 'local.example': ['127.0.0.1', '::1'] });
  await assert.rejects(checkBind('127.attacker.example', {}, 'test listener', elsewhere), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND') && /host: expected a loopback address unless .*\(--allow-remote\), got "127\.attacker\.example" \(it resolves to 192\.0\.2\.10\)/.test(e.message));
  await assert.rejects(checkBind('half.example', {}, 'test listener', elsewhere), /it resolves to 192\.0\.2\.11/);
  assert.deepEqual(await checkBind('local.example', {}, 'test listener', elsewhere), { addresses: ['127.0.0.1', '::1'], remote: false }, 'a name that resolves only to loopback is loopback');
  // With the system's resolver: unresolvable here (refused, naming the host), or, if some resolver answers, only loopback passes.
  const real = await checkBind('127.attacker.example', {}, 'test listener').then((r) => r, (e: unknown) => e);
  if (isShivaError(real)) assert.match(real.message, /"127\.attacker\.example"/);
  else assert.ok((real as { addresses: string[] }).addresses.every(isLoopbackAddress), 'accepted only because it resolved to loopback alone');
  // A real listener refuses the name before listening.
  await assert.rejects(new GrpcBridgeServer(0, { host: '127.attacker.example' }).start(), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND') && e.message.includes('"127.attacker.example"'));

  // localhost: the system resolves it to loopback only, and the listeners bind 127.0.0.1 and ::1 without asking it.
  const resolved = (await lookup('localhost', { all: true })).map((a) => a.address);
  assert.ok(resolved.length > 0 && resolved.every(isLoopbackAddress), `localhost resolves to loopback: ${resolved.join(', ')}`);
  assert.deepEqual(await resolveBindHost('localhost', 'test listener', async () => ['192.0.2.12']), ['127.0.0.1', '::1'], 'a hosts file cannot move localhost');
  assert.deepEqual(await resolveBindHost('[::1]', 'test listener'), ['::1']);
});

test('off loopback only with allowRemote and a token: gRPC checks the token on every call before a session opens', { skip: NO_OUTSIDE }, async () => {
  const host = OUTSIDE!;
  await assert.rejects(new GrpcBridgeServer(0, { host }).start(), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND') && /\(--allow-remote\)/.test(e.message));
  await assert.rejects(new GrpcBridgeServer(0, { host, allowRemote: true }).start(), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BIND') && /token: expected a token for a non-loopback bind/.test(e.message));

  const server = await new GrpcBridgeServer(0, { host, allowRemote: true, token: 's3cret-token', timeoutMs: 5_000 }).start();
  const sessions = countSessions(server);
  try {
    assert.equal(await canConnect(host, server.boundPort), true, `listening on ${host}`);
    assert.equal(await canConnect('127.0.0.1', server.boundPort), false, 'only the address asked for');
    const refusedWith = (token?: string) => {
      const conn = grpcConnection(server.boundPort, hostOf(host), token ? { token } : {});
      return conn.call(Uint8Array.from([1, 2, 3])).then(
        () => 'answered',
        (e: Error) => e.message,
      ).finally(() => conn.close());
    };
    assert.match(await refusedWith(), /gRPC status 16/, 'no token: UNAUTHENTICATED');
    assert.match(await refusedWith('wrong'), /gRPC status 16/, 'a wrong token: UNAUTHENTICATED');
    assert.equal(sessions(), 0, 'refused calls open no session: their bytes are never read');
    const good = grpcConnection(server.boundPort, hostOf(host), { token: 's3cret-token' });
    assert.equal(await good.call(Uint8Array.from([1, 2, 3])).then(() => 'answered'), 'answered', 'with the token the call reaches a session (and gets its 400 for bad bytes)');
    good.close();
    assert.equal(sessions(), 1);
    // Every call, not only the first: on one channel, a call with the token, then one without it.
    const client = new Client(`${hostOf(host)}:${server.boundPort}`, credentials.createInsecure());
    const call = (metadata: Metadata) =>
      new Promise<number>((resolve) => client.makeUnaryRequest(EXCHANGE_PATH, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, Uint8Array.from([1]), metadata, (e: ServiceError | null) => resolve(e ? e.code : 0)));
    const withToken = new Metadata();
    withToken.set('shiva-token', 's3cret-token');
    assert.equal(await call(withToken), 0);
    assert.equal(await call(new Metadata()), status.UNAUTHENTICATED, 'the next call on the same connection without the token is refused');
    client.close();
  } finally {
    await server.stop();
  }

  // The explicit opt-out: gRPC without a token, for players that cannot send one; calls are then accepted.
  const open = await new GrpcBridgeServer(0, { host, allowRemote: true, insecureNoToken: true, timeoutMs: 5_000 }).start();
  try {
    const conn = grpcConnection(open.boundPort, hostOf(host));
    assert.equal(await conn.call(Uint8Array.from([1, 2, 3])).then(() => 'answered'), 'answered');
    conn.close();
  } finally {
    await open.stop();
  }
});

test('off loopback the WebSocket bridge needs allowRemote and a token on the upgrade (query or header), with no opting out', { skip: NO_OUTSIDE }, async () => {
  const host = OUTSIDE!;
  await assert.rejects(new WebSocketBridgeServer(0, { host }).start(), /\(--allow-remote\)/);
  await assert.rejects(new WebSocketBridgeServer(0, { host, allowRemote: true, insecureNoToken: true }).start(), /token: expected a token/);
  const server = await new WebSocketBridgeServer(0, { host, allowRemote: true, token: 'ws-s3cret' }).start();
  const sessions = countSessions(server);
  try {
    const url = `ws://${hostOf(host)}:${server.boundPort}/`;
    assert.equal(await upgrade(url), 401);
    assert.equal(await upgrade(`${url}?token=nope`), 401);
    assert.equal(sessions(), 0);
    assert.equal(await upgrade(`${url}?token=ws-s3cret`), 'open');
    assert.equal(await upgrade(url, { headers: { authorization: 'Bearer ws-s3cret' } }), 'open');
    assert.equal(await upgrade(url, { headers: { 'shiva-token': 'ws-s3cret' } }), 'open');
  } finally {
    await server.stop();
  }
});

test('TLS: gRPC and WebSocket listeners serve a certificate; clients that trust it connect, plaintext ones do not', async (t) => {
  const made = selfSignedCertificate();
  if (typeof made === 'string') return t.skip(made);
  const tls = { cert: made.cert, key: made.key };

  const grpc = await new GrpcBridgeServer(0, { tls, token: 'tls-token', timeoutMs: 5_000 }).start();
  try {
    const secure = grpcConnection(grpc.boundPort, 'localhost', { tlsCa: made.cert, token: 'tls-token' });
    assert.equal(await secure.call(Uint8Array.from([1, 2, 3])).then(() => 'answered'), 'answered', 'over TLS, with the token');
    secure.close();
    const plain = grpcConnection(grpc.boundPort, 'localhost', { token: 'tls-token' });
    await assert.rejects(plain.call(Uint8Array.from([1, 2, 3])), /gRPC status 14/, 'a plaintext client gets no answer (UNAVAILABLE)');
    plain.close();
  } finally {
    await grpc.stop();
  }

  const ws = await new WebSocketBridgeServer(0, { tls }).start();
  try {
    assert.match(ws.url, /^wss:\/\/localhost:\d+\/$/);
    const conn = await webSocketConnection(ws.url, { tlsCa: made.cert });
    conn.close();
    assert.equal(await upgrade(ws.url.replace('wss:', 'ws:')), -1, 'plain ws:// to a TLS listener fails');
    assert.equal(await upgrade(ws.url), -1, 'a client that does not trust the certificate fails');
  } finally {
    await ws.stop();
  }
});

test('the WebSocket bridge refuses a browser Origin it does not allow (403) before any message is read', async () => {
  const server = await new WebSocketBridgeServer(0).start();
  const sessions = countSessions(server);
  try {
    assert.equal(await upgrade(server.url, { origin: 'http://evil.example' }), 403);
    assert.equal(await upgrade(server.url, { origin: `http://evil.example:${server.boundPort}` }), 403, 'another name on the same port (DNS rebinding)');
    assert.equal(await upgrade(server.url, { origin: 'null' }), 403, 'an opaque origin');
    assert.equal(sessions(), 0, 'refused upgrades open no session');
    assert.equal(await upgrade(server.url, { origin: `http://localhost:${server.boundPort}` }), 'open', "the listener's own origin");
    assert.equal(await upgrade(server.url), 'open', 'no Origin: not a browser (a stand-in)');
  } finally {
    await server.stop();
  }
  const listed = await new WebSocketBridgeServer(0, { allowedOrigins: ['http://sim.example:8080'] }).start();
  try {
    assert.equal(await upgrade(listed.url, { origin: 'http://sim.example:8080' }), 'open', 'a listed origin');
    assert.equal(await upgrade(listed.url, { origin: 'http://sim.example:8081' }), 403, 'the same host on another port is another origin');
  } finally {
    await listed.stop();
  }
});

test('the message size limit holds per connection on the WebSocket bridge: an oversize frame ends only its own session', async () => {
  const server = await new WebSocketBridgeServer(0, { maxMessageBytes: 1024, timeoutMs: 5_000 }).start();
  const opened: BridgeSession[] = [];
  server.hub.sessions$.subscribe((s) => opened.push(s));
  try {
    const big = new WebSocket(server.url);
    await new Promise((resolve) => big.once('open', resolve));
    const other = new WebSocket(server.url);
    await new Promise((resolve) => other.once('open', resolve));
    big.send(new Uint8Array(2048));
    const end = await opened[0]!.ended;
    assert.equal(end.error?.code, 'SHIVA_ERR_MESSAGE_TOO_LARGE', end.error?.message);
    assert.match(end.error!.message, /expected at most 1024 bytes/);
    assert.equal(other.readyState, WebSocket.OPEN, 'the other connection is untouched');
    big.terminate();
    other.close();
  } finally {
    await server.stop();
  }
});
