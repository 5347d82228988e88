import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 640;
export const MIN_HEIGHT = 420;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 820;
/** How much of a restored window must land on a display, so it can be grabbed and moved. */
const MIN_VISIBLE_WIDTH = 100;
const TITLE_BAR_HEIGHT = 40;

const Coordinate = z.number().int().min(-100_000).max(100_000);

export const WindowStateSchema = z.object({
  x: Coordinate,
  y: Coordinate,
  width: z.number().int().min(MIN_WIDTH).max(100_000),
  height: z.number().int().min(MIN_HEIGHT).max(100_000),
  isMaximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** Where the window opens: a position only when a saved one is usable, else centred by Electron. */
export interface InitialPlacement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximize: boolean;
}

/** Reads the saved state; corrupt, partial or out-of-range JSON yields null (defaults apply). */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WindowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function overlap(aStart: number, aLength: number, bStart: number, bLength: number): number {
  return Math.max(0, Math.min(aStart + aLength, bStart + bLength) - Math.max(aStart, bStart));
}

/**
 * True when the window's title bar lies on one display's work area: its top edge within the
 * area vertically and at least MIN_VISIBLE_WIDTH px of it horizontally (or all of it, if narrower).
 */
export function isReachable(bounds: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some((area) => {
    const wide = overlap(bounds.x, bounds.width, area.x, area.width);
    const tall = overlap(bounds.y, TITLE_BAR_HEIGHT, area.y, area.height);
    return (
      bounds.y >= area.y && wide >= Math.min(MIN_VISIBLE_WIDTH, bounds.width) && tall >= TITLE_BAR_HEIGHT / 2
    );
  });
}

/**
 * Turns the saved state into the placement to use now. A state that would open off-screen (a
 * monitor was unplugged, resolution changed) is ignored; a size larger than the display it is
 * on is shrunk to fit.
 */
export function initialPlacement(saved: WindowState | null, workAreas: readonly Rect[]): InitialPlacement {
  const fallback: InitialPlacement = {
    bounds: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT },
    maximize: false,
  };
  if (!saved || !isReachable(saved, workAreas)) {
    const primary = workAreas[0];
    if (!primary) return fallback;
    return {
      bounds: {
        width: Math.max(MIN_WIDTH, Math.min(DEFAULT_WIDTH, primary.width)),
        height: Math.max(MIN_HEIGHT, Math.min(DEFAULT_HEIGHT, primary.height)),
      },
      maximize: false,
    };
  }
  const area =
    workAreas.find(
      (a) => overlap(saved.x, saved.width, a.x, a.width) > 0 && saved.y >= a.y && saved.y < a.y + a.height,
    ) ?? workAreas[0];
  const width = area ? Math.max(MIN_WIDTH, Math.min(saved.width, area.width)) : saved.width;
  const height = area ? Math.max(MIN_HEIGHT, Math.min(saved.height, area.height)) : saved.height;
  return { bounds: { x: saved.x, y: saved.y, width, height }, maximize: saved.isMaximized };
}

/** What of a BrowserWindow is needed to capture its state. */
export interface WindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** The state to save: normal (un-maximized) bounds, so un-maximizing later restores them. */
export function captureWindowState(win: WindowLike): WindowState | null {
  const b = win.getNormalBounds();
  const parsed = WindowStateSchema.safeParse({
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.max(MIN_WIDTH, Math.round(b.width)),
    height: Math.max(MIN_HEIGHT, Math.round(b.height)),
    isMaximized: win.isMaximized(),
  });
  return parsed.success ? parsed.data : null;
}
