import path from 'node:path';
import vm from 'node:vm';

export type RequireFn = (id: string) => unknown;

/**
 * Evaluates a CommonJS chunk and returns its exports, without touching require.cache or the ESM
 * loader: nothing keeps the code alive but what the caller holds, so a dropped generation can be
 * garbage-collected (unlike `import(file?v=N)`, which leaks every version: nodejs/node#49442).
 * vm.Script with the file's real path keeps source-mapped stack traces pointing at the source.
 */
export function evaluateCommonJs(code: string, absFile: string, requireFn: RequireFn): unknown {
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  const script = new vm.Script(wrapper, { filename: absFile });
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: RequireFn,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} as unknown };
  fn.call(module.exports, module.exports, requireFn, module, absFile, path.dirname(absFile));
  return module.exports;
}
