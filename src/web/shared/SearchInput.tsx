import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { TEXT_LIMITS } from '../../domain/text.ts';

type SearchInputProps = {
  /** the search in effect (from the URL) */
  value: string;
  onSearch(value: string): void;
  placeholder: string;
  label: string;
};

/** A search box that searches as you type, after a short pause; Enter searches at once. */
export function SearchInput({ value, onSearch, placeholder, label }: SearchInputProps) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  const latest = useRef({ value, onSearch });
  latest.current = { value, onSearch };

  useEffect(() => {
    const wanted = debounced.trim();
    if (wanted !== latest.current.value) latest.current.onSearch(wanted);
  }, [debounced]);

  // Follow changes made elsewhere (a "reset filters" button, the back button).
  useEffect(() => {
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);

  return (
    <TextInput
      maxLength={TEXT_LIMITS.search}
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSearch(text.trim());
        if (event.key === 'Escape' && text) {
          setText('');
          onSearch('');
        }
      }}
      leftSection={<IconSearch size={16} stroke={1.75} />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setText('');
              onSearch('');
            }}
          />
        ) : null
      }
      type="search"
      style={{ flex: '1 1 260px', maxWidth: 420 }}
    />
  );
}
