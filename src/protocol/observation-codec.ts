/**
 * ObservationProto ⇄ floats. Trainer side: decode one sensor's observation of one agent into a slice of a batch
 * buffer (float data row-major over the shape; PNG data per mlagents_envs' rules for concatenated files, channel
 * mappings and grayscale). Simulation side: encode floats as float data or as PNG files.
 */
import { ShivaError } from '../core/errors.js';
import { ObservationType, type ObservationSpec } from '../core/env/behavior-spec.js';
import { communicator_objects } from './generated/communicator.js';
import { decodePngRgb, encodePngRgb, pngDecodeBytes, readPngHeader, splitPngFiles, type RgbImage } from './png.js';
import { checkAtMost, checkPositive, PROTOCOL_LIMITS, type DecodeBudget } from './limits.js';

export type ObservationProtoLike = communicator_objects.ObservationProto.$Properties;

const COMPRESSION_NONE = 0;
const COMPRESSION_PNG = 1;

function product(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function fail(message: string): never {
  throw new ShivaError('SHIVA_ERR_OBSERVATION', message);
}

/**
 * Writes the observation's prod(shape) floats into out[offset ..], row-major over `shape` (channels first for
 * visual observations). `where` names the connection, behavior, agent and sensor for errors. PNG files are
 * checked from their IHDR headers (dimensions equal to the shape's, not interlaced) and their decoding buffers
 * charged to `budget` before any is inflated.
 */
export function decodeObservationInto(obs: ObservationProtoLike, shape: readonly number[], out: Float32Array, offset: number, where: string, budget?: DecodeBudget): void {
  const size = product(shape);
  if (offset < 0 || offset + size > out.length) {
    throw new RangeError(`${where}: output slice [${offset}, ${offset + size}) is outside a buffer of ${out.length}`);
  }
  const declared = obs.shape ?? [];
  if (declared.length > 0 && !sameShape(declared, shape)) {
    fail(`${where}: shape: expected [${shape.join(', ')}], got [${declared.join(', ')}]`);
  }
  const compression = obs.compressionType ?? COMPRESSION_NONE;
  if (compression === COMPRESSION_NONE) {
    decodeFloats(obs, size, shape, out, offset, where);
  } else if (compression === COMPRESSION_PNG) {
    decodePng(obs, shape, out, offset, where, budget);
  } else {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${where}: compression_type: expected 0 (NONE) or 1 (PNG), got ${String(compression)}`);
  }
}

function decodeFloats(obs: ObservationProtoLike, size: number, shape: readonly number[], out: Float32Array, offset: number, where: string): void {
  const data = obs.floatData?.data ?? [];
  if (data.length !== size) {
    fail(`${where}: float_data: expected ${size} floats for shape [${shape.join(', ')}], got ${data.length}`);
  }
  for (let i = 0; i < size; i++) {
    const v = data[i]!;
    // v - v is NaN for NaN and ±Infinity, 0 for every finite v.
    if (v - v !== 0) fail(`${where}: float_data[${i}] is ${v}: observations must be finite`);
    out[offset + i] = v;
  }
}

function decodePng(obs: ObservationProtoLike, shape: readonly number[], out: Float32Array, offset: number, where: string, budget?: DecodeBudget): void {
  if (shape.length !== 3) fail(`${where}: PNG compression needs a rank-3 [C, H, W] shape, got [${shape.join(', ')}]`);
  const bytes = obs.compressedData;
  if (!bytes || bytes.length === 0) fail(`${where}: compression_type is PNG but compressed_data is empty`);
  const [channels, height, width] = shape as [number, number, number];
  const files = splitPngFiles(bytes, where);
  // Every file's header before any file is inflated: a small file can declare (and inflate to) a huge image.
  const headers = files.map((file, i) => readPngHeader(file, `${where}: PNG file ${i}`));
  headers.forEach((header, i) => {
    if (header.height !== height || header.width !== width) {
      fail(`${where}: PNG file ${i} is ${header.height}×${header.width} (H×W) by its IHDR header, expected ${height}×${width} for shape [${shape.join(', ')}]; not decoded`);
    }
    budget?.charge(pngDecodeBytes(header), `${where}: PNG file ${i}`, `a ${header.width}×${header.height} image`);
  });
  const images = files.map((file, i) => decodePngRgb(file, `${where}: PNG file ${i}`));
  const decodedChannels = 3 * images.length;
  const mapping = obs.compressedChannelMapping ?? [];
  // Source decoded channel → output channel (-1: dropped).
  const target = new Int32Array(decodedChannels).fill(-1);
  if (mapping.length > 0) {
    if (mapping.length !== decodedChannels) {
      fail(`${where}: compressed_channel_mapping has ${mapping.length} entries, expected one per decoded channel (${decodedChannels} = 3 × ${images.length} PNG files)`);
    }
    let outputs = 0;
    for (let i = 0; i < mapping.length; i++) {
      const m = mapping[i]!;
      if (!Number.isInteger(m) || m < -1) fail(`${where}: compressed_channel_mapping[${i}] is ${m}, expected -1 or a channel index`);
      target[i] = m;
      outputs = Math.max(outputs, m + 1);
    }
    if (outputs !== channels) {
      fail(`${where}: compressed_channel_mapping [${mapping.join(', ')}] makes ${outputs} channels, expected ${channels} (shape [${shape.join(', ')}])`);
    }
  } else if (channels === 1) {
    // A grayscale camera: the mean of the first file's R, G and B.
    target[0] = target[1] = target[2] = 0;
  } else {
    if (decodedChannels < channels) {
      fail(`${where}: ${images.length} PNG file(s) hold ${decodedChannels} channels, expected at least ${channels} (shape [${shape.join(', ')}])`);
    }
    for (let c = 0; c < channels; c++) target[c] = c;
  }
  const sources = new Int32Array(channels);
  for (let i = 0; i < decodedChannels; i++) if (target[i]! >= 0) sources[target[i]!]!++;
  for (let c = 0; c < channels; c++) {
    if (sources[c] === 0) fail(`${where}: compressed_channel_mapping [${mapping.join(', ')}] maps no decoded channel to output channel ${c}`);
  }
  scatterChannels(images, target, sources, height * width, out, offset);
}

/** Sums each decoded channel into its output channel (channels first), then scales by 1 / (255 × sources). */
function scatterChannels(images: readonly RgbImage[], target: Int32Array, sources: Int32Array, plane: number, out: Float32Array, offset: number): void {
  out.fill(0, offset, offset + sources.length * plane);
  for (let i = 0; i < target.length; i++) {
    const c = target[i]!;
    if (c < 0) continue;
    const rgb = images[Math.floor(i / 3)]!.rgb;
    const base = offset + c * plane;
    for (let p = 0, q = i % 3; p < plane; p++, q += 3) out[base + p] += rgb[q]!;
  }
  for (let c = 0; c < sources.length; c++) {
    const scale = 1 / (255 * sources[c]!);
    const base = offset + c * plane;
    for (let p = 0; p < plane; p++) out[base + p] *= scale;
  }
}

/**
 * The spec an observation announces; empty dimension_properties means all UNSPECIFIED (0), as in mlagents_envs.
 * The shape must be what a Unity sensor can have: rank 1 to 3, every dimension an integer in 1..N, and at most
 * N elements in all (N: PROTOCOL_LIMITS.observationElements); `where` names the observation
 * (`… observation #0 "CameraSensor"`), and errors name the dimension (`… shape[1]: expected an integer in 1..N, got -2`).
 */
export function observationSpecFromProto(obs: ObservationProtoLike, where = 'observation'): ObservationSpec {
  const declaredShape = obs.shape ?? [];
  const rank = declaredShape.length;
  if (rank < 1 || rank > PROTOCOL_LIMITS.observationRank.max) {
    throw new ShivaError(
      rank === 0 ? 'SHIVA_ERR_PROTOCOL_FIELD' : 'SHIVA_ERR_PROTOCOL_LIMIT',
      `${where} shape: expected rank 1..${PROTOCOL_LIMITS.observationRank.max} (a vector [N], a buffer [M, N] or an image [C, H, W]), got rank ${rank}${rank <= 8 ? ` ([${declaredShape.join(', ')}])` : ''}`,
    );
  }
  let elements = 1;
  for (let k = 0; k < rank; k++) {
    checkPositive(declaredShape[k]!, PROTOCOL_LIMITS.observationElements, `${where} shape[${k}]`);
    elements *= declaredShape[k]!;
  }
  checkAtMost(elements, PROTOCOL_LIMITS.observationElements, `${where} shape [${declaredShape.join(', ')}]`, 'floats');
  const shape = [...declaredShape];
  const declared = obs.dimensionProperties ?? [];
  if (declared.length > 0 && declared.length !== shape.length) {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${where}: dimension_properties has ${declared.length} entries, expected one per dimension of shape [${shape.join(', ')}]`);
  }
  const observationType = obs.observationType ?? ObservationType.DEFAULT;
  if (observationType !== ObservationType.DEFAULT && observationType !== ObservationType.GOAL_SIGNAL) {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_FIELD', `${where}: observation_type: expected 0 (DEFAULT) or 1 (GOAL_SIGNAL), got ${String(observationType)}`);
  }
  return {
    name: obs.name ?? '',
    shape,
    dimensionProperties: declared.length > 0 ? [...declared] : shape.map(() => 0),
    observationType,
  };
}

export type ObservationCompression = 'none' | 'png';

/**
 * The simulation side: one sensor's observation. `values` holds prod(spec.shape) floats row-major (C, H, W for
 * visual). PNG needs a [C, H, W] shape and writes ceil(C / 3) RGB files, values clamped to [0, 1] and rounded to
 * 1/255; a mapping [0 .. C-1, -1, …] marks the padding when C is not a multiple of 3, and C = 1 is written as
 * one gray RGB file with mapping [0, 0, 0].
 */
type ObservationHeader = Pick<communicator_objects.ObservationProto.$Properties, 'shape' | 'dimensionProperties' | 'observationType' | 'name'>;
const headers = new WeakMap<ObservationSpec, ObservationHeader>();

/** The per-spec fields, built once per spec: one message may carry hundreds of agents. */
function headerFor(spec: ObservationSpec): ObservationHeader {
  let header = headers.get(spec);
  if (!header) {
    header = {
      shape: [...spec.shape],
      dimensionProperties: [...spec.dimensionProperties],
      observationType: spec.observationType as number as communicator_objects.ObservationTypeProto,
      name: spec.name,
    };
    headers.set(spec, header);
  }
  return header;
}

export function encodeObservation(values: Float32Array, spec: ObservationSpec, compression: ObservationCompression): communicator_objects.ObservationProto.$Properties {
  const size = product(spec.shape);
  if (values.length !== size) {
    fail(`observation "${spec.name}": expected ${size} values for shape [${spec.shape.join(', ')}], got ${values.length}`);
  }
  const header = headerFor(spec);
  if (compression === 'none') {
    // protobufjs writes repeated floats by index, so the typed array goes in as it is (no per-value copy).
    return { shape: header.shape, dimensionProperties: header.dimensionProperties, observationType: header.observationType, name: header.name, compressionType: COMPRESSION_NONE, floatData: { data: values as unknown as number[] } };
  }
  if (spec.shape.length !== 3) fail(`observation "${spec.name}": PNG compression needs a rank-3 [C, H, W] shape, got [${spec.shape.join(', ')}]`);
  const [channels, height, width] = spec.shape as [number, number, number];
  const plane = height * width;
  const files: Uint8Array[] = [];
  const fileCount = Math.ceil(channels / 3);
  for (let f = 0; f < fileCount; f++) {
    const rgb = new Uint8Array(plane * 3);
    for (let k = 0; k < 3; k++) {
      // Grayscale repeats channel 0 in R, G and B; otherwise channels past C stay 0 (padding).
      const c = channels === 1 ? 0 : 3 * f + k;
      if (c >= channels) continue;
      const base = c * plane;
      for (let p = 0, q = k; p < plane; p++, q += 3) {
        const v = values[base + p]!;
        // NaN clamps to 0.
        rgb[q] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
      }
    }
    files.push(encodePngRgb({ width, height, rgb }));
  }
  let mapping: number[] = [];
  if (channels === 1) mapping = [0, 0, 0];
  else if (channels % 3 !== 0) mapping = Array.from({ length: 3 * fileCount }, (_, i) => (i < channels ? i : -1));
  return {
    ...header,
    compressionType: COMPRESSION_PNG,
    compressedData: concat(files),
    compressedChannelMapping: mapping,
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
