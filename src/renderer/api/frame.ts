import { EVENT_NAMES, type EventFrame } from '../../shared/contract';

const KNOWN = new Set<string>(EVENT_NAMES);

/**
 * Parses one WebSocket message into an EventFrame. Unknown events are dropped (an older
 * panel talking to a newer runtime); anything that is not a frame yields an empty one.
 */
export function parseFrame(text: unknown): EventFrame {
  if (typeof text !== 'string') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item): item is EventFrame[number] =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { event?: unknown }).event === 'string' &&
      KNOWN.has((item as { event: string }).event) &&
      'data' in item,
  );
}
