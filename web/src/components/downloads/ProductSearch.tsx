import { Autocomplete, Button, Group } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { suggestQuery } from '../../api/downloads';

/**
 * R-DL-6: search by name with suggestions while typing — a combobox whose list screen readers
 * announce. Picking a suggestion opens that product; Enter or the button searches for the words.
 */
export function ProductSearch({
  initial,
  onSearch,
  onPick,
}: {
  initial: string;
  onSearch: (q: string) => void;
  onPick: (productId: string) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [debounced] = useDebouncedValue(value.trim(), 200);
  const suggestions = useQuery(suggestQuery(debounced));
  const items = debounced ? (suggestions.data ?? []) : [];
  const byName = new Map(items.map((s) => [s.name, s]));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(value.trim());
  };

  return (
    <search aria-label={t('downloads.catalog.searchLabel')}>
      <form onSubmit={onSubmit}>
        <Group align="flex-end" gap="xs">
          <Autocomplete
            label={t('downloads.catalog.search')}
            description={t('downloads.catalog.searchHelp')}
            value={value}
            onChange={setValue}
            data={[...byName.keys()]}
            filter={({ options }) => options}
            limit={10}
            onOptionSubmit={(name) => {
              const picked = byName.get(name);
              if (picked?.productId) onPick(picked.productId);
              else onSearch(name);
            }}
            w={{ base: '100%', sm: 'auto' }}
            miw={{ base: 0, sm: 320 }}
            autoComplete="off"
            comboboxProps={{ withinPortal: true }}
          />
          <Button type="submit" variant="outline">
            {t('downloads.catalog.searchButton')}
          </Button>
        </Group>
      </form>
    </search>
  );
}
