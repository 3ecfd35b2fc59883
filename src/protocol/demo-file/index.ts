/**
 * Unity ML-Agents `.demo` files: read one file or a folder as one dataset, write one, or record one step by step.
 */
export type { DemoInput, DemoMeta, Demonstration } from './demonstration.js';
export { episodeStartsOf } from './demonstration.js';
export { decodeDemo, readDemoFile } from './demo-reader.js';
export { concatDemonstrations, readDemoDirectory, readDemonstrations } from './demo-dataset.js';
export { writeDemoFile } from './demo-writer.js';
export { DemoRecorder, type DemoRecorderOptions, type DemoStep } from './demo-recorder.js';
export { CONTENT_OFFSET, MAX_META_BYTES, SUPPORTED_API_VERSIONS, WRITTEN_API_VERSION } from './framing.js';
