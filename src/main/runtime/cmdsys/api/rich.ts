import { IllegalArgument } from './errors';

/** A rich reply: an embed on Discord, readable text on IRC and the console. */
export interface Card {
  title?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  /** 0xRRGGBB. */
  color?: number;
  /** An image URL shown in the card (a link in text form). */
  image?: string;
  footer?: string;
  /** Where the title links to. */
  url?: string;
}

/** A question with fixed answers, sent with the prompt (buttons or a select menu on Discord). */
export interface ChoicePrompt {
  options: readonly string[];
  /** Only this user's answer counts (the invoker). */
  ownerId: string;
  /** When the answer stops being accepted (buttons are disabled then). */
  timeoutMs: number;
}

/** A free-text question (`ask()`): on Discord a slash command's invoker can answer it in a modal. */
export interface AskPrompt {
  /** Only this user's answer counts (the invoker). */
  ownerId: string;
  /** When the answer stops being accepted. */
  timeoutMs: number;
}

export interface ChooseOptions {
  /** How long to wait for the answer (default 60 s). */
  timeoutMs?: number;
}

/** Discord's limits, applied everywhere so a card reads the same on every network. */
const LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048 };
const MAX_OPTIONS = 25;
const MAX_OPTION_LENGTH = 80;

/** Checks a card against Discord's limits; throws a TypeError naming the problem. */
export function checkCard(card: Card): void {
  if (typeof card !== 'object' || card === null) throw new TypeError('respondCard: expected a card object');
  const tooLong = (what: string, text: string | undefined, max: number): void => {
    if (text !== undefined && (typeof text !== 'string' || text.length > max))
      throw new TypeError(`respondCard: ${what} must be text of at most ${max} characters`);
  };
  tooLong('title', card.title, LIMITS.title);
  tooLong('description', card.description, LIMITS.description);
  tooLong('footer', card.footer, LIMITS.footer);
  if (card.fields !== undefined) {
    if (!Array.isArray(card.fields) || card.fields.length > LIMITS.fields)
      throw new TypeError(`respondCard: at most ${LIMITS.fields} fields`);
    for (const f of card.fields) {
      tooLong('a field name', f.name, LIMITS.fieldName);
      tooLong('a field value', f.value, LIMITS.fieldValue);
      if (!f.name || !f.value) throw new TypeError('respondCard: every field needs a name and a value');
    }
  }
  if (card.color !== undefined && (!Number.isInteger(card.color) || card.color < 0 || card.color > 0xffffff))
    throw new TypeError('respondCard: color must be a number from 0 to 0xFFFFFF');
  for (const key of ['image', 'url'] as const) {
    const value = card[key];
    if (value !== undefined && !/^https?:\/\/\S+$/.test(value))
      throw new TypeError(`respondCard: ${key} must be an http(s) URL`);
  }
  if (!card.title && !card.description && !card.fields?.length && !card.image)
    throw new TypeError('respondCard: the card is empty (give a title, description, fields or image)');
}

/** The card as plain text for networks without embeds. */
export function cardText(card: Card): string {
  const lines: string[] = [];
  if (card.title) lines.push(card.url ? `${card.title} <${card.url}>` : card.title);
  if (card.description) lines.push(card.description);
  for (const f of card.fields ?? []) lines.push(`${f.name}: ${f.value}`);
  if (card.image) lines.push(`[image] ${card.image}`);
  if (card.footer) lines.push(`— ${card.footer}`);
  return lines.join('\n');
}

/** Checks choose() options: 1 to 25 distinct non-empty texts of at most 80 characters. */
export function checkChoices(options: readonly string[]): void {
  if (!Array.isArray(options) || options.length < 1 || options.length > MAX_OPTIONS)
    throw new TypeError(`choose: give 1 to ${MAX_OPTIONS} options`);
  const seen = new Set<string>();
  for (const o of options) {
    if (typeof o !== 'string' || o.trim() === '' || o.length > MAX_OPTION_LENGTH)
      throw new TypeError(
        `choose: every option must be non-empty text of at most ${MAX_OPTION_LENGTH} characters`,
      );
    if (seen.has(o.toLowerCase())) throw new TypeError(`choose: option "${o}" is given twice`);
    seen.add(o.toLowerCase());
  }
}

/** The prompt with its numbered options, as text networks show it. */
export function choiceText(prompt: string, options: readonly string[]): string {
  const list = options.map((o, i) => `${i + 1}) ${o}`).join('\n');
  return `${prompt}\n${list}\n(answer with a number from 1 to ${options.length})`;
}

/** The option an answer names: its number, or its text (any case); throws IllegalArgument otherwise. */
export function matchChoice(answer: string, options: readonly string[]): string {
  const text = answer.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= options.length) return options[n - 1]!;
  }
  const named = options.find((o) => o.toLowerCase() === text.toLowerCase());
  if (named !== undefined) return named;
  throw new IllegalArgument(
    `"${text}" is none of the options; answer with a number from 1 to ${options.length}`,
  );
}
