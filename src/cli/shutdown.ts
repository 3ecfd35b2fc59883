/**
 * Clean shutdown on SIGINT and SIGTERM: run the given cleanup once (held calls answered with 400, children
 * ended), then exit — or, with `exit: false`, let the command finish on its own (training saves a checkpoint
 * first). A second signal exits at once. `message` replaces the line logged for the first signal (a phase
 * with nothing to save, such as the wait for the Editor, ends at once and needs no "press again").
 */
export function onShutdownSignal(
  cleanup: (signal: NodeJS.Signals) => Promise<void>,
  log: (message: string) => void,
  options: { exit?: boolean; message?: (signal: NodeJS.Signals) => string | null } = {},
): () => void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) process.exit(130);
    shuttingDown = true;
    log(options.message?.(signal) ?? `${signal}: shutting down (simulations are told to stop; press Ctrl-C again to force)`);
    const exit = options.exit ?? true;
    cleanup(signal).then(
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

/**
 * The first SIGINT or SIGTERM aborts `signal` and the command finishes on its own (a checkpoint saved, the report
 * printed); `exitCode()` then gives the code a stopped run ends with (130 for SIGINT, 143 for SIGTERM).
 */
export function abortOnShutdown(log: (message: string) => void): { readonly signal: AbortSignal; exitCode(): number } {
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  onShutdownSignal(
    async (signal) => {
      stoppedBy = signal;
      controller.abort(signal);
    },
    log,
    { exit: false },
  );
  return { signal: controller.signal, exitCode: () => (stoppedBy === 'SIGTERM' ? 143 : 130) };
}
