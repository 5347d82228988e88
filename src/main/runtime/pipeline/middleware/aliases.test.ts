import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../text/tokenizer';
import { applyAliases, compileAlias, fillReplacement } from './aliases';

const words = (s: string): string[] => tokenize(s).map((t) => t.value);

describe('alias rewrite engine', () => {
  const remember = compileAlias({
    pattern: 'remember {key} is {rest}',
    replacement: "factoid add {key} '{key} is {rest}'",
  });

  it('rewrites the seed example', () => {
    expect(applyAliases('remember test is test message', [remember])).toEqual({
      value: "factoid add test 'test is test message'",
    });
  });

  it('matches literals case-insensitively and leaves other text alone', () => {
    expect(applyAliases('REMEMBER x IS y', [remember])).toEqual({ value: "factoid add x 'x is y'" });
    expect(applyAliases('remember x', [remember])).toEqual({ value: 'remember x' });
  });

  it('quotes captured text safely: quotes and backslashes cannot break out', () => {
    const out = applyAliases(`remember k is it's a "trap" \\' '; rm -rf`, [remember]);
    if (!('value' in out)) throw new Error('aborted');
    expect(words(out.value)).toEqual(['factoid', 'add', 'k', `k is it's a "trap" \\' '; rm -rf`]);
  });

  it('escapes bare placeholders so they stay literal text', () => {
    const say = compileAlias({ pattern: 'say {rest}', replacement: 'echo {rest}' });
    const out = applyAliases(`say a 'b c' "d`, [say]);
    if (!('value' in out)) throw new Error('aborted');
    expect(words(out.value)).toEqual(['echo', 'a', "'b", "c'", '"d']);
  });

  it('property: any captured text survives a quoted placeholder exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom("'", '"'), (text, q) => {
        const filled = fillReplacement(`cmd ${q}{x}${q}`, { x: text });
        expect(words(filled)).toEqual(['cmd', text]);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses the first matching rule', () => {
    const a = compileAlias({ pattern: 'go {x}', replacement: 'echo A {x}' });
    const b = compileAlias({ pattern: 'go {x}', replacement: 'echo B {x}' });
    expect(applyAliases('go now', [a, b])).toEqual({ value: 'echo A now' });
  });
});
