/**
 * Side-channel ids: GUIDs written as 16 bytes in .NET `Guid.ToByteArray()` order, which is Python's
 * `uuid.UUID.bytes_le`: the first three groups (4, 2 and 2 bytes) little-endian, the last 8 bytes as written.
 */
import { ShivaError } from '../core/errors.js';

/** Unity's EngineConfigurationChannel (trainer → simulation). */
export const ENGINE_CONFIGURATION_CHANNEL_ID = 'e951342c-4f7e-11ea-b238-784f4387d1f7';
/** Unity's EnvironmentParametersChannel (trainer → simulation). */
export const ENVIRONMENT_PARAMETERS_CHANNEL_ID = '534c891e-810f-11ea-a9d0-822485860400';
/** Unity's StatsSideChannel (simulation → trainer); uuid5(URL, "com.unity.ml-agents/StatsSideChannel"). */
export const STATS_CHANNEL_ID = 'a1d8f7b7-cec8-50f9-b78b-d3e165a78520';
/** Unity's TrainingAnalyticsSideChannel (trainer → simulation); uuid5(URL, "com.unity.ml-agents/TrainingAnalyticsSideChannel"). */
export const TRAINING_ANALYTICS_CHANNEL_ID = 'b664a4a9-d86f-5a5f-95cb-e8353a7e8356';
/** The legacy FloatPropertiesChannel; registered by default on neither side. */
export const FLOAT_PROPERTIES_CHANNEL_ID = '60ccf7d0-4f7e-11ea-b238-784f4387d1f7';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Byte i of the wire form holds the hex digit pair starting at HEX_POSITION[i] of the dashed text. */
const HEX_POSITION = [6, 4, 2, 0, 11, 9, 16, 14, 19, 21, 24, 26, 28, 30, 32, 34];

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** True for a dashed 36-character GUID (either case). */
export function isGuid(text: string): boolean {
  return GUID_PATTERN.test(text);
}

/** Lower-cases and checks a GUID; `where` names the caller for the error. */
export function normalizeGuid(guid: string, where = 'side channel id'): string {
  if (!GUID_PATTERN.test(guid)) {
    throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `${where}: expected a GUID like "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", got ${JSON.stringify(guid)}`);
  }
  return guid.toLowerCase();
}

/** The 16 wire bytes of a GUID, in .NET Guid.ToByteArray order. */
export function guidToBytes(guid: string): Uint8Array {
  const text = normalizeGuid(guid);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const at = HEX_POSITION[i]!;
    bytes[i] = parseInt(text.slice(at, at + 2), 16);
  }
  return bytes;
}

/** The lower-case dashed GUID whose wire form is bytes[offset .. offset+16). */
export function bytesToGuid(bytes: Uint8Array, offset = 0): string {
  if (!Number.isInteger(offset) || offset < 0 || offset + 16 > bytes.length) {
    throw new ShivaError('SHIVA_ERR_SIDE_CHANNEL', `GUID at byte ${offset}: expected 16 bytes, got ${Math.max(0, bytes.length - offset)}`);
  }
  const h = (i: number): string => HEX[bytes[offset + i]!]!;
  return `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}
