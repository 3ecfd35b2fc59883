/**
 * Bind rules: loopback by default and reachable as localhost over IPv4 and IPv6 (Unity dials "localhost");
 * other addresses only when asked for; WebSocket on a non-loopback address needs a token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { GrpcBridgeServer } from '../../src/bridge/grpc-server.js';
import { WebSocketBridgeServer } from '../../src/bridge/websocket-server.js';
import { webSocketConnection } from '../../envs/standin/trainer-connection.js';

const canConnect = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

test('the default listener answers on 127.0.0.1 and ::1 with the same port, and nowhere else', async () => {
  const server = await new GrpcBridgeServer(0).start();
  try {
    assert.equal(await canConnect('127.0.0.1', server.boundPort), true);
    const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
      const probe = connect({ host: '::1', port: 1 });
      probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code !== 'EADDRNOTAVAIL' && e.code !== 'ENETUNREACH' && e.code !== 'EAFNOSUPPORT'));
    });
    if (hasIpv6Loopback) assert.equal(await canConnect('::1', server.boundPort), true);
  } finally {
    await server.stop();
  }
});

test('a non-loopback bind must be asked for explicitly', async () => {
  await assert.rejects(new GrpcBridgeServer(0, { host: '0.0.0.0' }).start(), (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_BIND' && /host: expected a loopback address unless a non-loopback bind is asked for explicitly \(--allow-remote\), got "0\.0\.0\.0"/.test(e.message));
  await assert.rejects(new WebSocketBridgeServer(0, { host: '0.0.0.0', allowRemote: true }).start(), (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_BIND' && /token: expected a token for a non-loopback bind/.test(e.message));
  // A WebSocket listener has no opting out of the token.
  await assert.rejects(new WebSocketBridgeServer(0, { host: '0.0.0.0', allowRemote: true, insecureNoToken: true }).start(), /token: expected a token for a non-loopback bind/);
});

test('a port in use gets a clear error', async () => {
  const first = await new GrpcBridgeServer(0).start();
  try {
    await assert.rejects(new GrpcBridgeServer(first.boundPort).start(), /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE \(is another trainer/);
  } finally {
    await first.stop();
  }
});

test('a WebSocket listener with a token refuses clients without it', async () => {
  const server = await new WebSocketBridgeServer(0, { token: 's3cret' }).start();
  try {
    await assert.rejects(webSocketConnection(server.url), /cannot connect: Unexpected server response: 401/);
    const ok = await webSocketConnection(`${server.url}?token=s3cret`);
    ok.close();
  } finally {
    await server.stop();
  }
});
