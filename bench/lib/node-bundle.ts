import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `entry` (a path inside the repository at `root`) to `bench/results/.build/NAME.mjs`
 * for a Node process of its own: packages external, resolved from the repository's node_modules
 * (hence written inside it), CommonJS dependencies given a `require`. Returns the bundle's path.
 */
export async function bundleForNode(root: string, entry: string, name: string): Promise<string> {
  const outfile = path.join(root, 'bench', 'results', '.build', `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    banner: {
      js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(path.join(root, 'package.json'))});`,
    },
  });
  return outfile;
}

/** The runtime process as it ships, for benches that start real runtimes; returns its path. */
export function buildRuntimeHost(root: string): Promise<string> {
  return bundleForNode(root, 'src/main/runtime-host/main.ts', 'runtime-host');
}
