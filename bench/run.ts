// Runs every bench/*.bench.ts in its own Node process (`npm run bench`), or some of them
// (`npm run bench -- --only NAME`, repeatable). Each bench is bundled with esbuild first, as the
// app is for production (packages stay external), so what is measured is the shipped code shape,
// not a development loader's. A bench may ask for Node flags with a first-line comment
// `// node-flags: --expose-gc`. Each bench writes bench/results/NAME.json itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const dir = import.meta.dirname;
const outDir = path.join(dir, 'results', '.build');
const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } }, strict: true });
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const only = values.only ?? [];
const unknown = only.filter((n) => !all.includes(n));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
const selected = only.length ? only : all;
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const name of selected) {
  const file = path.join(dir, `${name}.bench.ts`);
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^\/\/ node-flags: (.*)$/.exec(firstLine)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  const bundled = path.join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [file],
    outfile: bundled,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM need a `require`
    banner: {
      js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(file)});`,
    },
  });
  console.log(`# ${name}`);
  const result = spawnSync(process.execPath, [...flags, '--enable-source-maps', bundled], {
    stdio: 'inherit',
    cwd: path.dirname(dir),
  });
  if (result.status !== 0) {
    failed++;
    console.error(`# ${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
