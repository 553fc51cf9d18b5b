import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ListedLicensingId } from '../../api/licensing';

/** R-REL-5: Licensing IDs the user may not see are listed dimmed, without their details. */
export function ListedIds({ items }: { items: ListedLicensingId[] }) {
  const { t } = useTranslation();
  return (
    <List spacing="xs">
      {items.map((l, i) =>
        l.visible ? (
          <List.Item key={l.id ?? i} data-listed={l.number}>
            {l.number} · {l.name} · {t(`statuses.${l.status ?? 'ACTIVE'}`)}
          </List.Item>
        ) : (
          <List.Item key={`dimmed-${i}`} data-dimmed="true">
            <Text c="dark.3">{t('licensing.report.dimmedId')}</Text>
          </List.Item>
        ),
      )}
    </List>
  );
}
