import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { forwardRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { fakeVersion, reloadReport, runtimeFake, SAMPLE_OVERVIEW } from '../../test-support/fake-client';
import type { CodeEditorProps } from './CodeEditor';
import type { MergePaneProps } from './MergePane';
import { CommandsView } from './CommandsView';
import { useCommandsStore } from './commands-store';

// CodeMirror needs layout the test DOM does not have: a textarea stands in for it, showing the
// failure it was given the way the real editor marks it.
vi.mock('./CodeEditor', () => {
  const Fake = forwardRef<unknown, CodeEditorProps>(function Fake({ value, onChange, failure, label }, _ref) {
    return (
      <div>
        <textarea aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
        {failure && <span data-testid="marker">{`marker at ${failure.line}:${failure.column}`}</span>}
      </div>
    );
  });
  return { default: Fake, CodeEditor: Fake };
});

// The merge view needs layout too: two panes stand in for it (disk read-only, mine editable).
vi.mock('./MergePane', () => ({
  default: function FakeMerge(props: MergePaneProps) {
    return (
      <div data-testid="merge-pane">
        <pre data-testid="merge-disk">{props.disk}</pre>
        <textarea
          aria-label="your version"
          defaultValue={props.mine}
          onChange={(e) => props.onMineChange(e.target.value)}
        />
      </div>
    );
  },
}));

const initial = useCommandsStore.getState();
beforeEach(() => useCommandsStore.setState(initial, true));
afterEach(() => cleanup());

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

async function renderView() {
  const disk = new Map([
    ['echo.ts', 'export class Echo {}'],
    ['countdown.ts', 'export class Countdown {}'],
  ]);
  const client = runtimeFake()
    .handle('commands.readFile', ({ file }) => ({
      file,
      content: disk.get(file) ?? '',
      version: fakeVersion(disk.get(file) ?? ''),
    }))
    .handle('commands.writeFile', ({ file, content }) => {
      disk.set(file, content);
      return {
        report: reloadReport({ updated: [file], unchanged: 1, ms: 4.25 }),
        version: fakeVersion(content),
        conflict: null,
      };
    })
    .handle('commands.deleteFile', ({ file }) => ({ report: reloadReport({ removed: [file] }) }))
    .handle('commands.createFile', ({ file, commandName }) => ({ file, content: `// ${commandName}` }))
    .handle('commands.reload', () => reloadReport({ loaded: ['my-command.ts'] }));
  useCommandsStore.getState().setOverview(SAMPLE_OVERVIEW);
  const view = render(
    <ApiProvider client={client}>
      <CommandsView />
    </ApiProvider>,
  );
  return { client, disk, ...view };
}

/** Writes check the base version, as the runtime does: a stale one gets the disk version back. */
function refuseStaleWrites(client: ReturnType<typeof runtimeFake>, disk: Map<string, string>): void {
  client.handle('commands.writeFile', ({ file, content, baseVersion }) => {
    const now = disk.get(file) ?? '';
    if (baseVersion && fakeVersion(now).hash !== baseVersion.hash)
      return {
        report: null,
        version: null,
        conflict: { disk: { content: now, version: fakeVersion(now) } },
      };
    disk.set(file, content);
    return { report: reloadReport({ updated: [file] }), version: fakeVersion(content), conflict: null };
  });
}

async function openEcho() {
  fireEvent.click(screen.getByTitle('Open echo.ts in the editor'));
  await settle();
  return (await screen.findByRole('textbox', { name: 'Source of echo.ts' })) as HTMLTextAreaElement;
}

describe('CommandsView', () => {
  it('lists built-ins and files with their load state and the failure location', async () => {
    await renderView();
    const echo = screen.getByRole('region', { name: 'echo.ts' });
    expect(within(echo).getByText('failed')).toBeTruthy();
    expect(echo.textContent).toContain('echo.ts:5:15');
    expect(echo.textContent).toContain('Unexpected ";"');
    expect(screen.getByRole('region', { name: 'broken.ts' }).textContent).toContain('no version loaded');
    expect(screen.getByRole('region', { name: 'Built-in commands' }).textContent).toContain('cancel');
    expect(screen.getByTestId('command-counts').textContent).toContain('2 failed');
  });

  it('opens a file with its failure marked, tracks changes and saves with Ctrl+S', async () => {
    const { client } = await renderView();
    const editor = await openEcho();
    expect(editor.value).toBe('export class Echo {}');
    expect(screen.getByTestId('marker').textContent).toBe('marker at 5:15');
    expect(screen.getByTestId('load-failure').textContent).toContain(
      'previous version (generation 1) keeps running',
    );
    expect(screen.queryByTestId('unsaved')).toBeNull();

    fireEvent.change(editor, { target: { value: 'export class Echo { x = 1 }' } });
    expect(screen.getByTestId('unsaved')).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    });
    await settle();
    expect(client.calls.find((c) => c.method === 'commands.writeFile')?.input).toEqual({
      file: 'echo.ts',
      content: 'export class Echo { x = 1 }',
      reload: true,
      baseVersion: fakeVersion('export class Echo {}'),
    });
    expect(screen.queryByTestId('unsaved')).toBeNull();
    const report = screen.getByTestId('reload-report');
    expect(report.textContent).toContain('Reloaded in 4.3 ms');
    expect(report.textContent).toContain('1 updated');
    expect(report.textContent).toContain('Save & Reload');
  });

  it('asks before dropping unsaved changes when another file is opened', async () => {
    await renderView();
    const editor = await openEcho();
    fireEvent.change(editor, { target: { value: 'changed' } });
    fireEvent.click(screen.getByTitle('Open countdown.ts in the editor'));
    const dialog = screen.getByRole('dialog', { name: 'Discard unsaved changes?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect((screen.getByRole('textbox', { name: 'Source of echo.ts' }) as HTMLTextAreaElement).value).toBe(
      'changed',
    );
    fireEvent.click(screen.getByTitle('Open countdown.ts in the editor'));
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await settle();
    expect(await screen.findByRole('textbox', { name: 'Source of countdown.ts' })).toBeTruthy();
  });

  it('validates a new command’s names, then creates, loads and opens it', async () => {
    const { client } = await renderView();
    fireEvent.click(screen.getByRole('button', { name: 'New command' }));
    const dialog = screen.getByRole('dialog', { name: 'New command' });
    const file = within(dialog).getByLabelText('File name');
    fireEvent.change(file, { target: { value: 'My Command.ts' } });
    expect(dialog.textContent).toContain('Use a file name like my-command.ts');
    fireEvent.change(file, { target: { value: 'echo.ts' } });
    expect(dialog.textContent).toContain('echo.ts already exists.');
    fireEvent.change(file, { target: { value: 'my-command.ts' } });
    expect((within(dialog).getByLabelText('Command name') as HTMLInputElement).value).toBe('my-command');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create & load' }));
    });
    await settle();
    expect(client.calls.find((c) => c.method === 'commands.createFile')?.input).toEqual({
      file: 'my-command.ts',
      commandName: 'my-command',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      ((await screen.findByRole('textbox', { name: 'Source of my-command.ts' })) as HTMLTextAreaElement)
        .value,
    ).toBe('// my-command');
  });

  it('deletes a file after confirmation', async () => {
    const { client } = await renderView();
    await openEcho();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete echo.ts?' });
    expect(dialog.textContent).toContain('echo');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Delete file' }));
    });
    await settle();
    expect(client.calls.find((c) => c.method === 'commands.deleteFile')?.input).toEqual({ file: 'echo.ts' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Select a command file to edit it')).toBeTruthy();
    expect(screen.getByTestId('reload-report').textContent).toContain('1 removed');
  });

  it('shows a built-in command’s details instead of the editor', async () => {
    await renderView();
    fireEvent.click(screen.getByRole('button', { name: /^cancel/ }));
    expect(screen.getByText(/Built-in commands are part of the runtime/)).toBeTruthy();
  });

  it('a save over a file changed on disk opens the conflict dialog; the operator can take the disk version', async () => {
    const { client, disk } = await renderView();
    refuseStaleWrites(client, disk);
    const editor = await openEcho();
    fireEvent.change(editor, { target: { value: 'mine' } });
    disk.set('echo.ts', 'theirs');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Save & Reload/ }));
    });
    await settle();
    const dialog = await screen.findByRole('dialog', { name: 'echo.ts changed on disk' });
    expect((await within(dialog).findByTestId('merge-disk')).textContent).toBe('theirs');
    expect(disk.get('echo.ts')).toBe('theirs');
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('conflict-take-disk'));
    });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      ((await screen.findByRole('textbox', { name: 'Source of echo.ts' })) as HTMLTextAreaElement).value,
    ).toBe('theirs');
  });

  it('keeping my version from the conflict dialog writes it over the disk version', async () => {
    const { client, disk } = await renderView();
    refuseStaleWrites(client, disk);
    const editor = await openEcho();
    fireEvent.change(editor, { target: { value: 'mine' } });
    disk.set('echo.ts', 'theirs');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Save & Reload/ }));
    });
    const dialog = await screen.findByRole('dialog', { name: 'echo.ts changed on disk' });
    fireEvent.change(await within(dialog).findByRole('textbox', { name: 'your version' }), {
      target: { value: 'theirs and mine' },
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('conflict-keep-mine'));
    });
    await settle();
    expect(disk.get('echo.ts')).toBe('theirs and mine');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
