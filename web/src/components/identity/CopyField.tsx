import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A value to hand to another system (a secret, a redirect URI, a base URL): its label, the value
 * shown in full, and a labelled Copy button.
 */
export function CopyField({ label, value, description, testId }: { label: string; value: string; description?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {label}
      </Text>
      {description && <Text size="sm">{description}</Text>}
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant={copied ? 'filled' : 'outline'}
              onClick={copy}
              aria-label={t('common.labelFor', { label: copied ? t('identity.common.copied') : t('identity.common.copy'), target: label })}
            >
              {copied ? t('identity.common.copied') : t('identity.common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** A secret just created (an API token), shown this once with a way to copy it. */
export function NewSecret({
  title,
  note,
  label,
  value,
  testId,
}: {
  title: string;
  note: string;
  label: string;
  value: string;
  testId: string;
}) {
  return (
    <Alert color="teal.9" variant="outline" role="status" title={title}>
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <CopyField label={label} value={value} testId={testId} />
      </Stack>
    </Alert>
  );
}
