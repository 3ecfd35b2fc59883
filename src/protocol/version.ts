/**
 * Communication API versions and the compatibility rule both ML-Agents sides apply: the major version must
 * match; for 0.x, major and minor must match. Versions must look like X.Y or X.Y.Z (Python's StrictVersion).
 */
export const COMMUNICATION_API_VERSION = '1.5.0';
/** Reported to the simulation as the trainer's package version (informational only). */
export const SHIVA_PACKAGE_VERSION = '0.1.0';

export type Version = readonly [major: number, minor: number, patch: number];

export function parseVersion(text: string): Version | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** Why `peer` cannot talk to `ours`, or null when it can. */
export function versionIncompatibility(peer: string, ours = COMMUNICATION_API_VERSION): string | null {
  const p = parseVersion(peer);
  const o = parseVersion(ours)!;
  if (!p) return `communication_version: expected a version like X.Y or X.Y.Z, got "${peer}"`;
  if (p[0] !== o[0]) return `communication_version: expected major version ${o[0]} (${ours}), got "${peer}"`;
  if (o[0] === 0 && p[1] !== o[1]) return `communication_version: expected ${o[0]}.${o[1]}.x for a 0.x version, got "${peer}"`;
  return null;
}

export const ALL_CAPABILITIES = {
  baseRLCapabilities: true,
  concatenatedPngObservations: true,
  compressedChannelMapping: true,
  hybridActions: true,
  trainingAnalytics: true,
  variableLengthObservation: true,
  multiAgentGroups: true,
} as const;

export type Capabilities = { -readonly [K in keyof typeof ALL_CAPABILITIES]: boolean };
