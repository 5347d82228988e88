/**
 * Resolves when `promise` settles or after `ms`, whichever is first; never rejects. With
 * `unref`, the wait alone does not keep the process alive.
 */
export function settleWithin(promise: Promise<unknown>, ms: number, unref = false): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      if (unref) timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
