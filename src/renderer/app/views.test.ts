import { describe, expect, it } from 'vitest';
import { PANEL_VIEWS } from '../../shared/panel/views';
import { VIEWS } from './views';

describe('views', () => {
  it('are the views the desktop menu knows, in the same order', () => {
    expect(VIEWS.map(({ id, label }) => ({ id, label }))).toEqual(PANEL_VIEWS);
  });
});
