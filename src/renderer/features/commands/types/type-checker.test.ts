import { describe, expect, it } from 'vitest';
import { typeErrorsBeforeSave, workerTypeChecker, type TypeChecker } from './type-checker';
import type { TypeErrorInfo } from './type-errors';

const error: TypeErrorInfo = { line: 1, column: 1, message: 'x', code: 2322, kind: 'type' };
const checker = (typeErrors: () => Promise<TypeErrorInfo[]>) => ({ typeErrors }) as unknown as TypeChecker;

describe('typeErrorsBeforeSave', () => {
  it("answers the checker's errors for the file", async () => {
    expect(
      await typeErrorsBeforeSave(
        () => Promise.resolve(checker(() => Promise.resolve([error]))),
        '/commands/a.ts',
        'x',
      ),
    ).toEqual([error]);
  });

  it('answers null (save unchecked) without a checker, when it fails, or when it is too slow', async () => {
    expect(await typeErrorsBeforeSave(() => Promise.resolve(null), '/commands/a.ts', 'x')).toBeNull();
    expect(
      await typeErrorsBeforeSave(
        () => Promise.resolve(checker(() => Promise.reject(new Error('died')))),
        '/commands/a.ts',
        'x',
      ),
    ).toBeNull();
    expect(
      await typeErrorsBeforeSave(() => new Promise(() => undefined), '/commands/a.ts', 'x', 20),
    ).toBeNull();
    expect(
      await typeErrorsBeforeSave(
        () => Promise.resolve(checker(() => new Promise(() => undefined))),
        '/commands/a.ts',
        'x',
        20,
      ),
    ).toBeNull();
  });

  it('the worker checker is null where no Worker exists (the test DOM)', async () => {
    expect(typeof Worker).toBe('undefined');
    expect(await workerTypeChecker()).toBeNull();
  });
});
