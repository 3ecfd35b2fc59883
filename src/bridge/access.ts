/**
 * Who may use a listener once it is reached (docs/SECURITY.md): the token a connection presents, and for
 * WebSocket upgrades the page Origin a browser sends. Checked before any message is read.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Compares in constant time (over digests, so the length of the token is not leaked either). */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `authorization: Bearer TOKEN` or `shiva-token: TOKEN` (gRPC metadata and HTTP headers alike). */
export function tokenFromHeaders(get: (name: string) => string | undefined): string | undefined {
  const auth = get('authorization');
  const bearer = auth !== undefined ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
  return bearer ?? get('shiva-token');
}

/** The token of a WebSocket upgrade: `?token=` in the URL, or either header. */
export function tokenOfUpgrade(url: URL, headers: IncomingHttpHeaders): string | undefined {
  return url.searchParams.get('token') ?? tokenFromHeaders((name) => headerValue(headers[name]));
}

/**
 * Whether a WebSocket upgrade's Origin may connect. No Origin: not a browser (a stand-in, a native client),
 * allowed. Otherwise the origin must be listed (`*` lists every origin), or, with no list, be the listener's own
 * (a loopback name or address on its port).
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[] | undefined, ownPort: number): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowed && allowed.length > 0) return allowed.includes('*') || allowed.some((a) => sameOrigin(a, parsed));
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  return port === ownPort && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

function sameOrigin(listed: string, origin: URL): boolean {
  try {
    return new URL(listed).origin === origin.origin;
  } catch {
    return false;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
