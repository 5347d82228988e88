import { forwardRef } from 'react';
import { Icon } from './Icon';

export interface SearchInputProps {
  /** Accessible name of the field. */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Show a clear (×) button while there is text. */
  clearable?: boolean;
  /** Leave the field when Escape clears it. */
  blurOnEscape?: boolean;
}

/** The panel's filter field: a search icon, Escape clears it, optionally a clear button. */
export const SearchInput = forwardRef<HTMLInputElement, SearchInputProps>(function SearchInput(
  { label, placeholder, value, onChange, clearable = false, blurOnEscape = false },
  ref,
) {
  return (
    <div className="search">
      <Icon name="search" size={13} className="search-icon" />
      <input
        ref={ref}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          onChange('');
          if (blurOnEscape) e.currentTarget.blur();
        }}
      />
      {clearable && value && (
        <button type="button" className="icon-button" aria-label="Clear filter" onClick={() => onChange('')}>
          <Icon name="close" size={12} />
        </button>
      )}
    </div>
  );
});
