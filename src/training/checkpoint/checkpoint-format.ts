/**
 * What a checkpoint holds, and its file layout (format version 1). All integers little-endian.
 *
 *   offset  bytes  field
 *   0       8      magic "SHIVACKP"
 *   8       4      uint32 format version (1)
 *   12      4      uint32 byte length T of the section table
 *   16      4      uint32 CRC32C of the section table
 *   20      4      uint32 CRC32C of bytes 0..19 (the header above)
 *   24      T      section table: UTF-8 JSON {"sections":[{name, kind, byteLength, crc32c, shape?}, ...]}
 *   24+T    ...    the sections' bytes, in table order, back to back, nothing after the last one
 *
 * The first section is always "meta" (kind "json": UTF-8 JSON); every other is a tensor (kind "float32",
 * little-endian IEEE floats, with its shape). Every byte of the file is under exactly one CRC32C, so a flipped
 * byte anywhere is caught, and the lengths say exactly where the file must end, so truncation is too.
 */

export const CHECKPOINT_MAGIC = 'SHIVACKP';
export const CHECKPOINT_FORMAT_VERSION = 1;
export const HEADER_BYTES = 24;
export const META_SECTION = 'meta';
/** The extension of checkpoint files; temp files add TEMP_SUFFIX while they are written. */
export const CHECKPOINT_EXTENSION = '.ckpt';
export const TEMP_SUFFIX = '.tmp';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The JSON part: the counters every checkpoint has, plus whatever else the trainer keeps (config, RNG state,
 * learning-rate schedule position, normaliser counts). Numbers must be finite: JSON has no NaN.
 */
export interface CheckpointMeta {
  readonly behavior: string;
  /** Environment steps taken for this behavior. */
  readonly step: number;
  /** Episodes finished. */
  readonly episodes: number;
  readonly [key: string]: JsonValue;
}

/** A named array of float32 values with its shape (`[]` for a scalar, which has one value). */
export interface CheckpointTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * A whole checkpoint. Tensor names are free-form paths, by convention "policy/…", "value/…",
 * "optimizer/…", "normalizer/…"; their order in the file is the record's insertion order.
 */
export interface Checkpoint {
  readonly meta: CheckpointMeta;
  readonly tensors: Readonly<Record<string, CheckpointTensor>>;
}

/** One entry of the section table. */
export interface SectionEntry {
  readonly name: string;
  readonly kind: 'json' | 'float32';
  readonly byteLength: number;
  readonly crc32c: number;
  /** float32 only. */
  readonly shape?: readonly number[];
}

/** The number of values a shape holds (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Checkpoints are little-endian on disk; typed arrays use the host's order, which is little on all of Node's targets but checked anyway. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
