import type { Adapter, Outgoing } from '../../adapters/types';
import { splitMessage } from '../../text/split-message';
import { ChannelUnavailable } from '../api/errors';
import type { ChannelAddress } from '../api/refs';
import type { SendContent } from '../api/send';

/**
 * `env.send`: delivers text and files to any channel of any running adapter, outside of an
 * invocation (its output is the response manager's). Text is split to the adapter's limits;
 * files go with the last chunk. An unknown or stopped adapter is a ChannelUnavailable error.
 */
export function createChannelSender(adapterOf: (id: string) => Adapter | undefined) {
  return async function send(address: ChannelAddress, content: SendContent): Promise<void> {
    const { adapterId, channelId } = checkAddress(address);
    const adapter = adapterOf(adapterId);
    if (!adapter) throw new ChannelUnavailable(adapterId, channelId, 'there is no such adapter');
    if (adapter.status().state === 'stopped')
      throw new ChannelUnavailable(adapterId, channelId, 'its adapter is stopped');
    const body = typeof content === 'string' ? { text: content } : (content ?? {});
    if (typeof body !== 'object') throw new TypeError('send(): content must be text or { text, files }');
    const files = body.files ?? [];
    let text = body.text === undefined ? '' : String(body.text);
    if (text !== '' && body.mention)
      text = `${adapter.mentionPrefix?.(body.mention) ?? `${body.mention}, `}${text}`;
    if (text === '' && files.length === 0) throw new TypeError('send(): nothing to send (no text, no files)');
    const chunks = text === '' ? [''] : splitMessage(text, adapter.limits);
    const channel = { id: channelId, name: address.channel.name ?? channelId };
    for (let i = 0; i < chunks.length; i++) {
      const out: Outgoing = { channel, text: chunks[i]! };
      if (i === chunks.length - 1 && files.length > 0) out.files = files;
      await adapter.send(out);
    }
  };
}

function checkAddress(address: ChannelAddress): { adapterId: string; channelId: string } {
  const adapterId: unknown = address?.adapterId;
  const channelId: unknown = address?.channel?.id;
  if (typeof adapterId !== 'string' || adapterId === '' || typeof channelId !== 'string' || channelId === '')
    throw new TypeError(
      'send(): the address must be { adapterId, channel: { id, name } } (e.g. this.channelAddress)',
    );
  return { adapterId, channelId };
}
