/**
 * PNG pieces of visual observations: splitting ML-Agents' concatenated PNG files, decoding one to RGB bytes and
 * encoding RGB bytes as one (pngjs does the codec).
 */
import { PNG } from 'pngjs';
import { ShivaError } from '../core/errors.js';
import { PROTOCOL_LIMITS } from './limits.js';

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

/** What a PNG file's IHDR chunk declares: read before decoding, since a file of a few KB can declare gigapixels. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlace: number;
}

/** Samples per pixel of each PNG colour type (0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA). */
const SAMPLES: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * The IHDR header of one PNG file: the 8-byte signature, then the first chunk, which must be IHDR (13 bytes:
 * width, height, bit depth, colour type, compression, filter, interlace). Refuses a file without one, and an
 * interlaced file (Unity never writes one; pngjs inflates those without an output limit).
 */
export function readPngHeader(file: Uint8Array, where: string): PngHeader {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const isIhdr = file.length >= 33 && view.getUint32(8) === 13 && file[12] === 0x49 && file[13] === 0x48 && file[14] === 0x44 && file[15] === 0x52;
  if (!isIhdr) {
    throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: expected an IHDR chunk of 13 bytes right after the PNG signature, got ${file.length < 16 ? `a file of ${file.length} bytes` : `a chunk "${String.fromCharCode(file[12]!, file[13]!, file[14]!, file[15]!).replace(/[^\x20-\x7e]/g, '?')}" of ${view.getUint32(8)} bytes`}`);
  }
  const header: PngHeader = { width: view.getUint32(16), height: view.getUint32(20), bitDepth: file[24]!, colorType: file[25]!, interlace: file[28]! };
  if (header.width < 1 || header.height < 1) {
    throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: IHDR width × height: expected at least 1 × 1, got ${header.width} × ${header.height}`);
  }
  if (SAMPLES[header.colorType] === undefined || ![1, 2, 4, 8, 16].includes(header.bitDepth)) {
    throw new ShivaError('SHIVA_ERR_OBSERVATION', `${where}: IHDR colour type ${header.colorType} with bit depth ${header.bitDepth}: expected colour type 0, 2, 3, 4 or 6 and bit depth 1, 2, 4, 8 or 16`);
  }
  if (header.interlace !== 0) {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_LIMIT', `${where}: IHDR interlace method ${header.interlace}: expected 0 (none, as Unity writes PNG observations); an interlaced image's decoded size is not bounded before inflating, so Shiva refuses it`);
  }
  return header;
}

/**
 * Bytes that decoding a PNG of this header takes at its peak (pngjs: the inflated rows and their unfiltered copy,
 * the bitmap, the RGBA result; then our RGB copy).
 */
export function pngDecodeBytes(header: PngHeader): number {
  const rowBytes = Math.ceil((header.width * SAMPLES[header.colorType]! * header.bitDepth) / 8) + 1;
  const pixels = header.width * header.height;
  return 2 * rowBytes * header.height + pixels * (4 * (header.bitDepth === 16 ? 2 : 1) + 4 + 3);
}

/**
 * Decodes one PNG file to RGB (any alpha is dropped; grayscale files come out as R = G = B). Its header is checked
 * first: at most PROTOCOL_LIMITS.observationElements pixels, not interlaced.
 */
export function decodePngRgb(file: Uint8Array, where: string): RgbImage {
  const header = readPngHeader(file, where);
  if (header.width * header.height > PROTOCOL_LIMITS.observationElements.max) {
    throw new ShivaError('SHIVA_ERR_PROTOCOL_LIMIT', `${where}: IHDR width × height: expected at most ${PROTOCOL_LIMITS.observationElements.max} pixels, got ${header.width} × ${header.height}; not decoded`);
  }
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
