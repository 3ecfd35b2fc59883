/**
 * A progress bar on a TTY (cli-progress, on stderr); nothing otherwise, where structured logs tell the story.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, fields?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(total: number, label: string, extra = ''): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}${extra ? ` | ${extra}` : ''}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done, fields) => bar.update(done, fields), stop: () => bar.stop() };
}
