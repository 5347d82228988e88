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
import {
  checkCallbackType,
  checkMessage,
  checkNameAndDescription,
  checkOptions,
  invalid,
} from './command-validation';
import { FakeHttpError, FILES } from './http-error';
import { checkModal, submitData, type ShownModal } from './modals';
import type { FakeState, RecordedFile } from './state';

export { FakeHttpError };

/** What the bot answered to one interaction, in order. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  /** Who interacted. */
  user: APIUser;
  createdAt: number;
  /** The message a component click or a modal submit from one came from. */
  messageId: string | null;
  /** The callback (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal), once. */
  callback: { type: InteractionResponseType; data: Record<string, unknown> | null; at: number } | null;
  /** The original response message after the callback (edited by PATCH @original). */
  original: APIMessage | null;
  followUps: { body: Record<string, unknown>; message: APIMessage; at: number }[];
  edits: { body: Record<string, unknown>; at: number }[];
  /** The original response was deleted. */
  deleted: boolean;
  /** The modal shown by a type 9 callback, and whether the user submitted it. */
  modal: ShownModal | null;
  modalSubmitted: boolean;
}

/** Options of a slash command invocation, as a user types them (values by option name). */
export type SlashValues = Record<string, string | number | boolean>;

export interface InteractOptions {
  author?: APIUser;
  channelId?: string;
  /** A subcommand to run (the values then belong to it). */
  subcommand?: string;
}

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
    const rows = (sent.components ?? []) as unknown as { components?: Record<string, unknown>[] }[];
    const button = rows.flatMap((row) => row.components ?? []).find((c) => c.custom_id === customId);
    if (!button) throw new Error(`message ${message.id} has no component "${customId}"`);
    if (button.disabled === true)
      throw new Error(`component "${customId}" is disabled: the Discord client cannot click it`);
    return {
      ...this.base(InteractionType.MessageComponent, data, author, message.channelId, message.id),
      message: sent,
    };
  }

  /**
   * MODAL_SUBMIT for the modal the bot showed in answer to interaction `shownBy`, filled with
   * `values` by input custom id. Only the user it was shown to can submit it, once.
   */
  submitModal(shownBy: string, values: Record<string, string>): Record<string, unknown> {
    const record = this.records.get(shownBy);
    if (!record?.modal) throw new Error(`interaction ${shownBy} was not answered with a modal`);
    if (record.modalSubmitted) throw new Error(`the modal of interaction ${shownBy} was submitted already`);
    const data = submitData(record.modal, values);
    record.modalSubmitted = true;
    const payload = this.base(
      InteractionType.ModalSubmit,
      data,
      record.user,
      record.channelId,
      record.messageId,
    );
    const message = record.messageId ? this.state.messages.get(record.messageId) : undefined;
    return message ? { ...payload, message } : payload;
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
    messageId: string | null = null,
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
      messageId,
      callback: null,
      original: null,
      followUps: [],
      edits: [],
      deleted: false,
      modal: null,
      modalSubmitted: false,
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
      attachment_size_limit: this.state.uploadLimit(channel.id),
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

  /**
   * POST /interactions/:id/:token/callback: once per interaction, within 3 s, with the types
   * Discord allows for the interaction. Returns the `with_response` body.
   */
  callback(id: string, token: string, body: Record<string, unknown>): Record<string, unknown> {
    const record = this.records.get(id);
    if (!record || record.token !== token)
      throw new FakeHttpError(404, { message: 'Unknown interaction', code: 10062 });
    if (record.callback)
      throw new FakeHttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    if (Date.now() - record.createdAt > CALLBACK_WINDOW_MS)
      throw new FakeHttpError(404, { message: 'Unknown interaction', code: 10062 });
    const type = body.type as InteractionResponseType;
    const data = (body.data ?? null) as Record<string, unknown> | null;
    // files of a multipart callback belong to the message in `data`
    const files = (body as Record<symbol, unknown>)[FILES];
    if (data && files) (data as Record<symbol, unknown>)[FILES] = files;
    checkCallbackType(record.type, record.messageId !== null, type);
    let modal: ShownModal | null = null;
    if (type === InteractionResponseType.ChannelMessageWithSource) checkMessage(data ?? {});
    if (type === InteractionResponseType.UpdateMessage) checkMessage(data ?? {});
    if (type === InteractionResponseType.Modal) modal = checkModal(data);
    record.callback = { type, data, at: Date.now() };
    let message: APIMessage | null = null;
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      message = record.original = this.message(record, data ?? {});
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      message = record.original = this.message(record, { content: '' });
    } else if (type === InteractionResponseType.UpdateMessage && record.messageId) {
      message = this.update(record.messageId, data ?? {});
    } else if (type === InteractionResponseType.Modal) {
      record.modal = modal;
    }
    return {
      interaction: { id: record.id, type: record.type },
      resource: { type, ...(message ? { message } : {}) },
    };
  }

  /** A message the bot sent, changed in place (an update callback or a webhook edit). */
  private update(messageId: string, body: Record<string, unknown>): APIMessage {
    const old = this.state.messages.get(messageId);
    if (!old) throw new FakeHttpError(404, { message: 'Unknown Message', code: 10008 });
    const fields = ['content', 'embeds', 'components', 'attachments'] as const;
    const changed = { ...old, edited_timestamp: new Date().toISOString() } as APIMessage;
    for (const key of fields)
      if (key in body) (changed as unknown as Record<string, unknown>)[key] = body[key];
    this.state.messages.set(messageId, changed);
    for (const record of this.records.values()) {
      if (record.original?.id === messageId) record.original = changed;
      for (const f of record.followUps) if (f.message.id === messageId) f.message = changed;
    }
    return changed;
  }

  /** POST /webhooks/:app/:token: a follow-up message (only after the interaction was acknowledged). */
  followUp(appId: string, token: string, body: Record<string, unknown>): APIMessage {
    const record = this.webhookRecord(appId, token);
    // follow-ups need an acknowledged interaction with a message response (not a modal)
    const kind = record.callback?.type;
    if (
      !kind ||
      kind === InteractionResponseType.Modal ||
      kind === InteractionResponseType.ApplicationCommandAutocompleteResult
    )
      throw new FakeHttpError(404, { message: 'Unknown Webhook', code: 10015 });
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

  /** PATCH /webhooks/:app/:token/messages/:id: edits a follow-up of the interaction. */
  editFollowUp(appId: string, token: string, messageId: string, body: Record<string, unknown>): APIMessage {
    const record = this.webhookRecord(appId, token);
    const followUp = record.followUps.find((f) => f.message.id === messageId);
    if (!followUp) throw new FakeHttpError(404, { message: 'Unknown Message', code: 10008 });
    checkMessage({ ...followUp.message, ...body });
    record.edits.push({ body: { ...body, message_id: messageId }, at: Date.now() });
    return this.update(messageId, body);
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
    const files = ((body as Record<symbol, unknown>)[FILES] ?? []) as RecordedFile[];
    const size = files.reduce((n, f) => n + f.data.length, 0);
    if (size > this.state.uploadLimit(record.channelId))
      throw new FakeHttpError(413, { message: 'Request entity too large', code: 40005 });
    const message = this.state.message({
      channelId: record.channelId,
      author: this.state.world.bot,
      content: typeof body.content === 'string' ? body.content : '',
      attachments: files.map((f) => this.state.attachment(f.filename, f.data.length, f.contentType)),
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
