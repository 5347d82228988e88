/** A type error in a command file, 1-based like the reload failures. */
export interface TypeErrorInfo {
  line: number;
  column: number;
  message: string;
  /** TypeScript's error code (TS2322 → 2322). */
  code: number;
}

/** "1 type error" / "3 type errors". */
export const typeErrorCount = (n: number): string => `${n} type error${n === 1 ? '' : 's'}`;
