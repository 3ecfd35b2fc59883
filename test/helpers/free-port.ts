/**
 * Ports on 127.0.0.1: one that nothing listens on now (the OS picks one for a throwaway listener, which is closed
 * before the port is handed out: for a command that must be given a port, such as the Editor's or `--base-port`),
 * and whether something accepts connections on one (a child process that has started listening).
 */
import { connect, createServer } from 'node:net';

/** Whether a TCP connection to 127.0.0.1:`port` is accepted now (it is closed at once). */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
