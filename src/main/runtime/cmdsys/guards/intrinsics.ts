/**
 * Protects the built-in objects the runtime relies on from command files, once the runtime's
 * own modules are loaded and before the first command file runs.
 *
 * - Prototypes (Object.prototype, Array.prototype, …) can get no new properties, so
 *   `Object.prototype.x = 1` cannot add an `x` to every object (which `for…in` and strict
 *   schema checks would see). Their existing methods are NOT made read-only: V8 slows array
 *   and promise code down many times over when they are (its fast paths check that these
 *   prototypes are untouched), and libraries copy their descriptors. Instead a snapshot of them
 *   is taken, and `restoreIntrinsics()` (run after each command file's top-level code and setup)
 *   puts back anything replaced and names it, so that file fails to load.
 * - Namespace objects (JSON, Math, Reflect) are frozen; the static methods of constructors
 *   (Object, Array, Promise, …) cannot be replaced, though new ones may still be added
 *   (libraries polyfill newer statics such as Promise.withResolvers lazily).
 *
 * Not protected: Error itself (libraries set Error.stackTraceLimit and Error.prepareStackTrace),
 * Symbol (polyfills of new well-known symbols), globalThis, Node's own objects (Buffer, process).
 */

const prototypes = (): [string, object][] => [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Symbol.prototype', Symbol.prototype],
  ['BigInt.prototype', BigInt.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['WeakMap.prototype', WeakMap.prototype],
  ['WeakSet.prototype', WeakSet.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Date.prototype', Date.prototype],
  ['Error.prototype', Error.prototype],
  ['%ArrayIteratorPrototype%', Object.getPrototypeOf([][Symbol.iterator]()) as object],
  ['%IteratorPrototype%', Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object],
];

const constructors = (): object[] => [
  Object,
  Array,
  Function,
  String,
  Number,
  Boolean,
  Promise,
  Map,
  Set,
  WeakMap,
  WeakSet,
];

/** Own data properties of a prototype when protected: [object, key, value, where]. */
let snapshot: [object, PropertyKey, unknown, string][] | null = null;

/** Applies the protection (once per process; later calls do nothing). */
export function protectIntrinsics(): void {
  if (snapshot) return;
  snapshot = [];
  for (const [label, proto] of prototypes()) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (descriptor && 'value' in descriptor)
        snapshot.push([proto, key, descriptor.value, `${label}.${String(key)}`]);
    }
    Object.preventExtensions(proto);
  }
  for (const ctor of constructors()) {
    for (const key of Reflect.ownKeys(ctor)) {
      const descriptor = Object.getOwnPropertyDescriptor(ctor, key);
      if (descriptor?.configurable && 'value' in descriptor)
        Object.defineProperty(ctor, key, { writable: false, configurable: false });
    }
  }
  for (const namespace of [JSON, Math, Reflect]) Object.freeze(namespace);
}

export function intrinsicsProtected(): boolean {
  return snapshot !== null;
}

/**
 * Puts back every prototype method replaced since `protectIntrinsics()` and returns what was
 * replaced (`Array.prototype.map`, …); empty when nothing was, or when not protected.
 */
export function restoreIntrinsics(): string[] {
  if (!snapshot) return [];
  const changed: string[] = [];
  for (const [target, key, value, label] of snapshot) {
    const current = Object.getOwnPropertyDescriptor(target, key);
    if (current && 'value' in current && current.value === value) continue;
    changed.push(label);
    try {
      Object.defineProperty(target, key, {
        value,
        writable: current?.writable ?? true,
        enumerable: current?.enumerable ?? false,
        configurable: true,
      });
    } catch {
      // deleted: a non-extensible prototype cannot get it back; reported all the same
    }
  }
  return changed;
}

/**
 * Checks every `everyMs` (unref'd) that no prototype method was replaced after loading (from a
 * command's `call()` or a callback), puts back what was and tells `report`. Returns a stop
 * function.
 */
export function watchIntrinsics(report: (changed: string[]) => void, everyMs = 1_000): () => void {
  const timer = setInterval(() => {
    const changed = restoreIntrinsics();
    if (changed.length) report(changed);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
