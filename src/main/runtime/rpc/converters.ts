import type { UserRef } from '../cmdsys/api/refs';
import type { ChannelRef, GuildRef } from '../adapters/types';
import { InvalidRequest, type RpcLookups, type RpcRequest } from './rpc-types';

/**
 * Turns one keyword argument of a request into the value the handler gets. Sync or async;
 * throws InvalidRequest (answered 400) for unusable input.
 */
export interface RpcConverter<T = unknown> {
  rpcConvert(argument: unknown, request: RpcRequest): T | Promise<T>;
}

export type ConvertedOf<C> = C extends RpcConverter<infer T> ? T : never;

/** A handler's declared parameters: keyword name → converter. */
export type RpcParams = Record<string, RpcConverter>;

/** The converted keyword arguments a handler receives. */
export type RpcArgs<P extends RpcParams> = { [K in keyof P]: ConvertedOf<P[K]> };

const MAX_STRING = 100_000;

export const IntConverter: RpcConverter<number> = {
  rpcConvert(argument) {
    if (typeof argument !== 'number' || !Number.isSafeInteger(argument))
      throw new InvalidRequest(`expected an integer, got ${describe(argument)}`);
    return argument;
  },
};

export const StringConverter: RpcConverter<string> = {
  rpcConvert(argument) {
    if (typeof argument !== 'string')
      throw new InvalidRequest(`expected a string, got ${describe(argument)}`);
    if (argument.length > MAX_STRING) throw new InvalidRequest(`string longer than ${MAX_STRING} characters`);
    return argument;
  },
};

/** Ids arrive as strings (Discord snowflakes exceed JSON's safe integers) or safe integers. */
function idOf(argument: unknown, what: string): string {
  if (typeof argument === 'number' && Number.isSafeInteger(argument) && argument >= 0)
    return String(argument);
  if (typeof argument === 'string' && /^[\w.:#@!&+-]{1,100}$/.test(argument)) return argument;
  throw new InvalidRequest(
    `${what} id must be a string or a non-negative integer, got ${describe(argument)}`,
  );
}

/** A converter that looks an id up on the connected networks (`request.lookups[kind]`). */
function lookupConverter<K extends keyof RpcLookups>(
  kind: K,
): RpcConverter<NonNullable<Awaited<ReturnType<RpcLookups[K]>>>> {
  return {
    async rpcConvert(argument, request) {
      const id = idOf(argument, kind);
      const found = await request.lookups[kind](id);
      if (!found) throw new InvalidRequest(`failed to find ${kind} with id ${id}`);
      return found as NonNullable<Awaited<ReturnType<RpcLookups[K]>>>;
    },
  };
}

export const UserConverter: RpcConverter<UserRef> = lookupConverter('user');
export const GuildConverter: RpcConverter<GuildRef> = lookupConverter('guild');
export const ChannelConverter: RpcConverter<ChannelRef> = lookupConverter('channel');

/** Makes a parameter optional: a missing (or null) keyword gives `undefined`. */
export function optional<T>(converter: RpcConverter<T>): RpcConverter<T | undefined> & { optional: true } {
  return {
    optional: true,
    rpcConvert: (argument, request) =>
      argument === undefined || argument === null ? undefined : converter.rpcConvert(argument, request),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string`;
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

function isOptional(converter: RpcConverter): boolean {
  return (converter as { optional?: unknown }).optional === true;
}

/** Checks a converter table once, at registration (a typo fails the load, not every request). */
export function checkParams(params: RpcParams): void {
  if (params === null || typeof params !== 'object') throw new TypeError('RPC params must be an object');
  for (const [name, converter] of Object.entries(params)) {
    if (!/^[A-Za-z_]\w{0,63}$/.test(name)) throw new TypeError(`invalid RPC parameter name "${name}"`);
    if (typeof (converter as Partial<RpcConverter> | null)?.rpcConvert !== 'function')
      throw new TypeError(`RPC parameter "${name}" needs a converter (an object with rpcConvert)`);
  }
}

/**
 * Converts a request's kwargs by the declared parameters: keyword-only, every declared one
 * required (unless optional), nothing undeclared accepted. Errors become InvalidRequest.
 */
export async function convertKwargs<P extends RpcParams>(
  params: P,
  request: RpcRequest,
): Promise<RpcArgs<P>> {
  const kwargs = request.kwargs;
  const unknown = Object.keys(kwargs).filter((k) => !Object.hasOwn(params, k));
  if (unknown.length) throw new InvalidRequest(`unexpected argument(s): ${unknown.join(', ')}`);
  const out: Record<string, unknown> = {};
  for (const [name, converter] of Object.entries(params)) {
    const value = Object.hasOwn(kwargs, name) ? kwargs[name] : undefined;
    if (value === undefined && !isOptional(converter)) throw new InvalidRequest(`missing argument: ${name}`);
    try {
      out[name] = await converter.rpcConvert(value, request);
    } catch (err) {
      if (err instanceof InvalidRequest) throw new InvalidRequest(`${name}: ${err.message}`);
      // converters that throw TypeError (as the seed's do) also mean bad input
      if (err instanceof TypeError) throw new InvalidRequest(`${name}: ${err.message}`);
      throw err;
    }
  }
  return out as RpcArgs<P>;
}

/** A handler body with typed, converted keyword arguments. */
export type RpcHandlerBody<P extends RpcParams> = (args: RpcArgs<P>, request: RpcRequest) => unknown;

/** Wraps a handler body so the registry can call it with a bare request: conversion runs first. */
export function withConverters<P extends RpcParams>(
  params: P,
  body: RpcHandlerBody<P>,
): (request: RpcRequest) => Promise<unknown> {
  checkParams(params);
  if (typeof body !== 'function') throw new TypeError('an RPC handler must be a function');
  return async (request) => body(await convertKwargs(params, request), request);
}
