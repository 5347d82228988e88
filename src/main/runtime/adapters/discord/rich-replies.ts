import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type Message,
} from 'discord.js';
import type { Card, ChoicePrompt } from '../../cmdsys/api/rich';

/** custom_id prefix of the bot's choice components: `protos-choice:<ownerId>[:<index>]`. */
export const CHOICE_PREFIX = 'protos-choice:';
/** Past this many options a select menu replaces the buttons. */
const MAX_BUTTONS = 5;

/** A card as a Discord embed. */
export function embedOf(card: Card): APIEmbed {
  return {
    ...(card.title ? { title: card.title } : {}),
    ...(card.description ? { description: card.description } : {}),
    ...(card.url ? { url: card.url } : {}),
    ...(card.color !== undefined ? { color: card.color } : {}),
    ...(card.fields?.length
      ? { fields: card.fields.map((f) => ({ name: f.name, value: f.value, inline: f.inline ?? false })) }
      : {}),
    ...(card.image ? { image: { url: card.image } } : {}),
    ...(card.footer ? { footer: { text: card.footer } } : {}),
  };
}

/** Buttons (up to 5 options) or a select menu for a choice; `disabled` once answered or expired. */
export function componentsOf(
  choices: ChoicePrompt,
  disabled = false,
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const id = `${CHOICE_PREFIX}${choices.ownerId}`;
  if (choices.options.length <= MAX_BUTTONS) {
    return [
      {
        type: ComponentType.ActionRow,
        components: choices.options.map((label, i) => ({
          type: ComponentType.Button,
          style: i === 0 ? ButtonStyle.Primary : ButtonStyle.Secondary,
          label,
          custom_id: `${id}:${i}`,
          disabled,
        })),
      },
    ];
  }
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: id,
          placeholder: 'Choose…',
          disabled,
          options: choices.options.map((label, i) => ({ label, value: String(i) })),
        },
      ],
    },
  ];
}

/** Reads a click: who may answer and which option (0-based), or null when it is not ours. */
export function parseChoiceClick(
  customId: string,
  values: readonly string[] | null,
): { ownerId: string; index: number } | null {
  if (!customId.startsWith(CHOICE_PREFIX)) return null;
  const [ownerId, index] = customId.slice(CHOICE_PREFIX.length).split(':');
  const raw = values ? values[0] : index;
  if (!ownerId || raw === undefined || !/^\d+$/.test(raw)) return null;
  return { ownerId, index: Number(raw) };
}

/** A message's component rows with every component disabled (an answered or expired choice). */
export function disabledRows(
  message: Pick<Message, 'components'>,
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return message.components.map((row) => {
    const json = row.toJSON() as APIActionRowComponent<APIComponentInMessageActionRow>;
    return { ...json, components: json.components.map((c) => ({ ...c, disabled: true })) };
  });
}
