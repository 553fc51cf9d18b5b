/**
 * Support requests, pure (R-SUP-1, R-SUP-2): the topics, the statuses and how they move, the answer
 * due time, what an attachment may be and what a Windows-upgrade imaging request must carry. No
 * I/O; the clock is passed in.
 */
import { fileNameAcceptable } from '../downloads/rules.js';

/** What a request is about; the portal's topic list and the database enum derive from it. */
export const SUPPORT_TOPICS = [
  'SIGN_IN',
  'PERMISSIONS',
  'LICENSING_INFO',
  'DOWNLOADS',
  'PRODUCT_KEYS',
  'ACTIVATION',
  'SOFTWARE_ASSURANCE',
  'WINDOWS_UPGRADE_IMAGING',
  'OTHER',
] as const;
export type SupportTopic = (typeof SUPPORT_TOPICS)[number];

/** R-SUP-2: the topic whose requests need the customer's written verification of base licenses. */
export const IMAGING_TOPIC: SupportTopic = 'WINDOWS_UPGRADE_IMAGING';

/**
 * NEW: submitted, not yet answered. ANSWERED: the publisher replied. WAITING_FOR_CUSTOMER: the
 * publisher replied and needs something from the requester. CUSTOMER_REPLIED: the requester wrote
 * again after an answer. CLOSED: done; nobody writes on it any more.
 */
export const SUPPORT_STATUSES = ['NEW', 'ANSWERED', 'WAITING_FOR_CUSTOMER', 'CUSTOMER_REPLIED', 'CLOSED'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** The statuses in which the publisher owes an answer (and the 24-hour clock runs). */
export const AWAITING_PUBLISHER: readonly SupportStatus[] = ['NEW', 'CUSTOMER_REPLIED'];

/** Who wrote a message on a request. */
export const SUPPORT_AUTHORS = ['REQUESTER', 'PUBLISHER'] as const;
export type SupportAuthor = (typeof SUPPORT_AUTHORS)[number];

/** Text limits of the form: long enough for a log excerpt, short enough for a mail. */
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;
export const REPLY_MAX = 5000;
export const SUBJECT_MAX = 150;
/** R-SUP-2: one order's machines; a larger roll-out is several orders. */
export const IMAGING_MACHINES_MAX = 1_000_000;

/** The status after a reply: the publisher's answers (or asks), the requester's puts the ball back with the publisher. */
export function statusAfterReply(author: SupportAuthor, waitForCustomer = false): SupportStatus {
  if (author === 'REQUESTER') return 'CUSTOMER_REPLIED';
  return waitForCustomer ? 'WAITING_FOR_CUSTOMER' : 'ANSWERED';
}

export const isOpen = (status: SupportStatus) => status !== 'CLOSED';

/**
 * R-SUP-1: web requests are answered within `answerHours` (24 by default) of the message the
 * publisher has not answered yet: the submission, or the requester's latest reply. Null when the
 * publisher owes nothing.
 */
export function answerDueAt(status: SupportStatus, awaitingSince: Date | null, answerHours: number): Date | null {
  if (!AWAITING_PUBLISHER.includes(status) || awaitingSince === null) return null;
  return new Date(awaitingSince.getTime() + answerHours * 3_600_000);
}

export const isOverdue = (dueAt: Date | null, now: Date) => dueAt !== null && now.getTime() > dueAt.getTime();

/** The media types an attachment may have, with the file-name endings each allows. */
export const ATTACHMENT_TYPES = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'text/plain': ['.txt', '.log'],
  'text/csv': ['.csv'],
  'application/zip': ['.zip'],
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_MEDIA_TYPES = Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]];

/** How binary types begin: a file that claims a type it is not is refused. */
const MAGIC: Partial<Record<AttachmentType, number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/zip': [0x50, 0x4b, 0x03, 0x04], // PK\3\4
};

const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** Text attachments must be UTF-8 without NUL: what the publisher's staff open is text, not a disguised binary. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    textDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface AttachmentLimits {
  maxCount: number;
  maxBytes: number;
}

export interface AttachmentCandidate {
  name: string;
  mediaType: AttachmentType;
  bytes: Uint8Array;
}

export type AttachmentProblem =
  | 'SUPPORT_TOO_MANY_ATTACHMENTS'
  | 'SUPPORT_ATTACHMENT_NAME_INVALID'
  | 'SUPPORT_ATTACHMENT_TYPE_REFUSED'
  | 'SUPPORT_ATTACHMENT_EMPTY'
  | 'SUPPORT_ATTACHMENT_TOO_LARGE';

/**
 * The first problem with a request's attachments, or null: their number, then each one's name
 * (as for download files: no separators, control characters, reserved names), its ending for its
 * type, its size, and its content against its type.
 */
export function attachmentProblem(
  files: readonly AttachmentCandidate[],
  limits: AttachmentLimits,
): { code: AttachmentProblem; index?: number } | null {
  if (files.length > limits.maxCount) return { code: 'SUPPORT_TOO_MANY_ATTACHMENTS' };
  for (const [index, f] of files.entries()) {
    if (!fileNameAcceptable(f.name)) return { code: 'SUPPORT_ATTACHMENT_NAME_INVALID', index };
    const endings: readonly string[] = ATTACHMENT_TYPES[f.mediaType];
    if (!endings.some((e) => f.name.toLowerCase().endsWith(e))) return { code: 'SUPPORT_ATTACHMENT_TYPE_REFUSED', index };
    if (f.bytes.length === 0) return { code: 'SUPPORT_ATTACHMENT_EMPTY', index };
    if (f.bytes.length > limits.maxBytes) return { code: 'SUPPORT_ATTACHMENT_TOO_LARGE', index };
    const magic = MAGIC[f.mediaType];
    const matches = magic ? magic.every((b, i) => f.bytes[i] === b) : isPlainText(f.bytes);
    if (!matches) return { code: 'SUPPORT_ATTACHMENT_TYPE_REFUSED', index };
  }
  return null;
}

/** R-SUP-2: the customer's written verification, as the form sends it. */
export interface ImagingVerification {
  /** The customer checked the verification statement. */
  confirmed: boolean;
  machines: number;
}

/**
 * R-SUP-2: a Windows-upgrade imaging request is accepted only with the statement confirmed and the
 * machines counted; other topics carry none (a verification about nothing would mislead).
 */
export function imagingProblem(
  topic: SupportTopic,
  verification: ImagingVerification | undefined,
): 'SUPPORT_IMAGING_VERIFICATION_REQUIRED' | 'SUPPORT_IMAGING_NOT_APPLICABLE' | null {
  if (topic !== IMAGING_TOPIC) return verification ? 'SUPPORT_IMAGING_NOT_APPLICABLE' : null;
  if (verification?.confirmed !== true) return 'SUPPORT_IMAGING_VERIFICATION_REQUIRED';
  if (!Number.isInteger(verification.machines) || verification.machines < 1 || verification.machines > IMAGING_MACHINES_MAX)
    return 'SUPPORT_IMAGING_VERIFICATION_REQUIRED';
  return null;
}

/** The short reference a mail and the portal show (the id's first eight characters). */
export const referenceOf = (id: string) => id.slice(0, 8).toUpperCase();
