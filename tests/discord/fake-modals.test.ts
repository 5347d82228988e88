// The local server's modal rules (callback type 9 and MODAL_SUBMIT), as Discord documents them:
// a test passing against it must not send a modal Discord would refuse.
import { ComponentType, TextInputStyle } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { FakeHttpError } from './fake-discord/http-error';
import { checkModal, submitData } from './fake-discord/modals';

const input = (extra: Record<string, unknown> = {}) => ({
  type: ComponentType.TextInput,
  custom_id: 'answer',
  style: TextInputStyle.Paragraph,
  ...extra,
});
const modal = (extra: Record<string, unknown> = {}) => ({
  custom_id: 'protos-ask:1:abc',
  title: 'Question',
  components: [
    { type: ComponentType.TextDisplay, content: 'What is your name?' },
    { type: ComponentType.Label, label: 'Your answer', component: input({ max_length: 10, min_length: 2 }) },
  ],
  ...extra,
});
const refusal = (data: Record<string, unknown> | null): unknown => {
  try {
    checkModal(data);
  } catch (err) {
    if (err instanceof FakeHttpError) return { status: err.status, errors: err.body.errors };
    throw err;
  }
  return null;
};

describe('the fake Discord checks modals', () => {
  it('reads a valid modal (label + text input, and the legacy action row form)', () => {
    expect(checkModal(modal())).toMatchObject({
      customId: 'protos-ask:1:abc',
      title: 'Question',
      texts: ['What is your name?'],
      inputs: [{ customId: 'answer', label: 'Your answer', required: true, minLength: 2, maxLength: 10 }],
    });
    const legacy = modal({
      components: [
        { type: ComponentType.ActionRow, components: [input({ label: 'Name', required: false })] },
      ],
    });
    expect(checkModal(legacy).inputs).toEqual([expect.objectContaining({ label: 'Name', required: false })]);
  });

  it('refuses what Discord refuses, naming the field', () => {
    expect(refusal(null)).toMatchObject({ status: 400 });
    expect(refusal(modal({ title: 'x'.repeat(46) }))).toMatchObject({ errors: { 'data.title': {} } });
    expect(refusal(modal({ title: '' }))).toMatchObject({ errors: { 'data.title': {} } });
    expect(refusal(modal({ custom_id: 'x'.repeat(101) }))).toMatchObject({
      errors: { 'data.custom_id': {} },
    });
    expect(refusal(modal({ components: [] }))).toMatchObject({ errors: { 'data.components': {} } });
    expect(
      refusal(modal({ components: [{ type: ComponentType.TextDisplay, content: 'no input' }] })),
    ).toMatchObject({
      errors: { 'data.components': {} },
    });
    const label = (extra: Record<string, unknown>, inner: Record<string, unknown> = {}) =>
      modal({ components: [{ type: ComponentType.Label, label: 'L', component: input(inner), ...extra }] });
    expect(refusal(label({ label: 'x'.repeat(46) }))).toMatchObject({
      errors: { 'data.components.0.label': {} },
    });
    expect(refusal(label({ description: 'x'.repeat(101) }))).toMatchObject({
      errors: { 'data.components.0.description': {} },
    });
    expect(refusal(label({}, { style: 3 }))).toMatchObject({
      errors: { 'data.components.0.component.style': {} },
    });
    expect(refusal(label({}, { max_length: 4001 }))).toMatchObject({
      errors: { 'data.components.0.component.max_length': {} },
    });
    expect(refusal(label({}, { min_length: 5, max_length: 4 }))).toMatchObject({
      errors: { 'data.components.0.component.min_length': {} },
    });
    expect(refusal(label({}, { placeholder: 'x'.repeat(101) }))).toMatchObject({
      errors: { 'data.components.0.component.placeholder': {} },
    });
    expect(refusal(label({}, { label: 'twice' }))).toMatchObject({
      errors: { 'data.components.0.component.label': {} },
    });
    expect(refusal(modal({ components: [{ type: ComponentType.Button }] }))).toMatchObject({
      errors: { 'data.components.0.type': {} },
    });
    const twice = { type: ComponentType.Label, label: 'L', component: input() };
    expect(refusal(modal({ components: [twice, twice] }))).toMatchObject({
      errors: { 'data.components': {} },
    });
    expect(refusal(modal({ components: Array.from({ length: 6 }, () => twice) }))).toMatchObject({
      errors: { 'data.components': {} },
    });
  });

  it('a submit follows the input rules the Discord client enforces', () => {
    const shown = checkModal(modal());
    expect(submitData(shown, { answer: 'Pat' })).toEqual({
      custom_id: 'protos-ask:1:abc',
      components: [
        {
          type: ComponentType.Label,
          id: 1,
          component: { type: ComponentType.TextInput, id: 2, custom_id: 'answer', value: 'Pat' },
        },
      ],
    });
    expect(() => submitData(shown, {})).toThrow(/required/);
    expect(() => submitData(shown, { answer: 'P' })).toThrow(/2–10 characters/);
    expect(() => submitData(shown, { answer: 'x'.repeat(11) })).toThrow(/2–10 characters/);
    expect(() => submitData(shown, { answer: 'Pat', other: 'x' })).toThrow(/no input "other"/);
  });
});
