// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (each test engine works
// in a schema of its own), stopped at the end. Tests read it with inject('postgres').
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL, or null with the reason it could not be had. */
    postgres: { url: string | null; reason: string | null };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  if (cluster.url === null) {
    console.warn(`\n[postgres] PostgreSQL tests will be SKIPPED: ${cluster.reason}\n`);
    project.provide('postgres', { url: null, reason: cluster.reason });
    return () => undefined;
  }
  project.provide('postgres', { url: cluster.url, reason: null });
  return () => cluster.stop();
}
