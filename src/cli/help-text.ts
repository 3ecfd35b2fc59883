/**
 * Help text that more than one command shows: the environment variables the program reads.
 */
import { BACKEND_ENV_VAR, BACKEND_REQUESTS, WASM_THREADS_ENV_VAR, WEBGPU_DAWN_ENV_VAR } from '../core/runtime/backend-names.js';

export const ENVIRONMENT_HELP = `
Environment variables:
  SHIVA_LOG_LEVEL   log level: trace, debug, info (default), warn, error, fatal, silent; wins over --debug
  SHIVA_LOG_FILE    write the logs (structured JSON lines) to this file instead of stderr (a Unity player's
                    -logFile PATH sets it for the stand-in)
  ${BACKEND_ENV_VAR}     TensorFlow.js backend, one of ${BACKEND_REQUESTS.join(', ')};
                    wins over --backend and shiva.backend
  ${WEBGPU_DAWN_ENV_VAR} options for Dawn, the webgpu backend's WebGPU (space-separated, e.g. backend=opengles)
  ${WASM_THREADS_ENV_VAR} threads of the wasm-threads backend, 1 to 8 (default: the machine's cores, at most 8)
  SHIVA_EDITOR_PORT the port shiva train listens on for the Unity Editor when there is no environment (default
                    5004, as mlagents-learn; set it when the Editor's ML-Agents settings use another port)
  SHIVA_TOKEN       the token of listeners off loopback (--allow-remote) when --token is not given; the stand-in
                    sends it (docs/SECURITY.md)`;
