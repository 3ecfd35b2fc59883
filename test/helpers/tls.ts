/**
 * Throwaway TLS material for tests: a self-signed certificate made with the system's openssl (node:crypto cannot
 * make X.509 by itself). Tests that need it skip, with the reason, where openssl is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * A P-256 certificate for "localhost", 127.0.0.1, ::1 and `extraIps`, valid for two days, in a temporary folder
 * removed at exit; or the reason it could not be made.
 */
export function selfSignedCertificate(extraIps: readonly string[] = []): TestCertificate | string {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-tls-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const san = ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1', ...extraIps.map((ip) => `IP:${ip}`)].join(',');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost', '-addext', `subjectAltName=${san}`],
    { encoding: 'utf8' },
  );
  if (made.error) return `openssl is not available to make a test certificate (${(made.error as NodeJS.ErrnoException).code ?? made.error.message})`;
  if (made.status !== 0) return `openssl could not make a test certificate: ${made.stderr.trim().split('\n').pop()}`;
  return { cert: readFileSync(certFile), key: readFileSync(keyFile), certFile, keyFile };
}
