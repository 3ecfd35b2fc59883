/**
 * The recorded exchange between the real mlagents_envs trainer and a Unity-side client
 * (test/fixtures/mlagents/traces/basic_2agents_vec4_disc3.jsonl, copied unchanged from the shared ML-Agents data).
 */
import { readFileSync } from 'node:fs';
import { traceFile } from './paths.js';

export interface TraceLine {
  readonly seq: number;
  readonly dir: 'unity->python' | 'python->unity';
  readonly bytes: number;
  readonly hex: string;
  readonly text: string;
}

export function readTrace(): TraceLine[] {
  return readFileSync(traceFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TraceLine);
}

export function traceBytes(line: TraceLine): Uint8Array {
  return new Uint8Array(Buffer.from(line.hex, 'hex'));
}

export function findLine(lines: readonly TraceLine[], seq: number, dir: TraceLine['dir']): TraceLine {
  const line = lines.find((l) => l.seq === seq && l.dir === dir);
  if (!line) throw new Error(`trace has no ${dir} message with seq ${seq}`);
  return line;
}
