import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VirtualTypeScriptEnvironment } from '@typescript/vfs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTypePack } from '../../scripts/editor-types';
import { createCommandsEnv, typeErrorsOf } from '../../src/renderer/features/commands/types/commands-env';
import { commandPath, type TypePack } from '../../src/shared/editor/type-pack';

const repo = path.resolve(__dirname, '..', '..');
let pack: TypePack;
let env: VirtualTypeScriptEnvironment;

beforeAll(() => {
  pack = buildTypePack(repo);
  env = createCommandsEnv(pack);
});

const HEAD = `import { Command, StringArgument, type ArgsOf } from 'cmdsys';\n`;

describe('the commands editor type pack', () => {
  it('holds the cmdsys declarations, TypeScript lib files and @types/node, and no absolute host paths', () => {
    const files = Object.keys(pack.files);
    expect(files).toContain('/cmdsys/main/runtime/cmdsys/api/index.d.ts');
    expect(files).toContain('/lib.es2023.d.ts');
    expect(files.some((f) => f.startsWith('/node_modules/@types/node/'))).toBe(true);
    expect(
      files.every(
        (f) => f.startsWith('/cmdsys/') || f.startsWith('/node_modules/') || /^\/lib\.[\w.]+\.d\.ts$/.test(f),
      ),
    ).toBe(true);
    expect(JSON.stringify(pack)).not.toContain(repo);
    expect(pack.compilerOptions).toMatchObject({
      strict: true,
      noUncheckedIndexedAccess: true,
      types: ['node'],
    });
  });

  it('type-checks every example command in commands/ without errors, as the IDE does', () => {
    const examples = readdirSync(path.join(repo, 'commands')).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    expect(examples.length).toBeGreaterThan(3);
    for (const file of examples) {
      const code = readFileSync(path.join(repo, 'commands', file), 'utf8');
      expect({ file, errors: typeErrorsOf(env, commandPath(file), code) }).toEqual({ file, errors: [] });
    }
  });

  it('reports a type error against the command API at its line and column', () => {
    const code = `${HEAD}export class Bad extends Command {\n  setup() {\n    this.name = 42;\n  }\n  async call() {}\n}\n`;
    const errors = typeErrorsOf(env, commandPath('bad.ts'), code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, column: 5, code: 2322, kind: 'type' });
    expect(errors[0]!.message).toMatch(/number.*string/);
  });

  it('types call() arguments from the argument chain (ArgsOf) and knows node modules', () => {
    const code = `${HEAD}import { readFile } from 'node:fs/promises';
export class Echo extends Command {
  setup() {
    this.name = 'echo';
    return this.addArgument(new StringArgument('text', false));
  }
  async call({ text }: ArgsOf<Echo>) {
    const n: number = text;
    await this.respond(String(await readFile('/x', 'utf8')) + n);
  }
}
`;
    const errors = typeErrorsOf(env, commandPath('echo2.ts'), code);
    expect(errors.map((e) => [e.line, e.code])).toEqual([[9, 2322]]);
  });

  it('reports unknown imports from cmdsys and syntax errors', () => {
    const errors = typeErrorsOf(
      env,
      commandPath('broken.ts'),
      `import { NoSuchThing } from 'cmdsys';\nconst x = ;\n`,
    );
    expect(errors.map((e) => e.code)).toEqual(expect.arrayContaining([2305, 1109]));
    expect(errors.find((e) => e.code === 2305)).toMatchObject({ line: 1, column: 10, kind: 'type' });
    expect(errors.find((e) => e.code === 1109)).toMatchObject({ line: 2, kind: 'syntax' });
  });

  it('an edit replaces the file: the errors follow the latest content', () => {
    const p = commandPath('fixme.ts');
    expect(typeErrorsOf(env, p, `const a: string = 1;\nexport {};\n`)).toHaveLength(1);
    expect(typeErrorsOf(env, p, `const a: string = '1';\nexport { a };\n`)).toEqual([]);
    expect(typeErrorsOf(env, p, '')).toEqual([]);
  });

  it('completes members of the Command API', () => {
    const code = `${HEAD}export class C extends Command {\n  async call() {\n    this.\n  }\n}\n`;
    const p = commandPath('complete.ts');
    typeErrorsOf(env, p, code);
    const completions = env.languageService.getCompletionsAtPosition(p, code.indexOf('this.') + 5, {});
    const names = completions?.entries.map((e) => e.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['respond', 'addArgument']));
  });
});
