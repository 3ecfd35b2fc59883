/**
 * One training step (forward, loss, gradients, Adam update) per tfjs backend, for the three networks of
 * backend-step-models.ts: ms per step (median of the timed steps) and samples/s, every backend that loads here in
 * the same run, each model's speed against wasm. A backend that does not load is listed with why. Not a test.
 *
 *   npm run bench:backend-step [-- --backends wasm,wasm-threads,cpu,webgpu,tensorflow,tensorflow-gpu] [-- --models mlp-64,mlp-512,visual-84]
 *                              [-- --seconds 3] [-- --json FILE]
 *
 * webgpu is opened directly (registerWebgpu), not through chooseBackend, which refuses it for training: the
 * step here reads back asynchronously, which is all tfjs-backend-webgpu can do on Node. SHIVA_WEBGPU_DAWN passes
 * Dawn options (e.g. `backend=opengles` with EGL_PLATFORM=surfaceless: Mesa's software renderer, no GPU).
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, isBackendRequest, type BackendName } from '../src/core/runtime/backend.js';
import { describeAdapter, registerWebgpu, releaseWebgpu } from '../src/core/runtime/webgpu-backend.js';
import { createStepModel, STEP_MODELS, type StepModelName } from './backend-step-models.js';
import { flag, machineLoad, numberFlag, table } from './ppo-bench-common.js';

const backends = flag('backends', 'wasm,cpu,webgpu,tensorflow,tensorflow-gpu').split(',');
const models = flag('models', STEP_MODELS.join(',')).split(',');
const seconds = numberFlag('seconds', 3);
const jsonFile = flag('json', '');
for (const b of backends) if (!isBackendRequest(b) || b === 'auto') throw new Error(`--backends: expected names among wasm, wasm-threads, cpu, webgpu, tensorflow, tensorflow-gpu, got "${b}"`);
for (const m of models) if (!(STEP_MODELS as readonly string[]).includes(m)) throw new Error(`--models: expected names among ${STEP_MODELS.join(', ')}, got "${m}"`);

const WARM_UP = 2;
const MIN_STEPS = 3;
const MAX_STEPS = 200;

interface Row {
  readonly backend: BackendName;
  readonly device: string;
  readonly model: StepModelName;
  readonly label: string;
  readonly batch: number;
  readonly parameters: number;
  readonly msPerStep: number;
  readonly samplesPerSecond: number;
  readonly steps: number;
  readonly firstStepMs: number;
  readonly loss: number;
}

async function open(name: BackendName): Promise<string> {
  if (name !== 'webgpu') {
    const choice = await chooseBackend(name);
    // wasm-threads: its thread count (SHIVA_WASM_THREADS, else the cores), e.g. "CPU, 2 threads".
    return name === 'tensorflow-gpu' ? 'CUDA' : choice.device !== undefined ? `CPU, ${choice.device}` : 'CPU';
  }
  const device = describeAdapter(await registerWebgpu());
  if (!(await tf.setBackend('webgpu'))) throw new Error(`tf.setBackend('webgpu') returned false on ${device}`);
  return device;
}

async function timeModel(backend: BackendName, device: string, model: StepModelName): Promise<Row> {
  const m = createStepModel(model);
  try {
    const t0 = performance.now();
    await m.step();
    const firstStepMs = performance.now() - t0;
    for (let i = 1; i < WARM_UP; i++) await m.step();
    const times: number[] = [];
    let loss = NaN;
    const start = performance.now();
    while (times.length < MAX_STEPS && (times.length < MIN_STEPS || performance.now() - start < seconds * 1000)) {
      const s = performance.now();
      loss = await m.step();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    return { backend, device, model, label: m.label, batch: m.batch, parameters: m.parameters, msPerStep: ms, samplesPerSecond: (m.batch * 1000) / ms, steps: times.length, firstStepMs, loss };
  } finally {
    m.dispose();
  }
}

const rows: Row[] = [];
const skipped: string[] = [];
for (const name of backends as BackendName[]) {
  let device: string;
  try {
    device = await open(name);
  } catch (error) {
    skipped.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    continue;
  }
  for (const model of models as StepModelName[]) {
    const row = await timeModel(name, device, model);
    rows.push(row);
    console.error(`${name} ${model}: ${row.msPerStep.toFixed(2)} ms/step over ${row.steps} steps (first step ${row.firstStepMs.toFixed(0)} ms)`);
  }
  if (name === 'webgpu') releaseWebgpu();
}

const wasmMs = (model: StepModelName) => rows.find((r) => r.backend === 'wasm' && r.model === model)?.msPerStep;
console.log(`backend-step: ${machineLoad()}; ${seconds} s of timed steps per cell (at least ${MIN_STEPS}), after ${WARM_UP} warm-up steps`);
console.log(
  table(
    ['model', 'batch', 'params', 'backend', 'device', 'ms/step', 'samples/s', 'vs wasm', 'steps', 'first ms'],
    rows.map((r) => {
      const base = wasmMs(r.model);
      return [r.label, r.batch, r.parameters, r.backend, r.device, r.msPerStep.toFixed(2), Math.round(r.samplesPerSecond), base === undefined ? '—' : `${(base / r.msPerStep).toFixed(2)}×`, r.steps, r.firstStepMs.toFixed(0)];
    }),
  ),
);
for (const s of skipped) console.log(`skipped ${s}`);
if (jsonFile !== '') writeFileSync(jsonFile, JSON.stringify({ load: machineLoad(), seconds, rows, skipped }, null, 2) + '\n');
