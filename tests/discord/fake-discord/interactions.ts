import {
  ApplicationCommandOptionType,
  ChannelType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type APIApplicationCommand,
  type APIMessage,
  type APIUser,
} from 'discord.js';
import type { FakeState } from './state';

/** An error the REST layer answers with `status` and Discord's JSON error body. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

/** What the bot answered to one interaction, in order. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  /** Who interacted. */
  user: APIUser;
  createdAt: number;
  /** The callback (type 4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete), once. */
  callback: { type: InteractionResponseType; data: Record<string, unknown> | null; at: number } | null;
  /** The original response message after the callback (edited by PATCH @original). */
  original: APIMessage | null;
  followUps: { body: Record<string, unknown>; message: APIMessage; at: number }[];
  edits: { body: Record<string, unknown>; at: number }[];
  /** The original response was deleted. */
  deleted: boolean;
}

/** Options of a slash command invocation, as a user types them (values by option name). */
export type SlashValues = Record<string, string | number | boolean>;

export interface InteractOptions {
  author?: APIUser;
  channelId?: string;
  /** A subcommand to run (the values then belong to it). */
  subcommand?: string;
}

/** Discord's rule for chat input command and option names. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** How long the first response may take (Discord: 3 s). */
export const CALLBACK_WINDOW_MS = 3_000;

/**
 * Application commands (global and per guild, with Discord's validation) and interactions:
 * INTERACTION_CREATE payloads for slash commands, component clicks and autocomplete, the
 * callback endpoint (once, within 3 s) and the interaction webhook (follow-ups, @original).
 */
export class FakeInteractions {
  /** Registered commands by scope: `global` or a guild id. */
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly records = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  /** Command writes (PUT/POST/PATCH/DELETE) received, for diffing tests. */
  readonly writes: { method: string; scope: string; names: string[] }[] = [];

  constructor(private readonly state: FakeState) {}

  registered(scope = 'global'): APIApplicationCommand[] {
    return this.commands.get(scope) ?? [];
  }

  // ---- application commands ------------------------------------------------------------------

  list(scope: string): APIApplicationCommand[] {
    return this.registered(scope);
  }

  overwrite(scope: string, body: unknown): APIApplicationCommand[] {
    if (!Array.isArray(body))
      throw new FakeHttpError(400, { message: 'Invalid Form Body', code: 50035, errors: { _errors: [] } });
    const old = this.registered(scope);
    const names = new Set<string>();
    const made = body.map((raw, i) => {
      const cmd = this.validate(raw, `${i}`);
      if (names.has(cmd.name as string))
        throw new FakeHttpError(400, {
          message: 'Invalid Form Body',
          code: 50035,
          errors: { [i]: { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } } },
        });
      names.add(cmd.name as string);
      const existing = old.find((c) => c.name === cmd.name);
      return this.materialise(cmd, scope, existing?.id);
    });
    this.commands.set(scope, made);
    this.writes.push({ method: 'PUT', scope, names: made.map((c) => c.name) });
    return made;
  }

  create(scope: string, body: unknown): APIApplicationCommand {
    const cmd = this.validate(body, '');
    const list = this.registered(scope).filter((c) => c.name !== cmd.name);
    const existing = this.registered(scope).find((c) => c.name === cmd.name);
    const made = this.materialise(cmd, scope, existing?.id);
    this.commands.set(scope, [...list, made]);
    this.writes.push({ method: 'POST', scope, names: [made.name] });
    return made;
  }

  edit(scope: string, id: string, body: unknown): APIApplicationCommand {
    const list = this.registered(scope);
    const existing = list.find((c) => c.id === id);
    if (!existing) throw new FakeHttpError(404, { message: 'Unknown application command', code: 10063 });
    const cmd = this.validate({ ...existing, ...(body as object) }, '');
    const made = this.materialise(cmd, scope, id);
    this.commands.set(
      scope,
      list.map((c) => (c.id === id ? made : c)),
    );
    this.writes.push({ method: 'PATCH', scope, names: [made.name] });
    return made;
  }

  remove(scope: string, id: string): void {
    const list = this.registered(scope);
    const existing = list.find((c) => c.id === id);
    if (!existing) throw new FakeHttpError(404, { message: 'Unknown application command', code: 10063 });
    this.commands.set(
      scope,
      list.filter((c) => c.id !== id),
    );
    this.writes.push({ method: 'DELETE', scope, names: [existing.name] });
  }

  private materialise(cmd: Record<string, unknown>, scope: string, id?: string): APIApplicationCommand {
    return {
      type: 1,
      default_member_permissions: null,
      options: [],
      ...cmd,
      id: id ?? this.state.ids.id(),
      application_id: this.state.world.bot.id,
      version: this.state.ids.id(),
      ...(scope === 'global' ? {} : { guild_id: scope }),
    } as unknown as APIApplicationCommand;
  }

  /** Discord's checks on a command: names, descriptions, option counts and order. */
  private validate(raw: unknown, at: string): Record<string, unknown> {
    if (typeof raw !== 'object' || raw === null)
      throw invalid(at, 'BASE_TYPE_REQUIRED', 'This field is required');
    const cmd = raw as Record<string, unknown>;
    checkNameAndDescription(cmd, at);
    checkOptions(cmd.options, `${at}.options`, 0);
    return cmd;
  }

  // ---- interactions --------------------------------------------------------------------------

  /** INTERACTION_CREATE for a slash command registered globally or in the guild. */
  slash(name: string, values: SlashValues, options: InteractOptions = {}): Record<string, unknown> {
    const command =
      this.registered('global').find((c) => c.name === name) ??
      this.registered(this.state.guildId).find((c) => c.name === name);
    if (!command) throw new Error(`no registered command "${name}" (registered: ${this.allNames()})`);
    const author = options.author ?? this.state.world.users.pat;
    const resolved: {
      users: Record<string, APIUser>;
      members: Record<string, unknown>;
      channels: Record<string, unknown>;
    } = { users: {}, members: {}, channels: {} };
    let optionDefs = command.options ?? [];
    if (options.subcommand) {
      const sub = optionDefs.find((o) => o.name === options.subcommand);
      if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand)
        throw new Error(`no subcommand "${options.subcommand}" of ${name}`);
      optionDefs = sub.options ?? [];
    }
    const given = Object.entries(values).map(([key, value]) => {
      const def = optionDefs.find((o) => o.name === key);
      if (!def) throw new Error(`no option "${key}" on /${name}`);
      if (def.type === ApplicationCommandOptionType.User) {
        const user = this.state.user(String(value));
        if (user) resolved.users[user.id] = user;
        const member = this.state.member(String(value));
        if (member) resolved.members[String(value)] = { ...member, user: undefined, permissions: '0' };
      }
      if (def.type === ApplicationCommandOptionType.Channel) {
        const channel = this.state.channels.get(String(value));
        if (channel) resolved.channels[channel.id] = { ...channel, permissions: '0' };
      }
      return { name: key, type: def.type, value };
    });
    const data = {
      id: command.id,
      name,
      type: 1,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      options: options.subcommand
        ? [{ name: options.subcommand, type: ApplicationCommandOptionType.Subcommand, options: given }]
        : given,
      resolved,
    };
    return this.base(InteractionType.ApplicationCommand, data, author, options.channelId);
  }

  /** INTERACTION_CREATE for a click on a button (or a select menu choice) of a message the bot sent. */
  click(
    message: { id: string; channelId: string },
    customId: string,
    options: { author?: APIUser; values?: string[] } = {},
  ): Record<string, unknown> {
    const author = options.author ?? this.state.world.users.pat;
    const data = options.values
      ? { custom_id: customId, component_type: ComponentType.StringSelect, values: options.values }
      : { custom_id: customId, component_type: ComponentType.Button };
    const sent = this.state.messages.get(message.id);
    if (!sent) throw new Error(`no message ${message.id} to click on`);
    return {
      ...this.base(InteractionType.MessageComponent, data, author, message.channelId),
      message: sent,
    };
  }

  /** INTERACTION_CREATE for autocomplete: `focused` is the option being typed. */
  autocomplete(
    name: string,
    focused: string,
    typed: string,
    options: InteractOptions = {},
  ): Record<string, unknown> {
    const author = options.author ?? this.state.world.users.pat;
    const command = this.registered('global').find((c) => c.name === name);
    if (!command) throw new Error(`no registered command "${name}"`);
    const def = command.options?.find((o) => o.name === focused);
    const data = {
      id: command.id,
      name,
      type: 1,
      options: [{ name: focused, type: def?.type ?? 3, value: typed, focused: true }],
    };
    return this.base(InteractionType.ApplicationCommandAutocomplete, data, author, options.channelId);
  }

  private base(
    type: InteractionType,
    data: unknown,
    author: APIUser,
    channelId?: string,
  ): Record<string, unknown> {
    const channel = this.state.channels.get(channelId ?? this.state.world.channels.general.id)!;
    const member = this.state.member(author.id);
    const record: InteractionRecord = {
      id: this.state.ids.id(),
      token: `itoken-${this.state.ids.id()}`,
      type,
      channelId: channel.id,
      user: author,
      createdAt: Date.now(),
      callback: null,
      original: null,
      followUps: [],
      edits: [],
      deleted: false,
    };
    this.records.set(record.id, record);
    this.byToken.set(record.token, record);
    const inGuild = channel.type !== ChannelType.DM;
    return {
      id: record.id,
      application_id: this.state.world.bot.id,
      type,
      data,
      token: record.token,
      version: 1,
      channel_id: channel.id,
      channel: { id: channel.id, type: channel.type, ...('name' in channel ? { name: channel.name } : {}) },
      ...(inGuild
        ? {
            guild_id: this.state.guildId,
            guild: { id: this.state.guildId, locale: 'en-US', features: [] },
            member: { ...member, user: author, permissions: this.permissionsOf(author.id) },
          }
        : { user: author }),
      app_permissions: '2147483647',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: this.state.guildId },
      context: inGuild ? 0 : 1,
      attachment_size_limit: 8 * 1024 * 1024,
    };
  }

  /** The member's guild permissions (bits as a string), computed from the fixture roles. */
  private permissionsOf(userId: string): string {
    const { guild } = this.state.world;
    if (guild.owner_id === userId) return (2n ** 50n - 1n).toString();
    const member = this.state.member(userId);
    let bits = BigInt(guild.roles.find((r) => r.id === guild.id)?.permissions ?? '0');
    for (const roleId of member?.roles ?? [])
      bits |= BigInt(guild.roles.find((r) => r.id === roleId)?.permissions ?? '0');
    return bits.toString();
  }

  // ---- responses -----------------------------------------------------------------------------

  /** POST /interactions/:id/:token/callback: once per interaction, within 3 s. */
  callback(id: string, token: string, body: Record<string, unknown>): void {
    const record = this.records.get(id);
    if (!record || record.token !== token)
      throw new FakeHttpError(404, { message: 'Unknown interaction', code: 10062 });
    if (record.callback)
      throw new FakeHttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    if (Date.now() - record.createdAt > CALLBACK_WINDOW_MS)
      throw new FakeHttpError(404, { message: 'Unknown interaction', code: 10062 });
    const type = body.type as InteractionResponseType;
    const data = (body.data ?? null) as Record<string, unknown> | null;
    record.callback = { type, data, at: Date.now() };
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      checkMessage(data ?? {});
      record.original = this.message(record, data ?? {});
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      record.original = this.message(record, { content: '' });
    }
  }

  /** POST /webhooks/:app/:token: a follow-up message (only after the interaction was acknowledged). */
  followUp(appId: string, token: string, body: Record<string, unknown>): APIMessage {
    const record = this.webhookRecord(appId, token);
    if (!record.callback) throw new FakeHttpError(404, { message: 'Unknown Webhook', code: 10015 });
    checkMessage(body);
    const message = this.message(record, body);
    record.followUps.push({ body, message, at: Date.now() });
    return message;
  }

  /** PATCH /webhooks/:app/:token/messages/@original. */
  editOriginal(appId: string, token: string, body: Record<string, unknown>): APIMessage {
    const record = this.webhookRecord(appId, token);
    if (!record.original) throw new FakeHttpError(404, { message: 'Unknown Message', code: 10008 });
    checkMessage({ ...record.original, ...body });
    record.edits.push({ body, at: Date.now() });
    record.original = { ...record.original, ...(body as Partial<APIMessage>) };
    this.state.messages.set(record.original.id, record.original);
    return record.original;
  }

  /** DELETE /webhooks/:app/:token/messages/@original. */
  deleteOriginal(appId: string, token: string): void {
    const record = this.webhookRecord(appId, token);
    if (!record.original) throw new FakeHttpError(404, { message: 'Unknown Message', code: 10008 });
    this.state.messages.delete(record.original.id);
    record.original = null;
    record.deleted = true;
  }

  /** GET /webhooks/:app/:token/messages/@original. */
  getOriginal(appId: string, token: string): APIMessage {
    const record = this.webhookRecord(appId, token);
    if (!record.original) throw new FakeHttpError(404, { message: 'Unknown Message', code: 10008 });
    return record.original;
  }

  private webhookRecord(appId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (!record || appId !== this.state.world.bot.id)
      throw new FakeHttpError(404, { message: 'Unknown Webhook', code: 10015 });
    return record;
  }

  private message(record: InteractionRecord, body: Record<string, unknown>): APIMessage {
    const message = this.state.message({
      channelId: record.channelId,
      author: this.state.world.bot,
      content: typeof body.content === 'string' ? body.content : '',
      attachments: [],
      reference: null,
    });
    const full = {
      ...message,
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      interaction_metadata: {
        id: record.id,
        type: record.type,
        user: record.user,
        authorizing_integration_owners: { 0: this.state.guildId },
      },
    } as APIMessage;
    this.state.messages.set(full.id, full);
    return full;
  }

  private allNames(): string {
    return (
      [...this.commands.values()]
        .flat()
        .map((c) => c.name)
        .join(', ') || 'none'
    );
  }
}

function invalid(at: string, code: string, message: string): FakeHttpError {
  return new FakeHttpError(400, {
    message: 'Invalid Form Body',
    code: 50035,
    errors: { [at || '_']: { _errors: [{ code, message }] } },
  });
}

function checkNameAndDescription(o: Record<string, unknown>, at: string): void {
  if (typeof o.name !== 'string' || !NAME.test(o.name))
    throw invalid(
      `${at}.name`,
      'APPLICATION_COMMAND_INVALID_NAME',
      `Command name is invalid: ${String(o.name)}`,
    );
  if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100)
    throw invalid(`${at}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

function checkOptions(raw: unknown, at: string, depth: number): void {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) throw invalid(at, 'LIST_TYPE_CONVERT', 'Must be a list');
  if (raw.length > 25) throw invalid(at, 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
  let optionalSeen = false;
  const names = new Set<string>();
  raw.forEach((o: Record<string, unknown>, i) => {
    const here = `${at}.${i}`;
    checkNameAndDescription(o, here);
    if (names.has(o.name as string))
      throw invalid(here, 'APPLICATION_COMMAND_OPTIONS_DUPLICATE', 'duplicate');
    names.add(o.name as string);
    const nested =
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      if (depth > 1) throw invalid(here, 'APPLICATION_COMMAND_TOO_DEEP', 'too deep');
      checkOptions(o.options, `${here}.options`, depth + 1);
      return;
    }
    if (o.required) {
      if (optionalSeen)
        throw invalid(
          here,
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
    } else optionalSeen = true;
    if (Array.isArray(o.choices) && o.choices.length > 25)
      throw invalid(`${here}.choices`, 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
  });
}

function checkMessage(body: Record<string, unknown>): void {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000)
    throw invalid('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  if (Array.isArray(body.embeds) && body.embeds.length > 10)
    throw invalid('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
}
