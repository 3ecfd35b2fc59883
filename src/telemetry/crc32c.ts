/**
 * CRC32C (Castagnoli), the checksum of TensorBoard's TFRecord framing and of Shiva's checkpoint sections.
 * The arithmetic comes from @node-rs/crc32 (SIMD/hardware CRC, prebuilt binaries shipped inside npm
 * packages); this file is the one place that imports it, so a replacement touches nothing else.
 */
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC32C of `bytes` as an unsigned 32-bit integer; `previous` continues a checksum over several chunks. */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  return nativeCrc32c(bytes, previous) >>> 0;
}

// TFRecord stores CRCs masked, because a CRC of data that itself holds CRCs is weak (TensorFlow's crc32c.h).
const MASK_DELTA = 0xa282ead8;

/** Rotate right by 15 bits and add a constant, mod 2^32. */
export function maskCrc32c(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** The inverse of maskCrc32c. */
export function unmaskCrc32c(masked: number): number {
  const rotated = (masked - MASK_DELTA) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}

/** The masked CRC32C TFRecord writes after a record's length and after its data. */
export function maskedCrc32c(bytes: Uint8Array): number {
  return maskCrc32c(crc32c(bytes));
}

/** `0x` and eight hex digits, for error messages. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
