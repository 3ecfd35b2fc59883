/**
 * The listener flags of the commands that open the bridge (`shiva train`, `shiva probe`): where to listen, and
 * what a listener off loopback needs (docs/SECURITY.md): --allow-remote, a token (--token, SHIVA_TOKEN, or one
 * generated and printed once), TLS (--tls-cert, --tls-key), or an explicit --insecure-no-token.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { ListenOptions } from '../bridge/bridge-options.js';
import { checkBind } from '../bridge/listen.js';
import { ShivaError } from '../core/errors.js';

export interface ListenFlags {
  host?: string;
  allowRemote?: boolean;
  token?: string;
  insecureNoToken?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

/** The environment variable a token may come from (and that launched stand-ins read). */
export const TOKEN_ENV_VAR = 'SHIVA_TOKEN';

/** The help of the listener flags, the same on every command that has them. */
export const LISTEN_HELP = {
  allowRemote: 'allow a --host that is not loopback (checked by the addresses it resolves to); listeners off loopback then need a token: --token, SHIVA_TOKEN, or one generated and printed once (docs/SECURITY.md)',
  token: `the secret every connection must present (gRPC metadata "authorization: Bearer TOKEN"; WebSocket ?token=TOKEN); default: ${TOKEN_ENV_VAR}`,
  insecureNoToken: 'with --allow-remote: accept gRPC calls WITHOUT a token (a stock Unity player cannot send one): anyone who reaches the port can drive the trainer; only on a network you trust',
  tlsCert: 'serve TLS with this PEM certificate (chain); needs --tls-key',
  tlsKey: 'the PEM private key of --tls-cert',
} as const;

/**
 * The listen options for the bridge from the flags: the bind checked first (by resolution; SHIVA_ERR_BIND
 * before anything starts), the TLS files read and checked, and the token settled. A token generated here is
 * printed once through `print`; off loopback the token is put in SHIVA_TOKEN for the stand-ins the command launches.
 */
export async function listenFromFlags(flags: ListenFlags, what: string, print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<ListenOptions> {
  const host = flags.host ?? 'localhost';
  if (flags.token !== undefined && flags.token.trim() === '') throw new ShivaError('SHIVA_ERR_USAGE', `${what}: --token: expected a non-empty secret, got ""`);
  // The token is settled below, so only --allow-remote is asked about here.
  const { remote } = await checkBind(host, { ...(flags.allowRemote ? { allowRemote: true } : {}), insecureNoToken: true }, what);
  // --token is enforced wherever it is given; SHIVA_TOKEN only off loopback (a token left in the environment must
  // not lock the Editor out of a trainer on localhost).
  let token = flags.token ?? (remote ? env[TOKEN_ENV_VAR] || undefined : undefined);
  if (token !== undefined && flags.insecureNoToken) {
    throw new ShivaError('SHIVA_ERR_USAGE', `${what}: --insecure-no-token: expected no token beside it, got one (${flags.token !== undefined ? '--token' : TOKEN_ENV_VAR}); drop one of them`);
  }
  const tls = readTls(flags, what);
  if (remote && token === undefined && !flags.insecureNoToken) {
    token = randomBytes(24).toString('base64url');
    print(
      `${what}: listeners off loopback need a token; this run's (printed once, stored nowhere): ${token}\n` +
        '  gRPC clients send it on every call as metadata "authorization: Bearer TOKEN" (or "shiva-token: TOKEN");\n' +
        '  WebSocket clients add ?token=TOKEN to the URL. A stock Unity ML-Agents player cannot send it: connect it\n' +
        '  through an SSH tunnel or a proxy that adds it (docs/SECURITY.md).\n',
    );
  }
  // The stand-ins the command launches read it from there.
  if (remote && token !== undefined) env[TOKEN_ENV_VAR] = token;
  if (remote && flags.insecureNoToken) print(`${what}: WARNING: --insecure-no-token: the listeners on ${host} accept calls without a token; anyone who reaches them can drive the trainer and feed it data\n`);
  else if (remote && !tls) print(`${what}: warning: the listeners on ${host} have no TLS (--tls-cert, --tls-key): the token travels in clear text\n`);
  return {
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    ...(flags.allowRemote ? { allowRemote: true } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(flags.insecureNoToken ? { insecureNoToken: true } : {}),
    ...(tls ? { tls } : {}),
  };
}

function readTls(flags: ListenFlags, what: string): { cert: Buffer; key: Buffer } | null {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return null;
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    throw new ShivaError('SHIVA_ERR_USAGE', `${what}: ${flags.tlsCert === undefined ? '--tls-cert' : '--tls-key'}: expected it beside ${flags.tlsCert === undefined ? '--tls-key' : '--tls-cert'} (TLS needs a certificate and its key), got nothing`);
  }
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ShivaError('SHIVA_ERR_USAGE', `${what}: ${flag}: expected a readable PEM file, got "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
  };
  const tls = { cert: read('--tls-cert', flags.tlsCert), key: read('--tls-key', flags.tlsKey) };
  try {
    createSecureContext(tls);
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_USAGE', `${what}: --tls-cert/--tls-key: expected a PEM certificate and its private key, got files that do not make one ("${flags.tlsCert}", "${flags.tlsKey}": ${(error as Error).message})`, { cause: error });
  }
  return tls;
}
