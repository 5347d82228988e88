import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';

export interface LocalCertificate {
  key: string;
  cert: string;
}

let cached: Promise<LocalCertificate> | null = null;

/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the openssl CLI (once per test
 * process). @discordjs/voice always connects to `wss://<endpoint>`, as Discord's voice servers
 * only speak TLS, so the fake voice server needs one.
 */
export function localCertificate(): Promise<LocalCertificate> {
  cached ??= makeCertificate();
  return cached;
}

async function makeCertificate(): Promise<LocalCertificate> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-voice-tls-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Makes TLS connections to 127.0.0.1 in this process trust `cert` (and only it), the way
 * NODE_EXTRA_CA_CERTS would if it could be set after start-up. Certificates are still verified,
 * hostname included. Returns the undo function.
 */
export function trustLocalCertificate(cert: string): () => void {
  const original = tls.connect;
  const patched = function (this: unknown, ...args: unknown[]): tls.TLSSocket {
    const options = args.find((a): a is tls.ConnectionOptions => typeof a === 'object' && a !== null);
    if (options && options.host === '127.0.0.1' && options.ca === undefined) options.ca = cert;
    return (original as (...a: unknown[]) => tls.TLSSocket).apply(this, args);
  } as typeof tls.connect;
  tls.connect = patched;
  return () => {
    if (tls.connect === patched) tls.connect = original;
  };
}
