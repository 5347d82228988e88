import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { TypePack } from '../src/shared/editor/type-pack';

export type { TypePack };

/*
 * Builds the type pack the commands editor checks against: everything TypeScript needs to
 * type-check a command file the way `commands/tsconfig.json` does in an IDE, as in-memory files.
 *
 * - `/cmdsys/…`: declarations emitted from the command API (`src/main/runtime/cmdsys/api`, and
 *   the shared files it uses), so `import … from 'cmdsys'` resolves as for the loader;
 * - `/node_modules/…`: the declaration files of the packages those declarations use, and
 *   `@types/node` (the commands tsconfig has `types: ["node"]`), with their package.json;
 * - `/lib.*.d.ts`: TypeScript's own library files for the configured `lib`.
 *
 * Built at build time (a Vite plugin hands it to the editor's worker): nothing is fetched from
 * the network when the panel runs.
 */
const CMDSYS_ROOT = '/cmdsys';
const CMDSYS_ENTRY = `${CMDSYS_ROOT}/main/runtime/cmdsys/api/index.d.ts`;

function fail(diagnostics: readonly ts.Diagnostic[]): never {
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  });
  throw new Error(`building the editor type pack failed:\n${text}`);
}

/** The options of `commands/tsconfig.json` (with what it extends), as TypeScript parses them. */
function commandsOptions(repoRoot: string): ts.CompilerOptions {
  const configFile = path.join(repoRoot, 'commands', 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => fail([d]),
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  if (parsed.errors.length > 0) fail(parsed.errors);
  return parsed.options;
}

/** Keeps the fields of a package.json that module resolution reads. */
function slimPackageJson(text: string): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  const keep = ['name', 'version', 'type', 'main', 'types', 'typings', 'typesVersions', 'exports'];
  return JSON.stringify(Object.fromEntries(keep.filter((k) => k in pkg).map((k) => [k, pkg[k]])));
}

/** Builds the pack from the repository at `repoRoot`. */
export function buildTypePack(repoRoot: string): TypePack {
  const options = commandsOptions(repoRoot);
  const srcRoot = path.join(repoRoot, 'src');
  const apiEntry = path.join(srcRoot, 'main', 'runtime', 'cmdsys', 'api', 'index.ts');
  const files: Record<string, string> = {};

  // 1. declarations of the command API, laid out as in the runtime folder
  const emitOptions: ts.CompilerOptions = {
    ...options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: srcRoot,
    outDir: CMDSYS_ROOT,
    paths: undefined,
    baseUrl: undefined,
  };
  const host = ts.createCompilerHost(emitOptions);
  host.writeFile = (file, text) => {
    files[file.replace(/\\/g, '/')] = text;
  };
  const program = ts.createProgram([apiEntry], emitOptions, host);
  const emitted = program.emit(undefined, undefined, undefined, true);
  if (emitted.emitSkipped || emitted.diagnostics.length > 0) fail(emitted.diagnostics);
  if (!files[CMDSYS_ENTRY]) throw new Error(`the command API declarations have no ${CMDSYS_ENTRY}`);

  // 2. everything else TypeScript loaded: library files and packages' declaration files
  const nodeModules = path.join(repoRoot, 'node_modules') + path.sep;
  const libDir = path.dirname(ts.getDefaultLibFilePath(options)) + path.sep;
  const packageDirs = new Set<string>();
  for (const sf of program.getSourceFiles()) {
    const file = path.resolve(sf.fileName);
    if (file.startsWith(libDir)) {
      files[`/${path.basename(file)}`] = sf.text;
    } else if (file.startsWith(nodeModules) && file.endsWith('.d.ts')) {
      const rel = file.slice(nodeModules.length).split(path.sep);
      files[`/node_modules/${rel.join('/')}`] = sf.text;
      packageDirs.add(rel.slice(0, rel[0]!.startsWith('@') ? 2 : 1).join('/'));
    }
  }
  for (const dir of packageDirs) {
    const pkg = path.join(nodeModules, dir, 'package.json');
    if (existsSync(pkg))
      files[`/node_modules/${dir}/package.json`] = slimPackageJson(readFileSync(pkg, 'utf8'));
  }

  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    baseUrl: undefined,
    pathsBasePath: undefined,
    configFilePath: undefined,
    typeRoots: ['/node_modules/@types'],
    paths: { cmdsys: [CMDSYS_ENTRY] },
  };
  for (const key of Object.keys(compilerOptions))
    if (compilerOptions[key] === undefined) delete compilerOptions[key];
  return { compilerOptions: compilerOptions as Record<string, unknown>, files };
}
