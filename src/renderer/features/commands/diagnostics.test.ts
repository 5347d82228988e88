import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { failureDiagnostics, positionOf } from './diagnostics';

const doc = Text.of([
  'import x from "y";',
  'export class Echo {',
  '  setup() {',
  '    const x = ;',
  '  }',
  '}',
]);
const at = (from: number, to: number) => doc.sliceString(from, to);

describe('failureDiagnostics', () => {
  it('marks the failing line and column (1-based), spanning the word there', () => {
    const [d] = failureDiagnostics(doc, { file: 'echo.ts', line: 2, column: 14, message: 'bad' });
    expect(doc.lineAt(d!.from).number).toBe(2);
    expect(at(d!.from, d!.to)).toBe('Echo');
    expect(d!.severity).toBe('error');
    expect(d!.message).toContain('bad (2:14');
  });

  it('marks one character when the column points at punctuation', () => {
    const [d] = failureDiagnostics(doc, { file: 'echo.ts', line: 4, column: 15, message: 'Unexpected ";"' });
    expect(doc.lineAt(d!.from).number).toBe(4);
    expect(at(d!.from, d!.to)).toBe(';');
  });

  it('marks the whole line without a column, nothing without a line, and clamps', () => {
    const [d] = failureDiagnostics(doc, { file: 'echo.ts', line: 3, column: null, message: 'x' });
    expect(at(d!.from, d!.to)).toBe('  setup() {');
    expect(failureDiagnostics(doc, { file: 'echo.ts', line: null, column: null, message: 'x' })).toEqual([]);
    expect(failureDiagnostics(doc, null)).toEqual([]);
    const [late] = failureDiagnostics(doc, { file: 'echo.ts', line: 99, column: 99, message: 'x' });
    expect(doc.lineAt(late!.from).number).toBe(6);
    expect(positionOf(doc, 1, 1)).toBe(0);
  });
});
