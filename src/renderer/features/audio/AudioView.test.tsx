import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AudioStateDto, PlayerDto } from '../../../shared/dto/audio';
import { ApiProvider } from '../../api/api-context';
import { runtimeFake } from '../../test-support/fake-client';
import { AudioView } from './AudioView';
import { useAudioStore } from './audio-store';
import { clock, livePosition } from './clock';

const item = (id: number, title: string) => ({
  id,
  title,
  source: `/sounds/${title}.ogg`,
  kind: 'file' as const,
  requester: 'Console',
  durationMs: 61_000,
});

function player(overrides: Partial<PlayerDto> = {}): PlayerDto {
  return {
    guildId: 'console',
    channelId: 'console-sink',
    output: { kind: 'null', state: 'playing', detail: null },
    paused: false,
    loop: 'off',
    volume: 100,
    current: { ...item(1, 'intro'), positionMs: 30_500, state: 'playing', seekable: true },
    upcoming: [item(2, 'two'), item(3, 'three'), item(4, 'four')],
    layers: [{ id: 9, title: 'ding', volume: 100, positionMs: 100 }],
    lastError: null,
    updatedAt: 0,
    ...overrides,
  };
}

function state(p: PlayerDto[] = [player()]): AudioStateDto {
  return { available: true, problem: null, players: p, downloads: [], sounds: ['a.ogg', 'b.ogg'] };
}

const initial = useAudioStore.getState();
beforeEach(() => useAudioStore.setState(initial, true));
afterEach(cleanup);

function renderView(client = runtimeFake()) {
  const ok = () => ({ ok: true as const });
  client
    .handle('audio.reorder', ok)
    .handle('audio.remove', ok)
    .handle('audio.control', ok)
    .handle('audio.setLoop', ok)
    .handle('audio.setVolume', ok);
  render(
    <ApiProvider client={client}>
      <AudioView />
    </ApiProvider>,
  );
  return client;
}

describe('AudioView', () => {
  it('shows now playing with elapsed/total, the layers and the queue', () => {
    useAudioStore.getState().setAudio(state());
    renderView();
    const card = screen.getByRole('region', { name: 'Player console' });
    expect(within(card).getByTestId('now-playing').textContent).toContain('intro');
    expect(within(card).getByText(/0:30 \/ 1:01/)).toBeTruthy();
    expect(within(card).getByLabelText('Mixed layers').textContent).toContain('ding');
    const rows = within(screen.getByRole('list', { name: 'Queue' })).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.queue-title')?.textContent)).toEqual(['two', 'three', 'four']);
    expect(within(card).getByTestId('voice-state').textContent).toBe('console sink · playing');
  });

  it('drag handles are keyboard-operable sortable buttons (the reorder itself runs in e2e/audio.spec.ts)', () => {
    useAudioStore.getState().setAudio(state());
    renderView();
    const handle = screen.getByRole('button', { name: /Move two \(position 1\)/ });
    expect(handle.getAttribute('aria-roledescription')).toBe('sortable');
    expect(handle.getAttribute('tabindex')).toBe('0');
    expect(handle.getAttribute('aria-describedby')).toBeTruthy();
  });

  it('remove, skip, pause, loop and volume call the runtime', async () => {
    useAudioStore.getState().setAudio(state());
    const client = renderView();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove three' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Skip' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /Pause/ })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'loop all' })));
    await act(async () => fireEvent.change(screen.getByLabelText('Volume'), { target: { value: '150' } }));
    expect(client.calls.filter((c) => c.method.startsWith('audio.') && c.method !== 'audio.state')).toEqual([
      { method: 'audio.remove', input: { guildId: 'console', itemId: 3 } },
      { method: 'audio.control', input: { guildId: 'console', action: 'skip' } },
      { method: 'audio.control', input: { guildId: 'console', action: 'pause' } },
      { method: 'audio.setLoop', input: { guildId: 'console', mode: 'all' } },
      { method: 'audio.setVolume', input: { guildId: 'console', volume: 150 } },
    ]);
  });

  it('shows downloads, the last skipped item and a disconnected voice state', () => {
    useAudioStore.getState().setAudio({
      ...state([
        player({
          guildId: 'discord-42',
          output: { kind: 'discord', state: 'disconnected', detail: 'voice socket closed' },
          lastError: { title: 'broken', reason: 'ffmpeg failed (exit 1)', at: 0 },
        }),
      ]),
      downloads: [{ url: 'http://127.0.0.1/x.ogg', received: 2048, total: 4096, state: 'downloading' }],
    });
    renderView();
    expect(screen.getByRole('region', { name: 'Downloads' }).textContent).toContain('2 KiB / 4 KiB');
    const card = screen.getByRole('region', { name: 'Player discord-42' });
    expect(within(card).getByTestId('voice-state').textContent).toBe(
      'Discord voice · disconnected — voice socket closed',
    );
    expect(card.textContent).toContain('Skipped broken: ffmpeg failed (exit 1)');
    expect(card.textContent).toContain('Discord 42');
  });

  it('says when audio is unavailable and why', () => {
    useAudioStore.getState().setAudio({ ...state([]), available: false, problem: 'ffmpeg was not found' });
    renderView();
    expect(screen.getByText(/Audio is not available: ffmpeg was not found/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Join console sink' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});

describe('clock', () => {
  it('formats and extrapolates positions', () => {
    expect(clock(null)).toBe('?');
    expect(clock(61_999)).toBe('1:01');
    expect(clock(3_726_000)).toBe('1:02:06');
    expect(livePosition(1_000, 5_000, true, 100, 1_100)).toBe(2_000);
    expect(livePosition(1_000, 1_500, true, 100, 9_000)).toBe(1_500);
    expect(livePosition(1_000, null, false, 100, 9_000)).toBe(1_000);
  });
});
