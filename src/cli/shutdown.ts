/**
 * Clean shutdown on SIGINT and SIGTERM: run the given cleanup once (held calls answered with 400, children
 * ended), then exit. A second signal exits at once.
 */
export function onShutdownSignal(cleanup: () => Promise<void>, log: (message: string) => void): () => void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) process.exit(130);
    shuttingDown = true;
    log(`${signal}: shutting down (simulations are told to stop; press Ctrl-C again to force)`);
    cleanup().then(
      () => process.exit(signal === 'SIGINT' ? 130 : 143),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
