import { Readable } from 'node:stream';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { invalid } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { BlobStore, StoredBlob } from '../../platform/storage/blob-store.js';
import { fill } from './mail-format.js';
import { SUPPORT_WORDS } from './mails.js';
import { type AttachmentType, attachmentProblem } from './rules.js';
import { supportAttachment } from './tables.js';

export interface SubmittedAttachment {
  name: string;
  mediaType: AttachmentType;
  bytes: Buffer;
}

export interface NewAttachment {
  name: string;
  mediaType: AttachmentType;
  contentBase64: string;
}

/**
 * R-SUP-1: the files of one message (the request's form or a reply), checked, stored and recorded
 * the same way whoever writes: the limits count per message, the bytes go to the blob store before
 * the transaction (no network inside it) and are removed again when the transaction does not commit.
 */
export function createAttachmentIntake(
  config: Pick<Config, 'SUPPORT_ATTACHMENT_MAX_COUNT' | 'SUPPORT_ATTACHMENT_MAX_BYTES'>,
  blobs: BlobStore,
) {
  const limits = { maxCount: config.SUPPORT_ATTACHMENT_MAX_COUNT, maxBytes: config.SUPPORT_ATTACHMENT_MAX_BYTES };

  /** Decodes and checks the files; nothing is stored when one is wrong. */
  function check(attachments: readonly NewAttachment[]): SubmittedAttachment[] {
    const files = attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, bytes: Buffer.from(a.contentBase64, 'base64') }));
    const problem = attachmentProblem(files, limits);
    if (problem) {
      const messages: Record<typeof problem.code, string> = {
        SUPPORT_TOO_MANY_ATTACHMENTS: `A message may have at most ${limits.maxCount} attachments.`,
        SUPPORT_ATTACHMENT_TOO_LARGE: `An attachment may have at most ${limits.maxBytes} bytes.`,
        SUPPORT_ATTACHMENT_EMPTY: 'An attachment is empty.',
        SUPPORT_ATTACHMENT_TYPE_REFUSED: 'An attachment is not of an accepted type, or its content does not match its type.',
        SUPPORT_ATTACHMENT_NAME_INVALID: 'An attachment’s file name is not acceptable.',
      };
      throw invalid(problem.code, messages[problem.code], {
        maxCount: limits.maxCount,
        maxBytes: limits.maxBytes,
        ...(problem.index === undefined ? {} : { attachment: problem.index }),
      });
    }
    return files;
  }

  const discard = (stored: readonly StoredBlob[]) => Promise.all(stored.map((s) => blobs.delete(s.key)));

  async function store(files: readonly SubmittedAttachment[]): Promise<StoredBlob[]> {
    const stored: StoredBlob[] = [];
    try {
      for (const f of files) stored.push(await blobs.put(Readable.from([f.bytes]), { maxBytes: limits.maxBytes }));
      return stored;
    } catch (e) {
      await discard(stored);
      throw e;
    }
  }

  /**
   * Stores the files, runs `write` (the transaction that records them), and removes the stored
   * bytes when it fails: a message that was not written leaves no file behind.
   */
  async function withStored<T>(files: readonly SubmittedAttachment[], write: (stored: StoredBlob[]) => Promise<T>): Promise<T> {
    const stored = await store(files);
    try {
      return await write(stored);
    } catch (e) {
      await discard(stored);
      throw e;
    }
  }

  /** The attachment rows of one message, in the caller's transaction. */
  async function record(
    tx: DbOrTx,
    at: { requestId: string; messageId: string | null; now: Date },
    files: readonly SubmittedAttachment[],
    stored: readonly StoredBlob[],
  ) {
    if (files.length === 0) return [];
    return tx
      .insert(supportAttachment)
      .values(
        files.map((f, i) => ({
          requestId: at.requestId,
          messageId: at.messageId,
          fileName: f.name,
          mediaType: f.mediaType,
          size: stored[i]?.size ?? 0,
          sha256: stored[i]?.sha256 ?? '',
          blobKey: stored[i]?.key ?? '',
          createdAt: at.now,
        })),
      )
      .returning({
        id: supportAttachment.id,
        name: supportAttachment.fileName,
        mediaType: supportAttachment.mediaType,
        size: supportAttachment.size,
        sha256: supportAttachment.sha256,
      });
  }

  return { check, withStored, record };
}

/** The files a mail names: their names, or the word for none. */
export const attachmentNames = (files: readonly { name: string }[], locale: Locale) =>
  files.length ? files.map((f) => f.name).join(', ') : SUPPORT_WORDS.noAttachments[locale];

/**
 * A mail's paragraph about a reply's files, set after the quoted message; empty when it has none
 * (a reply without files says nothing of them, and leaves no empty paragraph).
 */
export const attachmentParagraph = (files: readonly { name: string }[], locale: Locale) =>
  files.length ? `\n\n${fill(SUPPORT_WORDS.attachments[locale], { names: attachmentNames(files, locale) })}` : '';
