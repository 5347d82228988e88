import { ComponentType, TextInputStyle } from 'discord.js';
import { FakeHttpError } from './http-error';

/** One text input of a modal the bot showed, as the user sees it. */
export interface ModalInput {
  customId: string;
  label: string;
  style: TextInputStyle;
  required: boolean;
  minLength: number;
  maxLength: number;
}

/** A modal (callback type 9) after Discord's checks: its id, title, texts and inputs. */
export interface ShownModal {
  customId: string;
  title: string;
  /** Text display contents, in order. */
  texts: string[];
  inputs: ModalInput[];
  raw: Record<string, unknown>;
}

const MAX_TOP_LEVEL = 5;
const MAX_TEXT = 4000;

function invalid(at: string, code: string, message: string): FakeHttpError {
  return new FakeHttpError(400, {
    message: 'Invalid Form Body',
    code: 50035,
    errors: { [at]: { _errors: [{ code, message }] } },
  });
}

function text(value: unknown, at: string, min: number, max: number): string {
  if (typeof value !== 'string') throw invalid(at, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (value.length < min || value.length > max)
    throw invalid(at, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  return value;
}

function optionalText(value: unknown, at: string, max: number): void {
  if (value !== undefined && value !== null) text(value, at, 0, max);
}

function integer(value: unknown, at: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(at, 'NUMBER_TYPE_MAX', `Must be a whole number from ${min} to ${max}.`);
  return value;
}

/** A text input inside a Label (current form) or an action row (legacy form, label on the input). */
function textInput(raw: unknown, at: string, outerLabel: string | null): ModalInput {
  if (typeof raw !== 'object' || raw === null)
    throw invalid(at, 'BASE_TYPE_REQUIRED', 'This field is required');
  const c = raw as Record<string, unknown>;
  if (c.type !== ComponentType.TextInput)
    throw invalid(`${at}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4,).');
  const customId = text(c.custom_id, `${at}.custom_id`, 1, 100);
  if (c.style !== TextInputStyle.Short && c.style !== TextInputStyle.Paragraph)
    throw invalid(`${at}.style`, 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
  const label = outerLabel ?? text(c.label, `${at}.label`, 1, 45);
  if (outerLabel !== null && c.label !== undefined)
    throw invalid(
      `${at}.label`,
      'COMPONENT_LABEL_NOT_ALLOWED',
      'A text input in a label has no label itself.',
    );
  const minLength = integer(c.min_length, `${at}.min_length`, 0, MAX_TEXT, 0);
  const maxLength = integer(c.max_length, `${at}.max_length`, 1, MAX_TEXT, MAX_TEXT);
  if (minLength > maxLength)
    throw invalid(`${at}.min_length`, 'BASE_TYPE_BAD_LENGTH', 'min_length must not exceed max_length.');
  optionalText(c.placeholder, `${at}.placeholder`, 100);
  optionalText(c.value, `${at}.value`, MAX_TEXT);
  return {
    customId,
    label,
    style: c.style as TextInputStyle,
    required: c.required !== false,
    minLength,
    maxLength,
  };
}

/** Discord's checks on a modal response; returns what the user is shown. */
export function checkModal(data: Record<string, unknown> | null): ShownModal {
  if (!data) throw invalid('data', 'BASE_TYPE_REQUIRED', 'This field is required');
  const customId = text(data.custom_id, 'data.custom_id', 1, 100);
  const title = text(data.title, 'data.title', 1, 45);
  const components = data.components;
  if (!Array.isArray(components) || components.length < 1 || components.length > MAX_TOP_LEVEL)
    throw invalid(
      'data.components',
      'BASE_TYPE_BAD_LENGTH',
      `Must be between 1 and ${MAX_TOP_LEVEL} in length.`,
    );
  const texts: string[] = [];
  const inputs: ModalInput[] = [];
  components.forEach((raw: Record<string, unknown>, i) => {
    const at = `data.components.${i}`;
    if (raw?.type === ComponentType.TextDisplay) texts.push(text(raw.content, `${at}.content`, 1, MAX_TEXT));
    else if (raw?.type === ComponentType.Label) {
      const label = text(raw.label, `${at}.label`, 1, 45);
      optionalText(raw.description, `${at}.description`, 100);
      inputs.push(textInput(raw.component, `${at}.component`, label));
    } else if (raw?.type === ComponentType.ActionRow) {
      const row = raw.components;
      if (!Array.isArray(row) || row.length !== 1)
        throw invalid(`${at}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be 1 in length.');
      inputs.push(textInput(row[0], `${at}.components.0`, null));
    } else
      throw invalid(`${at}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
  });
  if (inputs.length === 0) throw invalid('data.components', 'MODAL_NO_INPUTS', 'A modal needs an input.');
  const ids = new Set(inputs.map((input) => input.customId));
  if (ids.size !== inputs.length)
    throw invalid(
      'data.components',
      'COMPONENT_CUSTOM_ID_DUPLICATED',
      'Component custom id cannot be duplicated',
    );
  return { customId, title, texts, inputs, raw: data };
}

/**
 * What a submit of `modal` with `values` (by input custom id) sends: the data of a
 * MODAL_SUBMIT interaction. The Discord client refuses a submit breaking the input's rules, so a
 * test asking for one is a test bug and throws.
 */
export function submitData(modal: ShownModal, values: Record<string, string>): Record<string, unknown> {
  for (const key of Object.keys(values))
    if (!modal.inputs.some((input) => input.customId === key))
      throw new Error(`the modal "${modal.title}" has no input "${key}"`);
  let id = 1;
  const components = modal.inputs.map((input) => {
    const value = values[input.customId] ?? '';
    if (input.required && value === '') throw new Error(`input "${input.label}" is required`);
    if (value !== '' && (value.length < input.minLength || value.length > input.maxLength))
      throw new Error(
        `input "${input.label}" takes ${input.minLength}–${input.maxLength} characters, not ${value.length}`,
      );
    return {
      type: ComponentType.Label,
      id: id++,
      component: { type: ComponentType.TextInput, id: id++, custom_id: input.customId, value },
    };
  });
  return { custom_id: modal.customId, components };
}
