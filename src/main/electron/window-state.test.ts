import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  MIN_WIDTH,
  captureWindowState,
  initialPlacement,
  isReachable,
  parseWindowState,
  type WindowState,
} from './window-state';

const FULL_HD = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1400 };
const saved: WindowState = { x: 100, y: 80, width: 1200, height: 800, isMaximized: false };

describe('parseWindowState', () => {
  it('reads a valid state', () => {
    expect(parseWindowState(JSON.stringify(saved))).toEqual(saved);
  });

  it.each([
    ['missing file', null],
    ['empty', ''],
    ['not JSON', '{"x": 1,'],
    ['wrong type', '"hello"'],
    ['partial', '{"x":0,"y":0}'],
    ['NaN-ish', '{"x":"0","y":0,"width":900,"height":700,"isMaximized":false}'],
    ['too small', '{"x":0,"y":0,"width":10,"height":10,"isMaximized":false}'],
    ['absurd coordinates', '{"x":1e12,"y":0,"width":900,"height":700,"isMaximized":false}'],
    ['fractional', '{"x":0.5,"y":0,"width":900,"height":700,"isMaximized":false}'],
  ])('ignores %s', (_name, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('isReachable', () => {
  it('needs the title bar on some display', () => {
    expect(isReachable(saved, [FULL_HD])).toBe(true);
    expect(isReachable({ ...saved, x: 2500 }, [FULL_HD, RIGHT_MONITOR])).toBe(true);
    expect(isReachable({ ...saved, x: 2500 }, [FULL_HD])).toBe(false);
    expect(isReachable({ ...saved, x: -5000 }, [FULL_HD])).toBe(false);
    expect(isReachable({ ...saved, y: -30 }, [FULL_HD])).toBe(false);
    expect(isReachable({ ...saved, y: 1030 }, [FULL_HD])).toBe(false);
    // Mostly off the left edge but 150 px of title bar still grabbable.
    expect(isReachable({ ...saved, x: -1050 }, [FULL_HD])).toBe(true);
    expect(isReachable({ ...saved, x: -1150 }, [FULL_HD])).toBe(false);
    expect(isReachable(saved, [])).toBe(false);
  });
});

describe('initialPlacement', () => {
  it('restores a reachable state, maximized flag included', () => {
    expect(initialPlacement({ ...saved, isMaximized: true }, [FULL_HD])).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 800 },
      maximize: true,
    });
  });

  it('falls back to a default size (centred by Electron) when off-screen or missing', () => {
    const fallback = { bounds: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }, maximize: false };
    expect(initialPlacement({ ...saved, x: 3000, isMaximized: true }, [FULL_HD])).toEqual(fallback);
    expect(initialPlacement(null, [FULL_HD])).toEqual(fallback);
    expect(initialPlacement(null, [])).toEqual(fallback);
  });

  it('fits the default and restored sizes to a small display', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    expect(initialPlacement(null, [small]).bounds).toEqual({ width: 1024, height: 700 });
    expect(initialPlacement({ ...saved, x: 0, y: 0, width: 3000, height: 2000 }, [small]).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 700,
    });
  });
});

describe('captureWindowState', () => {
  it('takes the normal bounds, rounded and at least the minimum size', () => {
    const win = {
      getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 300, height: 900 }),
      isMaximized: () => true,
    };
    expect(captureWindowState(win)).toEqual({
      x: 10,
      y: 21,
      width: MIN_WIDTH,
      height: 900,
      isMaximized: true,
    });
  });

  it('gives up on nonsense bounds', () => {
    const win = {
      getNormalBounds: () => ({ x: Number.NaN, y: 0, width: 800, height: 600 }),
      isMaximized: () => false,
    };
    expect(captureWindowState(win)).toBeNull();
  });
});
