import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { command } from '../../test-support/fake-client';
import { BuiltinDetails } from './BuiltinDetails';

afterEach(cleanup);

describe('BuiltinDetails: the MRCI texts and id', () => {
  it('shows the id (runnable as #id) and the input/output text when the command has one', () => {
    render(
      <BuiltinDetails
        command={command('connect', {
          id: 4711,
          internal: true,
          file: null,
          io: '[adapter id]/[a confirmation]',
        })}
      />,
    );
    expect(screen.getByText('#4711')).toBeTruthy();
    expect(screen.getByText('Input/output')).toBeTruthy();
    expect(screen.getByText('[adapter id]/[a confirmation]')).toBeTruthy();
  });

  it('leaves the input/output row out when there is no such text', () => {
    render(<BuiltinDetails command={command('ping', { id: 12, internal: true, file: null })} />);
    expect(screen.getByText('#12')).toBeTruthy();
    expect(screen.queryByText('Input/output')).toBeNull();
  });
});
