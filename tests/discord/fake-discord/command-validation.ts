import { ApplicationCommandOptionType, InteractionResponseType, InteractionType } from 'discord.js';
import { FakeHttpError } from './http-error';

/** Discord's rule for chat input command and option names. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function invalid(at: string, code: string, message: string): FakeHttpError {
  return new FakeHttpError(400, {
    message: 'Invalid Form Body',
    code: 50035,
    errors: { [at || '_']: { _errors: [{ code, message }] } },
  });
}

export function checkNameAndDescription(o: Record<string, unknown>, at: string): void {
  if (typeof o.name !== 'string' || !NAME.test(o.name))
    throw invalid(
      `${at}.name`,
      'APPLICATION_COMMAND_INVALID_NAME',
      `Command name is invalid: ${String(o.name)}`,
    );
  if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100)
    throw invalid(`${at}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

export function checkOptions(raw: unknown, at: string, depth: number): void {
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

/** Discord's checks on a message body (content and embed counts). */
export function checkMessage(body: Record<string, unknown>): void {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000)
    throw invalid('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  if (Array.isArray(body.embeds) && body.embeds.length > 10)
    throw invalid('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
}

/** The callback types Discord accepts for each kind of interaction. */
export function checkCallbackType(
  interaction: InteractionType,
  fromMessage: boolean,
  type: InteractionResponseType,
): void {
  const T = InteractionResponseType;
  const allowed: InteractionResponseType[] = {
    [InteractionType.Ping]: [T.Pong],
    [InteractionType.ApplicationCommand]: [
      T.ChannelMessageWithSource,
      T.DeferredChannelMessageWithSource,
      T.Modal,
    ],
    [InteractionType.MessageComponent]: [
      T.ChannelMessageWithSource,
      T.DeferredChannelMessageWithSource,
      T.DeferredMessageUpdate,
      T.UpdateMessage,
      T.Modal,
    ],
    [InteractionType.ApplicationCommandAutocomplete]: [T.ApplicationCommandAutocompleteResult],
    [InteractionType.ModalSubmit]: fromMessage
      ? [
          T.ChannelMessageWithSource,
          T.DeferredChannelMessageWithSource,
          T.DeferredMessageUpdate,
          T.UpdateMessage,
        ]
      : [T.ChannelMessageWithSource, T.DeferredChannelMessageWithSource],
  }[interaction];
  if (!allowed.includes(type))
    throw new FakeHttpError(400, {
      message: `Interaction callback type ${type} is not valid for interaction type ${interaction}`,
      code: 50035,
    });
}
