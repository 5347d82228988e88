// Runs every bench/*.bench.ts in its own Node process (`npm run bench`), or one of them
// (`npm run bench -- --only NAME`). A bench may ask for Node flags with a first-line comment
// `// node-flags: --expose-gc`. Each bench writes bench/results/NAME.json itself.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const dir = import.meta.dirname;
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
let failed = 0;
for (const name of selected) {
  const file = path.join(dir, `${name}.bench.ts`);
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^\/\/ node-flags: (.*)$/.exec(firstLine)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  console.log(`# ${name}`);
  const result = spawnSync(process.execPath, [...flags, '--import', 'tsx', file], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`# ${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
