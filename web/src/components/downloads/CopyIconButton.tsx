import { ActionIcon, CopyButton, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A small icon button beside a value already on the page (a product key, a checksum) that copies it
 * to the clipboard; `label` names what it copies, and screen readers hear when it is done.
 */
export function CopyIconButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <>
          <Tooltip label={copied ? t('downloads.copied') : label} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal.9' : 'blue.9'} onClick={copy} aria-label={label}>
              <svg
                aria-hidden="true"
                focusable="false"
                width="16"
                height="16"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                {copied ? (
                  <path d="M5 12l5 5L20 7" />
                ) : (
                  <>
                    <rect x="9" y="9" width="12" height="12" rx="2" />
                    <path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
                  </>
                )}
              </svg>
            </ActionIcon>
          </Tooltip>
          <VisuallyHidden role="status">{copied ? t('downloads.copied') : ''}</VisuallyHidden>
        </>
      )}
    </CopyButton>
  );
}
