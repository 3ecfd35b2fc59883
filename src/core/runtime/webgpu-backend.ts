/**
 * TensorFlow.js's WebGPU backend on Node: Dawn's Node binding (the `webgpu` package, prebuilt for linux-x64,
 * macOS and Windows; an optional dependency) provides the GPU object, `@tensorflow/tfjs-backend-webgpu` runs on
 * it. On Linux Dawn drives the GPU through Vulkan, so the machine needs the Vulkan loader (libvulkan.so.1) and the
 * GPU's Vulkan driver (NVIDIA's driver ships one; Mesa's for AMD and Intel); without them there is no adapter and
 * the backend is refused with why. Whether Shiva can train on it is the chooser's check (backend.ts): on Node this
 * backend reads tensors only asynchronously.
 *
 * tfjs-backend-webgpu registers itself at import only when `navigator.gpu` already exists, and then asks for an
 * adapter it assumes is there. We import it first, before any `navigator.gpu`, and register the backend ourselves
 * with the adapter and device we asked for, so that "no adapter" is an error with a reason, not a null dereference.
 *
 * `SHIVA_WEBGPU_DAWN` passes options to Dawn (space-separated, as `create([...])` takes them), e.g.
 * `backend=opengles` for Dawn's OpenGL ES backend, which Mesa's software renderer (llvmpipe) provides on a
 * machine with no GPU: slow, for checking correctness only. Dawn offers OpenGL adapters only at WebGPU's
 * compatibility feature level, so with `backend=opengl` or `backend=opengles` that level is asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WEBGPU_DAWN_ENV_VAR } from './backend-names.js';

export { WEBGPU_DAWN_ENV_VAR };

/** No semicolons in reasons: describeBackendChoice joins them with '; '. */
export const NO_ADAPTER_REASON =
  "no WebGPU adapter: needs a GPU with Vulkan drivers (on Linux the GPU driver's Vulkan ICD, e.g. NVIDIA's driver or mesa-vulkan-drivers for AMD and Intel, and in a container NVIDIA_DRIVER_CAPABILITIES including graphics)";

/** What Dawn says about the adapter in use, for the log. */
export interface WebgpuAdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly description: string;
  /** Dawn's backend for it ('vulkan', 'metal', 'd3d12', 'opengles', …) when the binding tells. */
  readonly backendType: string;
}

// The shapes we use of Dawn's objects, typed here: the `webgpu` package is optional, so the build cannot lean on
// its declarations.
interface GpuAdapterLike {
  readonly limits: Record<string, number>;
  readonly info?: { vendor?: string; architecture?: string; description?: string; backendType?: string };
  requestDevice(descriptor: { requiredLimits: Record<string, number> }): Promise<GpuDeviceLike>;
}
interface GpuDeviceLike {
  destroy(): void;
}
interface GpuLike {
  requestAdapter(options: { powerPreference: string; featureLevel?: string }): Promise<GpuAdapterLike | null>;
}
interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}
interface TfWebgpuModule {
  WebGPUBackend: new (device: GpuDeviceLike, adapterInfo: unknown) => tf.KernelBackend;
}

/**
 * The adapter limits tfjs-backend-webgpu raises from WebGPU's defaults (large tensors need the big buffers), and
 * the storage buffers per shader stage, which WebGPU's compatibility level (OpenGL) keeps at 4 by default.
 */
const RAISED_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxStorageBuffersPerShaderStage',
] as const;

interface Active {
  readonly device: GpuDeviceLike;
  readonly info: WebgpuAdapterInfo;
}
let active: Active | null = null;
/**
 * Dawn's instance, created once per process and kept: a second instance after the first one's device was
 * destroyed made Mesa's OpenGL ES driver abort at exit (pthread assertions), and one instance is all Shiva needs.
 */
let instance: GpuLike | null = null;
/** A failed probe is remembered: `auto` asks in every command, and a machine does not grow a GPU meanwhile. */
let failure: Error | null = null;

/**
 * Registers tfjs's 'webgpu' backend on Dawn's best adapter (once per process) and returns what the adapter is.
 * Throws with the reason when the package is missing, Dawn cannot load, or there is no adapter.
 */
export async function registerWebgpu(): Promise<WebgpuAdapterInfo> {
  if (active !== null) return active.info;
  if (failure !== null) throw failure;
  try {
    active = await openAdapter();
    return active.info;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw failure;
  }
}

/**
 * Gives the GPU back: the tfjs backend removed (its buffers freed), the device destroyed, `navigator.gpu` gone.
 * For `auto` when another backend measured faster; a later request opens the adapter again.
 */
export function releaseWebgpu(): void {
  if (active === null) return;
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  active.device.destroy();
  active = null;
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav !== undefined) delete nav.gpu;
}

async function openAdapter(): Promise<Active> {
  const options = dawnOptions();
  const gl = options.some((o) => /^backend=opengl(es)?$/.test(o));
  // Without the loader Dawn finds no Vulkan adapter anyway, and says so on stderr from native code, where no
  // logger can catch it: every `auto` on a machine without a GPU would print it. Checked first: it is
  // also the cheap answer (no module loaded).
  if (!gl && !vulkanLoaderFound()) throw new Error(`${NO_ADAPTER_REASON}, and this machine has no Vulkan loader (libvulkan.so.1, Debian and Ubuntu's libvulkan1)`);
  // Variables, not literals: the packages may be absent and the build must not depend on their types.
  const dawnName = 'webgpu';
  const tfWebgpuName = '@tensorflow/tfjs-backend-webgpu';
  const dawn = (await import(dawnName)) as DawnModule;
  // Before navigator.gpu exists, so it does not register a factory of its own (see the file comment).
  const { WebGPUBackend } = (await import(tfWebgpuName)) as TfWebgpuModule;
  // GPUBufferUsage, GPUMapMode, … : tfjs-backend-webgpu reads them as globals, as in a browser.
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  const gpu = (instance ??= dawn.create(options));
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance', ...(gl ? { featureLevel: 'compatibility' } : {}) });
  if (adapter === null) throw new Error(options.length > 0 ? `${NO_ADAPTER_REASON} (Dawn options from ${WEBGPU_DAWN_ENV_VAR}: ${options.join(' ')})` : NO_ADAPTER_REASON);
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const value = adapter.limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  const device = await adapter.requestDevice({ requiredLimits });
  installNavigatorGpu(gpu);
  const raw = adapter.info ?? {};
  const info: WebgpuAdapterInfo = { vendor: raw.vendor ?? '', architecture: raw.architecture ?? '', description: raw.description ?? '', backendType: raw.backendType ?? '' };
  // Another copy of the package may have registered a factory already (navigator.gpu set by someone else).
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  // Priority 0: never tfjs's own pick; Shiva always names the backend it sets.
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info), 0);
  return { device, info };
}

/** The backend's constructor checks `navigator.gpu`; Node 20 has no navigator, Node 21+ one without `gpu`. */
function installNavigatorGpu(gpu: GpuLike): void {
  const holder = globalThis as { navigator?: object };
  if (holder.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  }
  Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
}

/** Whether dlopen would find libvulkan.so.1 (Linux: LD_LIBRARY_PATH, then ld.so's cache); elsewhere Dawn uses Metal or D3D. */
function vulkanLoaderFound(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = (process.env['LD_LIBRARY_PATH'] ?? '').split(':').filter((d) => d !== '');
  if (dirs.some((d) => existsSync(path.join(d, 'libvulkan.so.1')))) return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return true; // no cache to read (not glibc): let Dawn look for itself
  }
}

function dawnOptions(): string[] {
  const raw = process.env[WEBGPU_DAWN_ENV_VAR] ?? '';
  return raw.split(/\s+/).filter((o) => o !== '');
}

/** "NVIDIA … (vulkan)", or what of it the adapter tells. */
export function describeAdapter(info: WebgpuAdapterInfo): string {
  const name = info.description || [info.vendor, info.architecture].filter((s) => s !== '').join(' ') || 'unnamed adapter';
  return info.backendType ? `${name} (${info.backendType})` : name;
}
