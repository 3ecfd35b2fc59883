/**
 * Issue 18, item 4: telling the launched player's connections from strangers' by the process that dialled, as the
 * kernel reports it (Linux /proc), on real loopback connections from real processes: this process, a child, and a
 * grandchild behind a shell (as a player started by a wrapper script is).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dialledBy } from '../../src/bridge/peer-process.js';

const linux = existsSync('/proc/net/tcp');

async function listening(): Promise<{ server: Server; port: number; accepted: Promise<Socket>[] }> {
  const accepted: Promise<Socket>[] = [];
  let next: ((s: Socket) => void) | null = null;
  accepted.push(new Promise((r) => (next = r)));
  const server = createServer((socket) => {
    const resolve = next!;
    accepted.push(new Promise((r) => (next = r)));
    resolve(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port, accepted };
}

/** A process that dials `port` and stays connected until killed (through `sh -c` when `viaShell`). */
function dialler(port: number, viaShell: boolean): ChildProcess {
  // It exits when its connection closes (the test's finally), so a grandchild behind the shell never outlives it.
  const script = `require('net').connect(${port}, '127.0.0.1').on('close', () => process.exit(0)).on('error', () => process.exit(0)); setInterval(() => {}, 1000);`;
  return viaShell ? spawn('sh', ['-c', `"${process.execPath}" -e "${script}"; true`], { stdio: 'ignore' }) : spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
}

test('the process that dialled a loopback connection is known: this one, a child, a grandchild behind a shell; no other', { skip: linux ? false : 'needs Linux /proc' }, async () => {
  const { server, port, accepted } = await listening();
  const children: ChildProcess[] = [];
  try {
    const own = connect(port, '127.0.0.1');
    const fromUs = await accepted[0]!;
    const child = dialler(port, false);
    children.push(child);
    const fromChild = await accepted[1]!;
    const shell = dialler(port, true);
    children.push(shell);
    const fromGrandchild = await accepted[2]!;
    const peer = (s: Socket) => ({ port: s.remotePort!, localPort: port });

    assert.equal(dialledBy(peer(fromUs), process.pid), true, 'our own connection');
    assert.equal(dialledBy(peer(fromUs), child.pid!), false, 'ours is not the child\'s');
    assert.equal(dialledBy(peer(fromChild), child.pid!), true, 'the child dialled it');
    assert.equal(dialledBy(peer(fromGrandchild), shell.pid!), true, 'dialled by a descendant of the shell');
    assert.equal(dialledBy(peer(fromGrandchild), child.pid!), false, 'not by an unrelated process');
    // Our own tree holds every one of them (the children are ours): matching goes down the tree, never up.
    assert.equal(dialledBy(peer(fromChild), process.pid), true);
    // A port nobody dialled from: unknown, not a guess.
    assert.equal(dialledBy({ port: 1, localPort: port }, child.pid!), null);
    own.destroy();
  } finally {
    for (const c of children) c.kill('SIGKILL');
    server.close();
    for (const p of accepted.slice(0, 3)) (await p).destroy();
  }
});
