/**
 * PNG pieces of visual observations: splitting ML-Agents' concatenated PNG files, decoding one to RGB bytes and
 * encoding RGB bytes as one (pngjs does the codec).
 */
import { PNG } from 'pngjs';
import { ShivaError } from '../core/errors.js';

export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Index of the next PNG signature at or after `from`, or -1. */
function findSignature(bytes: Uint8Array, from: number): number {
  const last = bytes.length - PNG_SIGNATURE.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < PNG_SIGNATURE.length; j++) {
      if (bytes[i + j] !== PNG_SIGNATURE[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * The PNG files in `bytes`. Each file runs from its signature to the end of its IEND chunk (walking the chunks,
 * so a signature-like run inside compressed data cannot split a file); as in mlagents_envs, the next file is the
 * next signature after that.
 */
export function splitPngFiles(bytes: Uint8Array, where: string): Uint8Array[] {
  const files: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = findSignature(bytes, 0);
  if (start !== 0) {
    throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: compressed_data: expected a PNG signature at byte 0, got ${start < 0 ? 'none anywhere' : `the first at byte ${start}`}`);
  }
  while (start >= 0) {
    let at = start + PNG_SIGNATURE.length;
    for (;;) {
      if (at + 8 > bytes.length) {
        throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: compressed_data: PNG file ${files.length} (from byte ${start}) is truncated before its IEND chunk at byte ${at}`);
      }
      const length = view.getUint32(at);
      const isEnd = bytes[at + 4] === 0x49 && bytes[at + 5] === 0x45 && bytes[at + 6] === 0x4e && bytes[at + 7] === 0x44; // "IEND"
      at += 12 + length;
      if (at > bytes.length) {
        throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: compressed_data: PNG file ${files.length} (from byte ${start}) has a chunk running past the end (${at} > ${bytes.length} bytes)`);
      }
      if (isEnd) break;
    }
    files.push(bytes.subarray(start, at));
    start = findSignature(bytes, at);
  }
  return files;
}

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** Row-major pixels, 3 bytes (R, G, B) each. */
  readonly rgb: Uint8Array;
}

/** Decodes one PNG file to RGB (any alpha is dropped; grayscale files come out as R = G = B). */
export function decodePngRgb(file: Uint8Array, where: string): RgbImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: not a decodable PNG file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { width, height, data } = png;
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    rgb[p] = data[q]!;
    rgb[p + 1] = data[q + 1]!;
    rgb[p + 2] = data[q + 2]!;
  }
  return { width, height, rgb };
}

/** One 8-bit RGB (colorType 2) PNG file. */
export function encodePngRgb(image: RgbImage): Uint8Array {
  // Dimensions set after construction: PNG's constructor would otherwise allocate an unused RGBA buffer.
  const png = new PNG();
  png.width = image.width;
  png.height = image.height;
  png.data = Buffer.from(image.rgb.buffer, image.rgb.byteOffset, image.rgb.byteLength);
  return new Uint8Array(PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false }));
}
