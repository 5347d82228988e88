import path from 'node:path';
import { build, type BuildFailure, type Message, type Metafile } from 'esbuild';
import type { LoadFailure } from './load-error';

export interface BundledFile {
  /** File relative to the commands dir (posix separators). */
  file: string;
  /** One CommonJS chunk with an inline source map; `require('cmdsys')` is left for the loader. */
  code: string;
  /** Absolute paths of every source file bundled into it (the file and its relative imports). */
  inputs: string[];
}

export type BundleOutcome = { ok: true; bundle: BundledFile } | { ok: false; failure: LoadFailure };

const toPosix = (p: string): string => p.split(path.sep).join('/');

function failureOf(file: string, messages: Message[], fallback: string): LoadFailure {
  const first = messages[0];
  if (!first) return { file, line: null, column: null, message: fallback };
  const loc = first.location;
  const where = loc ? toPosix(loc.file) : file;
  const inOther = loc && where !== file ? ` (in ${where})` : '';
  return {
    file,
    line: loc && !inOther ? loc.line : null,
    column: loc && !inOther ? loc.column + 1 : null,
    message: `${first.text}${inOther}${loc && inOther ? `:${loc.line}:${loc.column + 1}` : ''}`,
  };
}

async function esbuildOnce(commandsDir: string, files: string[]) {
  return build({
    absWorkingDir: commandsDir,
    entryPoints: files,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: ['cmdsys'],
    sourcemap: 'inline',
    sourcesContent: false,
    // modules are strict code; CommonJS output would otherwise be sloppy, where writing to a
    // protected built-in (see guards/intrinsics.ts) fails silently instead of with an error
    banner: { js: '"use strict";' },
    write: false,
    // Output paths mirror the sources so the source map's relative paths resolve to the real files.
    outdir: commandsDir,
    outbase: commandsDir,
    metafile: true,
    logLevel: 'silent',
    charset: 'utf8',
  });
}

function outcomesFrom(
  commandsDir: string,
  outputFiles: { path: string; text: string }[],
  metafile: Metafile,
): Map<string, BundleOutcome> {
  const result = new Map<string, BundleOutcome>();
  const codeByPath = new Map(outputFiles.map((o) => [path.resolve(o.path), o.text]));
  for (const [outPath, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const file = toPosix(output.entryPoint);
    const code = codeByPath.get(path.resolve(commandsDir, outPath));
    if (code === undefined) continue;
    const inputs = Object.keys(output.inputs).map((p) => path.resolve(commandsDir, p));
    result.set(file, { ok: true, bundle: { file, code, inputs } });
  }
  return result;
}

/**
 * Bundles command files (relative imports included, packages external) with esbuild. One build
 * for all files; if it fails, each file is built alone so one broken file cannot hide the rest.
 */
export async function bundleCommandFiles(
  commandsDir: string,
  files: string[],
): Promise<Map<string, BundleOutcome>> {
  if (files.length === 0) return new Map();
  try {
    const result = await esbuildOnce(commandsDir, files);
    return outcomesFrom(commandsDir, result.outputFiles, result.metafile);
  } catch (err) {
    if (files.length === 1) {
      const failure = err as Partial<BuildFailure>;
      return new Map([
        [files[0]!, { ok: false, failure: failureOf(files[0]!, failure.errors ?? [], String(err)) }],
      ]);
    }
    const outcomes = await Promise.all(files.map((f) => bundleCommandFiles(commandsDir, [f])));
    return new Map(outcomes.flatMap((m) => [...m.entries()]));
  }
}
