import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleCard } from './ConsoleCard';

afterEach(() => cleanup());

describe('ConsoleCard', () => {
  it('draws title (linked), description, fields, footer and the colour bar', () => {
    render(
      <ConsoleCard
        card={{
          title: 'Weather',
          url: 'https://example.invalid/w',
          description: 'Sunny',
          fields: [{ name: 'High', value: '25 C', inline: true }],
          footer: 'today',
          color: 0xffcc00,
        }}
      />,
    );
    const card = screen.getByRole('region', { name: 'Weather' });
    expect(screen.getByRole('link', { name: 'Weather' }).getAttribute('href')).toBe(
      'https://example.invalid/w',
    );
    expect(card.textContent).toContain('Sunny');
    expect(card.textContent).toContain('High25 C');
    expect(card.textContent).toContain('today');
    expect(card.style.borderLeftColor).not.toBe('');
  });

  it('never links or loads anything but http(s)', () => {
    render(<ConsoleCard card={{ title: 'Bad', url: 'javascript:alert(1)', image: 'file:///etc/passwd' }} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});
