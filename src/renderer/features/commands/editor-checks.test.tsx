import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { forwardRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../shared/dto/command-history';
import { ApiProvider } from '../../api/api-context';
import { fakeVersion, reloadReport, runtimeFake, SAMPLE_OVERVIEW } from '../../test-support/fake-client';
import type { CodeEditorProps } from './CodeEditor';
import { CommandsView } from './CommandsView';
import { useCommandsStore } from './commands-store';
import type { DiffPaneProps } from './DiffPane';
import { TypeCheckerContext, type TypeChecker, type TypeCheckerSource } from './types/type-checker';
import type { TypeErrorInfo } from './types/type-errors';

// CodeMirror needs layout the test DOM does not have: textareas stand in for the editor and diff.
vi.mock('./CodeEditor', () => {
  const Fake = forwardRef<unknown, CodeEditorProps>(function Fake({ value, onChange, label }, _ref) {
    return <textarea aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
  });
  return { default: Fake, CodeEditor: Fake };
});
vi.mock('./DiffPane', () => ({
  default: function FakeDiff(props: DiffPaneProps) {
    return (
      <div data-testid="history-diff">
        <pre data-testid="diff-before">{props.before}</pre>
        <pre data-testid="diff-after">{props.after}</pre>
      </div>
    );
  },
}));

const initial = useCommandsStore.getState();
beforeEach(() => useCommandsStore.setState(initial, true));
afterEach(() => cleanup());
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

const typeError = (line: number, message: string, kind: 'type' | 'syntax' = 'type'): TypeErrorInfo => ({
  line,
  column: 3,
  message,
  code: kind === 'type' ? 2322 : 1109,
  kind,
});

/** A type checker answering `errors` for every content it is asked about. */
function checkerWith(errors: TypeErrorInfo[] | Error | null) {
  const asked: { path: string; code: string }[] = [];
  const source: TypeCheckerSource = () =>
    Promise.resolve(
      errors === null
        ? null
        : ({
            typeErrors: (input: { path: string; code: string }) => {
              asked.push(input);
              return errors instanceof Error ? Promise.reject(errors) : Promise.resolve(errors);
            },
          } as unknown as TypeChecker),
    );
  return { source, asked };
}

const entry = (savedAt: number, content: string, source: HistoryEntry['source']): HistoryEntry => {
  const hash = fakeVersion(content).hash;
  return {
    id: `${String(savedAt).padStart(13, '0')}-${hash}`,
    savedAt,
    bytes: content.length,
    hash,
    source,
    restoredFrom: null,
  };
};

async function renderView(source: TypeCheckerSource, options: { historyFails?: boolean } = {}) {
  const disk = new Map([['echo.ts', 'export class Echo {}']]);
  const versions = [
    entry(2_000, 'export class Echo {}', 'panel-browser'),
    entry(1_000, 'export class Echo { old = 1 }', 'disk'),
  ];
  const client = runtimeFake()
    .handle('commands.readFile', ({ file }) => ({
      file,
      content: disk.get(file) ?? '',
      version: fakeVersion(disk.get(file) ?? ''),
    }))
    .handle('commands.writeFile', ({ file, content }) => {
      disk.set(file, content);
      return { report: reloadReport({ updated: [file] }), version: fakeVersion(content), conflict: null };
    })
    .handle('commands.history', () => {
      if (options.historyFails) throw new Error('the history index of "echo.ts" is damaged');
      return { versions };
    })
    .handle('commands.historyVersion', ({ id }) => {
      const v = versions.find((x) => x.id === id)!;
      return {
        entry: v,
        content: v.source === 'disk' ? 'export class Echo { old = 1 }' : 'export class Echo {}',
      };
    })
    .handle('commands.rollback', ({ file, id }) => {
      const restored = 'export class Echo { old = 1 }';
      disk.set(file, restored);
      return {
        report: reloadReport({ updated: [file] }),
        version: fakeVersion(restored),
        conflict: null,
        entry: { ...entry(3_000, restored, 'rollback'), restoredFrom: id },
      };
    });
  useCommandsStore.getState().setOverview(SAMPLE_OVERVIEW);
  render(
    <ApiProvider client={client}>
      <TypeCheckerContext.Provider value={source}>
        <CommandsView />
      </TypeCheckerContext.Provider>
    </ApiProvider>,
  );
  fireEvent.click(screen.getByTitle('Open echo.ts in the editor'));
  await settle();
  const editor = (await screen.findByRole('textbox', { name: 'Source of echo.ts' })) as HTMLTextAreaElement;
  return { client, disk, editor };
}

const saveButton = () => screen.getByRole('button', { name: /Save & Reload/ });
const writes = (client: { calls: { method: string }[] }) =>
  client.calls.filter((c) => c.method === 'commands.writeFile').length;

describe('Save & Reload with type errors', () => {
  it('asks first, listing the errors; Keep editing writes nothing', async () => {
    const { source, asked } = checkerWith([
      typeError(4, "Type 'number' is not assignable to type 'string'."),
      typeError(9, 'Cannot find name x.'),
    ]);
    const { client, editor } = await renderView(source);
    fireEvent.change(editor, { target: { value: 'export class Echo { name: string = 1 }' } });
    fireEvent.click(saveButton());
    await settle();
    expect(asked).toEqual([{ path: '/commands/echo.ts', code: 'export class Echo { name: string = 1 }' }]);
    const dialog = screen.getByRole('dialog', { name: 'Save with 2 type errors?' });
    expect(within(dialog).getByTestId('type-error-list').textContent).toContain(
      "4:3Type 'number' is not assignable",
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(writes(client)).toBe(0);
    expect(screen.getByTestId('unsaved')).toBeTruthy();
  });

  it('saves anyway when the operator says so', async () => {
    const { source } = checkerWith([typeError(1, 'bad')]);
    const { client, disk, editor } = await renderView(source);
    fireEvent.change(editor, { target: { value: 'v2' } });
    fireEvent.click(saveButton());
    await settle();
    expect(screen.getByRole('dialog', { name: 'Save with 1 type error?' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('save-anyway'));
    await settle();
    expect(writes(client)).toBe(1);
    expect(disk.get('echo.ts')).toBe('v2');
  });

  it('saves at once without type errors, with only syntax errors (the reload reports those), or without a checker', async () => {
    for (const errors of [
      [],
      [typeError(2, 'Expression expected.', 'syntax')],
      null,
      new Error('worker died'),
    ]) {
      const { source } = checkerWith(errors);
      const { client, editor } = await renderView(source);
      fireEvent.change(editor, { target: { value: 'export class Echo { y = 2 }' } });
      fireEvent.click(saveButton());
      await settle();
      await settle();
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(writes(client)).toBe(1);
      cleanup();
      useCommandsStore.setState(initial, true);
    }
  });
});

describe('History of a command file', () => {
  it('lists the versions with time, size and who saved them, and diffs one against the editor', async () => {
    await renderView(checkerWith(null).source);
    fireEvent.click(screen.getByTestId('open-history'));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'History of echo.ts' });
    const items = within(dialog).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('newest');
    expect(items[0]!.textContent).toContain('panel (browser)');
    expect(items[1]!.textContent).toContain('outside the panel');
    expect(items[1]!.textContent).toContain('29 bytes');
    // the newest is the editor's content: nothing to roll back to
    expect(await within(dialog).findByText(/They are the same/)).toBeTruthy();
    expect((within(dialog).getByTestId('history-rollback') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(items[1]!).getByRole('button'));
    await settle();
    expect(within(dialog).getByTestId('diff-before').textContent).toBe('export class Echo { old = 1 }');
    expect(within(dialog).getByTestId('diff-after').textContent).toBe('export class Echo {}');
  });

  it('rolls back in one click: saved as new and reloaded, the editor shows it', async () => {
    const { client } = await renderView(checkerWith(null).source);
    fireEvent.click(screen.getByTestId('open-history'));
    await settle();
    fireEvent.click(within(screen.getAllByRole('listitem')[1]!).getByRole('button'));
    await settle();
    fireEvent.click(screen.getByTestId('history-rollback'));
    await settle();
    await settle();
    const call = client.calls.find((c) => c.method === 'commands.rollback');
    expect(call?.input).toEqual({
      file: 'echo.ts',
      id: `0000000001000-${fakeVersion('export class Echo { old = 1 }').hash}`,
      baseVersion: fakeVersion('export class Echo {}'),
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      ((await screen.findByRole('textbox', { name: 'Source of echo.ts' })) as HTMLTextAreaElement).value,
    ).toBe('export class Echo { old = 1 }');
    expect(screen.queryByTestId('unsaved')).toBeNull();
    expect(screen.getByTestId('reload-report').textContent).toContain('Rollback');
  });

  it('says when the history cannot be loaded, and the editor keeps its content', async () => {
    const { editor } = await renderView(checkerWith(null).source, { historyFails: true });
    fireEvent.change(editor, { target: { value: 'kept' } });
    fireEvent.click(screen.getByTestId('open-history'));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'History of echo.ts' });
    expect(within(dialog).getByRole('alert').textContent).toContain('history index of "echo.ts" is damaged');
    expect((within(dialog).getByTestId('history-rollback') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(editor.value).toBe('kept');
  });
});
