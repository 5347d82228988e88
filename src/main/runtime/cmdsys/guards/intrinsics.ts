/**
 * Protects the built-in objects the runtime relies on from command files (and everything else
 * in the process) once the runtime's own modules are loaded, before the first command file runs.
 *
 * - Prototypes (Object.prototype, Array.prototype, …) get no new properties (so
 *   `Object.prototype.x = 1` cannot add an `x` to every object, which `for…in` and strict schema
 *   checks would see) and their existing properties cannot be replaced.
 * - Namespace objects (JSON, Math, Reflect) are frozen; constructors (Object, Array, Promise, …)
 *   keep their static methods, which cannot be replaced, but may still gain new ones (libraries
 *   polyfill newer statics such as Promise.withResolvers lazily).
 * - The "override mistake": with a non-writable `toString` on Object.prototype, a plain
 *   `obj.toString = fn` would fail. For the names libraries commonly give their own objects
 *   (constructor, toString, valueOf, name, message, toJSON, …) the prototype's property becomes
 *   an accessor whose setter defines the property on the object assigned to, as SES does.
 *
 * Not protected: Error (libraries set Error.stackTraceLimit and Error.prepareStackTrace),
 * Symbol (polyfills of new well-known symbols), globalThis, Node's own objects (Buffer, process).
 */

const OVERRIDABLE = new Set<PropertyKey>([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'toJSON',
  'name',
  'message',
  'hasOwnProperty',
  'propertyIsEnumerable',
  'isPrototypeOf',
]);

function lockProperties(target: object, overridable: boolean): void {
  for (const key of Reflect.ownKeys(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor?.configurable) continue;
    if ('value' in descriptor && overridable && OVERRIDABLE.has(key) && descriptor.writable) {
      const value: unknown = descriptor.value;
      const enumerable = descriptor.enumerable ?? false;
      Object.defineProperty(target, key, {
        get: () => value,
        set(this: unknown, next: unknown) {
          if (this === target)
            throw new TypeError(`${String(key)} of a built-in prototype cannot be changed`);
          Object.defineProperty(this, key, { value: next, writable: true, enumerable, configurable: true });
        },
        enumerable,
        configurable: false,
      });
    } else if ('value' in descriptor) {
      Object.defineProperty(target, key, { writable: false, configurable: false });
    } else {
      Object.defineProperty(target, key, { configurable: false });
    }
  }
}

const prototypes = (): object[] => [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Symbol.prototype,
  BigInt.prototype,
  Promise.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  RegExp.prototype,
  Date.prototype,
  Error.prototype,
  Object.getPrototypeOf([][Symbol.iterator]()) as object,
  Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object,
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

let protectedOnce = false;

/** Applies the protection (once per process; later calls do nothing). */
export function protectIntrinsics(): void {
  if (protectedOnce) return;
  protectedOnce = true;
  for (const proto of prototypes()) {
    lockProperties(proto, true);
    Object.preventExtensions(proto);
  }
  for (const ctor of constructors()) lockProperties(ctor, false);
  for (const namespace of [JSON, Math, Reflect]) Object.freeze(namespace);
}

export function intrinsicsProtected(): boolean {
  return protectedOnce;
}
