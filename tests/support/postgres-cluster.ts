// A throwaway PostgreSQL cluster for tests and benches: initdb + pg_ctl in a temp dir, listening
// on a free 127.0.0.1 port only, run as an unprivileged user (initdb refuses root: under uid 0
// the cluster runs as `postgres`, created when missing). PROTOS_PG_URL points at an existing
// server instead. When neither works the caller gets the reason, to skip loudly.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Cluster =
  | {
      url: string;
      stop: () => void;
      /** Stops and starts the server on the same data (a cluster of our own only; null for PROTOS_PG_URL). */
      outage: { down: () => void; up: () => void } | null;
    }
  | { url: null; reason: string };

const RUN_AS = 'postgres';

/** The bin dir of the newest installed PostgreSQL (Debian keeps it off PATH), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return null;
  }
  const found = versions
    .filter(
      (v) =>
        existsSync(path.join(root, v, 'bin', 'pg_ctl')) && existsSync(path.join(root, v, 'bin', 'initdb')),
    )
    .sort((a, b) => Number(b) - Number(a));
  return found.length ? path.join(root, found[0]!, 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function userIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Starts a cluster (or uses PROTOS_PG_URL). Never throws: a failure comes back as the reason. */
export async function startPostgresCluster(): Promise<Cluster> {
  const external = process.env.PROTOS_PG_URL;
  if (external) return { url: external, stop: () => undefined, outage: null };
  const bin = postgresBinDir();
  if (bin === null)
    return {
      url: null,
      reason:
        'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql) and PROTOS_PG_URL is not set',
    };
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    owner = userIds(RUN_AS);
    if (owner === null) {
      try {
        execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS]);
      } catch (err) {
        return {
          url: null,
          reason: `cannot create the unprivileged user ${RUN_AS}: ${(err as Error).message}`,
        };
      }
      owner = userIds(RUN_AS);
      if (owner === null) return { url: null, reason: `user ${RUN_AS} missing after useradd` };
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-pg-'));
  const data = path.join(dir, 'data');
  const run = (cmd: string, args: string[]): void => {
    const file = path.join(bin, cmd);
    if (asRoot) execFileSync('runuser', ['-u', RUN_AS, '--', file, ...args], { stdio: 'pipe', cwd: dir });
    else execFileSync(file, args, { stdio: 'pipe', cwd: dir });
  };
  try {
    if (owner !== null) {
      chownSync(dir, owner.uid, owner.gid);
      chmodSync(dir, 0o700);
    }
    run('initdb', ['-D', data, '-U', 'protos', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // fsync off: the tests kill clients, never the server; max_connections for parallel test files
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=200`;
    const up = (): void =>
      run('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '30',
        'start',
      ]);
    up();
    const stop = (): void => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    };
    const down = (): void => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    return { url: `postgres://protos@127.0.0.1:${port}/postgres`, stop, outage: { down, up } };
  } catch (err) {
    const e = err as Error & { stderr?: Buffer };
    const detail = e.stderr?.toString().trim() || e.message;
    rmSync(dir, { recursive: true, force: true });
    return { url: null, reason: `could not start a throwaway PostgreSQL cluster: ${detail}` };
  }
}
