/**
 * Side-channel payload primitives, as ML-Agents' OutgoingMessage / IncomingMessage (C# BinaryWriter) lay them
 * out, all little-endian: bool 1 byte, int32, float32, string = int32 byte length + ASCII bytes, float list =
 * int32 count + float32 × count.
 */
import { ShivaError } from '../../core/errors.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Builds one side-channel payload. */
export class OutgoingMessage {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  /** `where` names the channel and field for errors, e.g. "EnvironmentParameters key". */
  constructor(private readonly where = 'side-channel message') {}

  writeBool(value: boolean): this {
    this.reserve(1);
    this.buffer[this.length++] = value ? 1 : 0;
    return this;
  }

  writeInt32(value: number): this {
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${this.where}: expected an int32, got ${value}`);
    }
    this.reserve(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
    return this;
  }

  writeFloat32(value: number): this {
    this.reserve(4);
    this.view.setFloat32(this.length, value, true);
    this.length += 4;
    return this;
  }

  /** int32 byte length, then the ASCII bytes; ML-Agents encodes strings as ASCII, so anything else is refused. */
  writeString(value: string): this {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code > 0x7f) {
        throw new ShivaError(
          'SHIVA_ERR_SIDE_CHANNEL',
          `${this.where}: side-channel strings must be ASCII; ${JSON.stringify(value)} has ${JSON.stringify(value[i])} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at index ${i}`,
        );
      }
    }
    this.writeInt32(value.length);
    this.reserve(value.length);
    for (let i = 0; i < value.length; i++) this.buffer[this.length++] = value.charCodeAt(i);
    return this;
  }

  /** int32 count, then float32 × count. */
  writeFloatList(values: ArrayLike<number>): this {
    this.writeInt32(values.length);
    this.reserve(4 * values.length);
    for (let i = 0; i < values.length; i++) {
      this.view.setFloat32(this.length, values[i]!, true);
      this.length += 4;
    }
    return this;
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/**
 * Reads one side-channel payload. Like ML-Agents' readers, each read returns its default once the whole payload
 * has been consumed; a value cut off part way is an error.
 */
export class IncomingMessage {
  private readonly view: DataView;
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly where = 'side-channel message',
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  get atEnd(): boolean {
    return this.offset >= this.bytes.length;
  }

  readBool(defaultValue = false): boolean {
    if (this.atEnd) return defaultValue;
    return this.bytes[this.offset++] !== 0;
  }

  readInt32(defaultValue = 0): number {
    if (this.atEnd) return defaultValue;
    this.need(4, 'int32');
    const value = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return value;
  }

  readFloat32(defaultValue = 0): number {
    if (this.atEnd) return defaultValue;
    this.need(4, 'float32');
    const value = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return value;
  }

  readString(defaultValue = ''): string {
    if (this.atEnd) return defaultValue;
    const length = this.readInt32();
    if (length < 0) this.fail(`string length ${length}`, 'a length ≥ 0');
    this.need(length, 'string bytes');
    let text = '';
    for (let i = 0; i < length; i++) {
      const byte = this.bytes[this.offset + i]!;
      if (byte > 0x7f) this.fail(`byte 0x${byte.toString(16)} at string index ${i}`, 'ASCII');
      text += String.fromCharCode(byte);
    }
    this.offset += length;
    return text;
  }

  readFloatList(defaultValue: readonly number[] = []): number[] {
    if (this.atEnd) return [...defaultValue];
    const count = this.readInt32();
    if (count < 0) this.fail(`float list count ${count}`, 'a count ≥ 0');
    this.need(4 * count, `float list of ${count}`);
    const values = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      values[i] = this.view.getFloat32(this.offset, true);
      this.offset += 4;
    }
    return values;
  }

  private need(bytes: number, what: string): void {
    if (this.remaining < bytes) this.fail(`${this.remaining} bytes for ${what}`, `${bytes} bytes`);
  }

  private fail(got: string, expected: string): never {
    throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${this.where}: at payload byte ${this.offset} expected ${expected}, got ${got}`);
  }
}
