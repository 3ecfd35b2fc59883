/**
 * The names of the TensorFlow.js backends and the environment variables that choose them, apart from the chooser
 * (backend.ts) and the webgpu backend (webgpu-backend.ts), which load tfjs: the help (help-text.ts) reads these, so
 * that a command that never computes (`shiva unity-standin`, `shiva probe`) starts without tfjs.
 */
export const BACKEND_REQUESTS = ['auto', 'tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'wasm-threads', 'cpu'] as const;
export type BackendRequest = (typeof BACKEND_REQUESTS)[number];
export type BackendName = Exclude<BackendRequest, 'auto'>;

/** The environment variable that overrides whatever the caller asked for. */
export const BACKEND_ENV_VAR = 'SHIVA_BACKEND';

/** The environment variable holding Dawn options for the webgpu backend's `create()`, space-separated. */
export const WEBGPU_DAWN_ENV_VAR = 'SHIVA_WEBGPU_DAWN';

/** The environment variable holding the thread count of the wasm-threads backend (default: the machine's cores). */
export const WASM_THREADS_ENV_VAR = 'SHIVA_WASM_THREADS';
