import { IllegalArgument } from './errors';
import { formatDuration, parseDuration } from './duration';
import type { ArgumentResolver, ChannelRef, UserRef } from './refs';

export interface ArgumentOptions<D = unknown> {
  /** One line shown in `help <command>`. */
  description?: string;
  /**
   * The value `call` gets when the argument is omitted (or, for a non-last optional argument,
   * when its word does not convert and moves on). An argument with a default may be omitted,
   * and `ArgsOf` types it as always present.
   */
  default?: D;
  /**
   * Suggestions while a user types this argument of a Discord slash command (up to 25 are
   * shown): gets the text typed so far. ChoiceArgument suggests its choices by itself.
   */
  autocomplete?: (typed: string) => readonly string[] | Promise<readonly string[]>;
}

/**
 * One positional argument of a command. `N` is its name (the key in the object `call`
 * receives), `V` the converted value type, `O` whether it may be omitted, `D` the type of its
 * default (`undefined` when it has none).
 */
export abstract class Argument<
  N extends string = string,
  V = unknown,
  O extends boolean = boolean,
  D extends V | undefined = V | undefined,
> {
  readonly name: N;
  /** May be omitted: declared optional, or given a default. */
  readonly optional: O;
  readonly description: string;
  /** What `call` gets when the argument is omitted; undefined when there is no default. */
  readonly defaultValue: D;
  /** Suggestions for Discord autocomplete, when given. */
  readonly autocomplete: ((typed: string) => readonly string[] | Promise<readonly string[]>) | null;
  /** Short type hint for usage lines (`int`, `a|b`, …); empty for plain strings. */
  abstract readonly hint: string;
  /** Phantom: carries the value type for ArgsOf. Never set. */
  declare readonly __value?: V;

  constructor(name: N, optional?: O, options: ArgumentOptions<D> = {}) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new TypeError(`invalid argument name "${name}"`);
    this.name = name;
    this.defaultValue = options.default as D;
    this.optional = ((optional ?? false) || options.default !== undefined) as O;
    this.description = options.description ?? '';
    this.autocomplete = options.autocomplete ?? null;
  }

  /** Whether the argument has a default value. */
  get hasDefault(): boolean {
    return this.defaultValue !== undefined;
  }

  /** Converts the raw text; throws IllegalArgument with a message for the user when it cannot. */
  abstract convert(raw: string, resolver: ArgumentResolver): V | Promise<V>;

  /** `<name>` / `[name]`, with a type hint when not a plain string: `<count:int>`. */
  usage(): string {
    const typed = this.hint ? `${this.name}:${this.hint}` : this.name;
    const inner = this.hasDefault ? `${typed}=${this.showDefault(this.defaultValue as V)}` : typed;
    return this.optional ? `[${inner}]` : `<${inner}>`;
  }

  /** How the default reads in a usage line. */
  protected showDefault(value: V): string {
    return typeof value === 'object' && value !== null && 'name' in value
      ? String(value.name)
      : String(value);
  }
}

export class StringArgument<
  N extends string,
  O extends boolean = false,
  D extends string | undefined = undefined,
> extends Argument<N, string, O, D> {
  readonly hint = '';
  convert(raw: string): string {
    return raw;
  }
}

export interface RangeOptions<D = number> extends ArgumentOptions<D> {
  min?: number;
  max?: number;
}

/** A numeric argument with optional bounds (checked after conversion, shown with `show`). */
abstract class RangedArgument<
  N extends string,
  O extends boolean,
  D extends number | undefined,
> extends Argument<N, number, O, D> {
  private readonly range: RangeOptions<D>;

  constructor(name: N, optional?: O, options: RangeOptions<D> = {}) {
    super(name, optional, options);
    this.range = options;
  }

  /** The declared bounds (Discord options carry them as min_value / max_value). */
  get bounds(): { min?: number; max?: number } {
    return { min: this.range.min, max: this.range.max };
  }

  protected inRange(value: number, show: (n: number) => string = String): number {
    const { min, max } = this.range;
    if (min !== undefined && value < min)
      throw new IllegalArgument(`${this.name} must be at least ${show(min)}`);
    if (max !== undefined && value > max)
      throw new IllegalArgument(`${this.name} must be at most ${show(max)}`);
    return value;
  }
}

export class IntegerArgument<
  N extends string,
  O extends boolean = false,
  D extends number | undefined = undefined,
> extends RangedArgument<N, O, D> {
  readonly hint = 'int';
  convert(raw: string): number {
    const text = raw.trim();
    if (!/^[+-]?\d+$/.test(text))
      throw new IllegalArgument(`${this.name} must be a whole number, got "${raw}"`);
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new IllegalArgument(`${this.name} is out of range: ${raw}`);
    return this.inRange(value);
  }
}

export class NumberArgument<
  N extends string,
  O extends boolean = false,
  D extends number | undefined = undefined,
> extends RangedArgument<N, O, D> {
  readonly hint = 'number';
  convert(raw: string): number {
    const text = raw.trim();
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) throw new IllegalArgument(`${this.name} must be a number, got "${raw}"`);
    return this.inRange(value);
  }
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1', 'enable', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0', 'disable', 'disabled']);

export class BooleanArgument<
  N extends string,
  O extends boolean = false,
  D extends boolean | undefined = undefined,
> extends Argument<N, boolean, O, D> {
  readonly hint = 'yes|no';
  convert(raw: string): boolean {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    throw new IllegalArgument(`${this.name} must be yes or no, got "${raw}"`);
  }
}

export class ChoiceArgument<
  N extends string,
  const C extends readonly string[],
  O extends boolean = false,
  D extends C[number] | undefined = undefined,
> extends Argument<N, C[number], O, D> {
  readonly choices: C;
  readonly hint: string;
  constructor(name: N, choices: C, optional?: O, options: ArgumentOptions<D> = {}) {
    super(name, optional, options);
    if (choices.length === 0) throw new TypeError(`choice argument "${name}" needs at least one choice`);
    this.choices = choices;
    this.hint = choices.join('|');
  }
  convert(raw: string): C[number] {
    const word = raw.trim().toLowerCase();
    const match = this.choices.find((c) => c.toLowerCase() === word);
    if (match === undefined)
      throw new IllegalArgument(`${this.name} must be one of ${this.choices.join(', ')}; got "${raw}"`);
    return match;
  }
}

/** A duration in milliseconds: `90` (seconds), `1h30m`, `2m`, `1.5s`, `500ms`. */
export class DurationArgument<
  N extends string,
  O extends boolean = false,
  D extends number | undefined = undefined,
> extends RangedArgument<N, O, D> {
  readonly hint = 'duration';
  protected override showDefault(ms: number): string {
    return formatDuration(ms).replaceAll(' ', ''); // one word, as it would be typed
  }
  convert(raw: string): number {
    const ms = parseDuration(raw);
    if (ms === null)
      throw new IllegalArgument(`${this.name} must be a duration like 90, 2m or 1h30m; got "${raw}"`);
    return this.inRange(ms, formatDuration);
  }
}

/** A user of the message's network (mention, id or name), resolved by its adapter. */
export class UserArgument<
  N extends string,
  O extends boolean = false,
  D extends UserRef | undefined = undefined,
> extends Argument<N, UserRef, O, D> {
  readonly hint = 'user';
  async convert(raw: string, resolver: ArgumentResolver): Promise<UserRef> {
    const user = await resolver.resolveUser(raw.trim());
    if (!user) throw new IllegalArgument(`${this.name}: no user "${raw}" here`);
    return user;
  }
}

/** A channel of the message's network (mention, id or name), resolved by its adapter. */
export class ChannelArgument<
  N extends string,
  O extends boolean = false,
  D extends ChannelRef | undefined = undefined,
> extends Argument<N, ChannelRef, O, D> {
  readonly hint = 'channel';
  async convert(raw: string, resolver: ArgumentResolver): Promise<ChannelRef> {
    const channel = await resolver.resolveChannel(raw.trim());
    if (!channel) throw new IllegalArgument(`${this.name}: no channel "${raw}" here`);
    return channel;
  }
}

/** Optional without a default → may be missing; required, or with a default → always there. */
type Entry<N extends string, V, O extends boolean, D> = [O] extends [true]
  ? [D] extends [undefined]
    ? { [K in N]?: V }
    : { [K in N]: V }
  : { [K in N]: V };
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * What `addArgument` returns: chain further `.addArgument(...)` calls and return the chain
 * from `setup()`, and `ArgsOf<YourCommand>` is the exact type `call` receives.
 */
export class ArgumentChain<T extends object> {
  /** Phantom: the accumulated argument object type. */
  declare readonly __args?: T;

  constructor(private readonly add: (arg: Argument) => void) {}

  addArgument<N extends string, V, O extends boolean, D extends V | undefined>(
    arg: Argument<N, V, O, D>,
  ): ArgumentChain<Simplify<T & Entry<N, V, O, D>>> {
    this.add(arg as Argument);
    return new ArgumentChain(this.add);
  }
}

/**
 * The typed argument object of a command whose `setup()` returns its ArgumentChain; an empty
 * object (no property may be read) when it returns nothing.
 */
export type ArgsOf<C extends { setup(): unknown }> =
  ReturnType<C['setup']> extends ArgumentChain<infer T> ? T : Record<never, never>;
