/**
 * Clean shutdown on SIGINT and SIGTERM: run the given cleanup once (held calls answered with 400, children
 * ended), then exit — or, with `exit: false`, let the command finish on its own (training saves a checkpoint
 * first). A second signal exits at once.
 */
export function onShutdownSignal(cleanup: () => Promise<void>, log: (message: string) => void, options: { exit?: boolean } = {}): () => void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) process.exit(130);
    shuttingDown = true;
    log(`${signal}: shutting down (simulations are told to stop; press Ctrl-C again to force)`);
    const exit = options.exit ?? true;
    cleanup().then(
      () => exit && process.exit(signal === 'SIGINT' ? 130 : 143),
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
