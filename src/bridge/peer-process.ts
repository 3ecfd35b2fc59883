/**
 * Which process dialled a loopback connection. TCP does not say, but on Linux the kernel does: /proc/net/tcp and
 * tcp6 list every socket with its inode, and /proc/PID/fd links to the sockets a process holds. So a connection
 * whose peer socket (its address's port, dialled to our listening port) is held by the player Shiva launched, or by
 * one of that player's descendants, is the player's; any other is a stranger's, however it is timed.
 *
 * Elsewhere (no /proc, another user's process, a socket gone before it was looked up) the answer is null, and the
 * session hub falls back to timing (a connection made after the player's (re)start, and only one).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The two ends of an accepted connection, as the server sees them. */
export interface PeerSocket {
  /** The dialler's port (its socket's local port). */
  readonly port: number;
  /** The port it dialled: our listener's. */
  readonly localPort: number;
}

/** Whether the connection `peer` was dialled by `rootPid` or one of its descendants; null when that cannot be known here. */
export function dialledBy(peer: PeerSocket, rootPid: number): boolean | null {
  const inode = dialledSocketInode(peer);
  if (inode === null) return null;
  const link = `socket:[${inode}]`;
  let readAny = false;
  for (const pid of processTree(rootPid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // exited meanwhile, or not ours to read
    }
    readAny = true;
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return true;
      } catch {
        // closed meanwhile
      }
    }
  }
  // Found the socket but could read none of the player's descriptors: we cannot tell.
  return readAny ? false : null;
}

/**
 * The inode of the dialler's socket: the entry whose local port is `peer.port` and whose remote port is our
 * listener's (the server's own socket of the same connection has the two ports the other way round).
 */
function dialledSocketInode(peer: PeerSocket): number | null {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      if (portOf(fields[1]!) !== peer.port || portOf(fields[2]!) !== peer.localPort) continue;
      const inode = Number(fields[9]);
      if (inode > 0) return inode;
    }
  }
  return null;
}

/** "0100007F:D1E2" → 0xD1E2 (the port is written in hexadecimal, most significant digit first). */
function portOf(address: string): number {
  return parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
}

/** `rootPid` and every descendant, from /proc/PID/task/TID/children (breadth first). */
function processTree(rootPid: number): number[] {
  const seen = new Set<number>([rootPid]);
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/)) {
        const n = Number(child);
        if (n > 0 && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
  }
  return [...seen];
}
