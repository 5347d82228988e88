/** A type error in a command file, 1-based like the reload failures. */
export interface TypeErrorInfo {
  line: number;
  column: number;
  message: string;
  /** TypeScript's error code (TS2322 → 2322). */
  code: number;
  /**
   * `syntax`: the file does not parse (the reload's own syntax check reports it too, at its
   * line, and keeps the previous version running); `type`: it parses but does not type-check.
   */
  kind: 'syntax' | 'type';
}

/** "1 type error" / "3 type errors". */
export const typeErrorCount = (n: number): string => `${n} type error${n === 1 ? '' : 's'}`;
