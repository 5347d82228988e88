import { VoiceConnectionDisconnectReason, VoiceConnectionStatus } from '@discordjs/voice';
import type { VoiceConnectionDisconnectedState } from '@discordjs/voice';
import { describe, expect, it } from 'vitest';
import { describeClose, describeDisconnect, isRemoval } from './recovery';

const disconnected = (extra: object): VoiceConnectionDisconnectedState =>
  ({
    status: VoiceConnectionStatus.Disconnected,
    adapter: null,
    ...extra,
  }) as unknown as VoiceConnectionDisconnectedState;

describe('voice disconnect reasons', () => {
  it('names known close codes and keeps unknown ones as numbers', () => {
    expect(describeClose(4014)).toMatch(/code 4014: .*kicked, moved or the channel was deleted/);
    expect(describeClose(4017)).toMatch(/DAVE/);
    expect(describeClose(4999)).toBe('voice connection closed (code 4999)');
  });

  it('tells a removal (4014) from other disconnects', () => {
    const kicked = disconnected({ reason: VoiceConnectionDisconnectReason.WebSocketClose, closeCode: 4014 });
    expect(isRemoval(kicked)).toBe(true);
    expect(describeDisconnect(kicked)).toMatch(/4014/);
    const adapterGone = disconnected({ reason: VoiceConnectionDisconnectReason.AdapterUnavailable });
    expect(isRemoval(adapterGone)).toBe(false);
    expect(describeDisconnect(adapterGone)).toMatch(/gateway is not connected/);
    expect(
      describeDisconnect(disconnected({ reason: VoiceConnectionDisconnectReason.EndpointRemoved })),
    ).toMatch(/endpoint/);
  });
});
