import { FileInput, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type NewAttachment } from '../../api/support';

/** The server's codes about a message's files: the picker shows them under itself. */
export const ATTACHMENT_CODES = new Set([
  'SUPPORT_TOO_MANY_ATTACHMENTS',
  'SUPPORT_ATTACHMENT_TOO_LARGE',
  'SUPPORT_ATTACHMENT_EMPTY',
  'SUPPORT_ATTACHMENT_TYPE_REFUSED',
  'SUPPORT_ATTACHMENT_NAME_INVALID',
]);

type T = (key: string, options?: Record<string, unknown>) => string;

const extension = (name: string) => name.toLowerCase().split('.').pop() ?? '';

/** A file's bytes as base64, in slices so a large file does not overflow the argument list. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The server's refusal of a message's files, in words, when that is what it refused (else the page's alert shows it). */
export function fileRefusal(error: unknown, t: T): string | undefined {
  const code = error ? problemCode(error) : undefined;
  return code && ATTACHMENT_CODES.has(code) ? t(`errors.${code}`) : undefined;
}

/** The chosen files as the API takes them. */
export const toAttachments = (files: readonly File[]): Promise<NewAttachment[]> =>
  Promise.all(
    files.map(async (f) => ({
      name: f.name,
      mediaType: ATTACHMENT_TYPES[extension(f.name)] ?? 'text/plain',
      contentBase64: await base64Of(f),
    })),
  );

/** What is wrong with the chosen files before they are sent (the server checks again, and their content). */
export function attachmentsProblem(files: readonly File[], t: T): string | undefined {
  if (files.length > MAX_ATTACHMENTS) return t('support.form.tooManyFiles', { max: MAX_ATTACHMENTS });
  if (files.some((f) => !ATTACHMENT_TYPES[extension(f.name)])) return t('errors.SUPPORT_ATTACHMENT_TYPE_REFUSED');
  if (files.some((f) => f.size > MAX_ATTACHMENT_BYTES)) return t('support.form.fileTooLarge', { max: '2 MB' });
  return undefined;
}

/** R-SUP-1: the files of a message (the request's form or a reply), with the chosen names listed. */
export function AttachmentPicker({
  files,
  onChange,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FileInput
        label={t('support.form.attachments')}
        description={t('support.form.attachmentsHelp', { max: MAX_ATTACHMENTS, size: '2 MB' })}
        placeholder={t('support.form.chooseFiles')}
        multiple
        clearable
        clearButtonProps={{ 'aria-label': t('support.form.clearFiles') }}
        accept={Object.keys(ATTACHMENT_TYPES)
          .map((e) => `.${e}`)
          .join(',')}
        value={files}
        error={error}
        onChange={onChange}
      />
      {files.length > 0 && (
        <List size="sm" aria-label={t('support.form.chosenFiles')}>
          {files.map((f) => (
            <List.Item key={`${f.name}-${f.size}`} style={{ overflowWrap: 'anywhere' }}>
              {f.name}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
