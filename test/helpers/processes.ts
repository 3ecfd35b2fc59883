/**
 * Real child processes of the compiled CLI (the stand-in, the probe), with their output collected.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliMain } from './paths.js';

export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves when the process exits. */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [cliMain, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SHIVA_LOG_LEVEL: 'warn', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => {
      // 'exit' may come before the pipes drain; 'close' follows once they have.
      child.once('close', () => resolve({ code, signal, stdout, stderr }));
      if (child.stdout!.readableEnded && child.stderr!.readableEnded) resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

/** The last line of `stdout` parsed as JSON. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** Starts a stand-in for `env` against a gRPC trainer on `port`. */
export function startStandIn(env: string, port: number, extra: readonly string[] = []): RunningCli {
  return runCli(['unity-standin', '--env', env, '--port', String(port), ...extra]);
}
