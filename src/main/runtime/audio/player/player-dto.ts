import type { QueueItemDto } from '../../../../shared/dto/audio';
import type { QueueItem } from '../queue/audio-queue';

export function itemDto(item: QueueItem): QueueItemDto {
  const { sound } = item;
  return {
    id: item.id,
    title: sound.title,
    source: sound.source,
    kind: sound.kind,
    requester: sound.requester,
    durationMs: sound.durationMs,
  };
}
