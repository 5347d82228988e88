// Models are fully typed: defineModel gives instances whose properties have the fields' types
// (string, number, boolean, Date, JSON type, Uint8Array, custom types; `| null` when nullable;
// the implicit `id` only without an explicit primary key), and queries accept only the model's
// fields. The fixture's `@ts-expect-error` lines must keep failing to compile, type-checked the
// way an editor checks a command file (commands/tsconfig.json maps 'cmdsys').
import { describe, expect, it } from 'vitest';
import { typeFixture } from '../support/type-fixture';

const { directiveLines, check } = typeFixture('tests/fixtures/database/typed-models.ts');
describe('typed models', () => {
  it('type-checks the fixture with every @ts-expect-error line still an error', () => {
    expect(directiveLines.length).toBeGreaterThanOrEqual(18);
    // an unused @ts-expect-error is itself an error (TS2578): none means each line still fails
    expect(check()).toEqual([]);
  }, 60_000);

  it('each directive guards an error on the line below it, and nothing else fails', () => {
    const problems = check((s) => s.replaceAll('// @ts-expect-error', '// (expected error)'));
    expect([...new Set(problems.map((p) => p.line))]).toEqual(directiveLines.map((l) => l + 1));
  }, 60_000);
});
