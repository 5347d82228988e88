import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitNote } from './RateLimitNote';

afterEach(cleanup);

describe('RateLimitNote', () => {
  it('shows pre-emptive waits and real 429s; a 429 is highlighted', () => {
    const { rerender } = render(<RateLimitNote rateLimits={{ waits: 3, hits: 0 }} />);
    const note = screen.getByText('Rate limits: 3 waits, 0 × 429');
    expect(note.className).toContain('dim');
    rerender(<RateLimitNote rateLimits={{ waits: 1, hits: 2 }} />);
    expect(screen.getByText('Rate limits: 1 wait, 2 × 429').className).toContain('tone-text-warn');
  });

  it('shows nothing without counts (IRC, console) or while both are zero', () => {
    const { container, rerender } = render(<RateLimitNote rateLimits={undefined} />);
    expect(container.innerHTML).toBe('');
    rerender(<RateLimitNote rateLimits={{ waits: 0, hits: 0 }} />);
    expect(container.innerHTML).toBe('');
  });
});
