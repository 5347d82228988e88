import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli';

// Lints virtual files placed in each layer with the project's real eslint.config.js.
// Type-aware rules are switched off: the virtual files are not part of a tsconfig.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { project: null, projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/await-thenable': 'off',
      },
    },
  ],
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layer rule (eslint.config.js)', () => {
  it('fails lint when src/main/runtime imports electron', async () => {
    const ids = await ruleIds(
      'src/main/runtime/lint-fixture.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('also catches dynamic import and require of electron in the runtime', async () => {
    const dyn = await ruleIds('src/main/runtime/lint-fixture.ts', "export const e = import('electron');\n");
    expect(dyn).toContain('no-restricted-syntax');
    const req = await ruleIds(
      'src/main/runtime/lint-fixture.ts',
      "declare const require: (id: string) => unknown;\nexport const e = require('electron');\n",
    );
    expect(req).toContain('no-restricted-syntax');
  });

  it('fails lint when the runtime imports the api layer or a transport', async () => {
    const ids = await ruleIds(
      'src/main/runtime/lint-fixture.ts',
      "import { Router } from '../api/router';\nexport const r = Router;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('keeps the supervisor and the runtime process apart (protocol only)', async () => {
    const toHost = await ruleIds(
      'src/main/supervisor/lint-fixture.ts',
      "import { runRuntimeHost } from '../runtime-host/host';\nexport const r = runRuntimeHost;\n",
    );
    expect(toHost).toContain('import-x/no-restricted-paths');
    const toSupervisor = await ruleIds(
      'src/main/runtime-host/lint-fixture.ts',
      "import { Supervisor } from '../supervisor/supervisor';\nexport const s = Supervisor;\n",
    );
    expect(toSupervisor).toContain('import-x/no-restricted-paths');
    const runtimeUp = await ruleIds(
      'src/main/runtime/lint-fixture.ts',
      "import { STALL_FILE } from '../supervisor/stall-file';\nexport const f = STALL_FILE;\n",
    );
    expect(runtimeUp).toContain('import-x/no-restricted-paths');
  });

  it('fails lint when the renderer imports main-process code', async () => {
    const ids = await ruleIds(
      'src/renderer/lint-fixture.ts',
      "import { Bot } from '../main/runtime/bot';\nexport const b = Bot;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('fails lint when shared imports a Node builtin', async () => {
    const ids = await ruleIds(
      'src/shared/lint-fixture.ts',
      "import fs from 'node:fs';\nexport const f = fs;\n",
    );
    expect(ids).toContain('import-x/no-nodejs-modules');
  });

  it('allows electron in src/main/electron and the contract everywhere', async () => {
    expect(
      await ruleIds(
        'src/main/electron/lint-fixture.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'src/renderer/lint-fixture.ts',
        "import { methods } from '../shared/contract/methods';\nexport const m = methods;\n",
      ),
    ).toEqual([]);
  });
});
