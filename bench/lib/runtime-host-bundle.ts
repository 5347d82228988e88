import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the runtime process as it ships (packages external, resolved from the repository's
 * node_modules, hence written inside it) for benches that start real runtimes; returns its path.
 */
export async function buildRuntimeHost(root: string): Promise<string> {
  const entry = path.join(root, 'bench', 'results', '.build', 'runtime-host.mjs');
  await build({
    entryPoints: [path.join(root, 'src/main/runtime-host/main.ts')],
    outfile: entry,
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
  return entry;
}
