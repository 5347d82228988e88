/** `m:ss` or `h:mm:ss`; `?` when unknown. */
export function clock(ms: number | null): string {
  if (ms === null) return '?';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Where playback is now: the reported position plus the time since, while it plays. */
export function livePosition(
  positionMs: number,
  durationMs: number | null,
  playing: boolean,
  reportedAt: number,
  now: number,
): number {
  const pos = playing ? positionMs + Math.max(0, now - reportedAt) : positionMs;
  return durationMs !== null ? Math.min(pos, durationMs) : pos;
}
