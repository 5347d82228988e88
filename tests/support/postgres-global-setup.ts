// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (each test engine works
// in a schema of its own), stopped at the end. Tests read it with inject('postgres').
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster';

/** Null when the server answers, else why not. */
async function unreachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return `the PostgreSQL server does not answer (${(err as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL, or null with the reason it could not be had. */
    postgres: { url: string | null; reason: string | null };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  const reason = cluster.url === null ? cluster.reason : await unreachable(cluster.url);
  if (cluster.url === null || reason !== null) {
    if (cluster.url !== null) cluster.stop();
    // CI installs PostgreSQL: there a missing server is a failure, not a skip
    if (process.env.PROTOS_PG_REQUIRED === '1')
      throw new Error(`PostgreSQL is required (PROTOS_PG_REQUIRED=1) but unavailable: ${reason}`);
    console.warn(`\n[postgres] PostgreSQL tests will be SKIPPED: ${reason}\n`);
    project.provide('postgres', { url: null, reason });
    return () => undefined;
  }
  project.provide('postgres', { url: cluster.url, reason: null });
  return () => cluster.stop();
}
