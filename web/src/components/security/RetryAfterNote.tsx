import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** When a refused attempt may be made again, from the problem's retryAfterSeconds: a clock time and roughly how long. */
export function RetryAfterNote({ seconds }: { seconds: number | undefined }) {
  const { t, i18n } = useTranslation();
  const [shownAt] = useState(() => Date.now());
  if (seconds === undefined || !Number.isFinite(seconds)) return null;
  const at = new Date(shownAt + seconds * 1000);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(at);
  return (
    <Text size="sm" data-testid="retry-after">
      {t('security.retryAfter', { time, minutes: Math.max(1, Math.ceil(seconds / 60)) })}
    </Text>
  );
}
