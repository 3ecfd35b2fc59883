/**
 * A port on 127.0.0.1 that nothing listens on now: the OS picks one for a throwaway listener, which is closed before
 * the port is handed out (for a command that must be given a port, such as the Editor's or `--base-port`).
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
