/**
 * What a page Shiva serves sends and checks (docs/SECURITY.md), for the human-recording page and the dashboard: a
 * Content-Security-Policy that lets only the page's own script and style run (inline ones by their hashes, or files
 * from its own origin: selfServedPolicy) and connect only back to where it came from, no framing (X-Frame-Options: DENY,
 * frame-ancestors 'none'), no MIME sniffing, no referrer; and a Host check, so that a site that rebinds its own
 * name to 127.0.0.1 (DNS rebinding) is refused before anything is served.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Host values a loopback page on `port` answers to (its loopback names on that port, lower case). */
export function loopbackHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** True when the request's Host header is one of `allowed` (compared in lower case; a missing Host is refused). */
export function hostAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowed.has(host.toLowerCase());
}

/** "sha256-…" of every inline <script> and <style> element of `html`, as a CSP source list needs them. */
export function inlineHashes(html: string, element: 'script' | 'style'): string[] {
  const pattern = new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, 'g');
  return [...html.matchAll(pattern)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

/**
 * The policy of a self-contained page: nothing loads from anywhere (no external resources), only its own inline
 * script and style run, and it may connect to its own origin and to `connect` (e.g. its WebSocket URLs).
 */
export function contentSecurityPolicy(html: string, connect: readonly string[] = []): string {
  const scripts = inlineHashes(html, 'script');
  const styles = inlineHashes(html, 'style');
  return [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.join(' ') : "'none'"}`,
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    `connect-src 'self' ${connect.join(' ')}`.trimEnd(),
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of a page whose scripts and styles are files it serves itself (the dashboard): scripts and styles
 * from its own origin only, no inline script or style, no eval; it connects to its own origin alone.
 */
export function selfServedPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every response of such a page carries (the CSP only where it is given: HTML). */
export function securityHeaders(csp?: string): Record<string, string> {
  return {
    ...(csp ? { 'content-security-policy': csp } : {}),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** 421 Misdirected Request for a Host the page does not serve (the page is not shown to another site's name). */
export function refuseHost(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() });
  res.end(`refused: the Host header is not this page's address (open it at its loopback address)${req.headers.host === undefined ? '; none was sent' : ''}\n`);
}
