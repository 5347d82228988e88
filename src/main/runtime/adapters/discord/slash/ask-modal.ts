import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';

/** custom_id prefix of an ask() modal and of its "Answer" button: `protos-ask:<ownerId>:<key>`. */
export const ASK_PREFIX = 'protos-ask:';
/** The text input of the modal. */
export const ANSWER_INPUT = 'answer';

/** Discord's limits: modal title 45, text display 4000, text input 4000 characters. */
const TITLE_MAX = 45;
const TEXT_MAX = 4000;

export function askCustomId(ownerId: string, key: string): string {
  return `${ASK_PREFIX}${ownerId}:${key}`;
}

/** Reads an ask custom id: who may answer and which question; null when it is not one. */
export function parseAskId(customId: string): { ownerId: string; key: string } | null {
  if (!customId.startsWith(ASK_PREFIX)) return null;
  const [ownerId, key] = customId.slice(ASK_PREFIX.length).split(':');
  return ownerId && key ? { ownerId, key } : null;
}

/** The modal asking `prompt`: the question as text, one paragraph input for the answer. */
export function askModal(
  prompt: string,
  customId: string,
  title: string,
): APIModalInteractionResponseCallbackData {
  const shortTitle = title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
  return {
    custom_id: customId,
    title: shortTitle || 'Answer',
    components: [
      { type: ComponentType.TextDisplay, content: prompt.slice(0, TEXT_MAX) || 'Your answer:' },
      {
        type: ComponentType.Label,
        label: 'Your answer',
        component: {
          type: ComponentType.TextInput,
          custom_id: ANSWER_INPUT,
          style: TextInputStyle.Paragraph,
          required: true,
          min_length: 1,
          max_length: TEXT_MAX,
        },
      },
    ],
  };
}

/** The "Answer" button under a question asked as a follow-up (its click opens the modal). */
export function answerRow(
  customId: string,
  disabled = false,
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'Answer',
          custom_id: customId,
          disabled,
        },
      ],
    },
  ];
}
