import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerDueAt,
  attachmentProblem,
  imagingProblem,
  isOverdue,
  SUPPORT_STATUSES,
  SUPPORT_TOPICS,
  statusAfterReply,
} from '../../src/modules/support/rules.js';

const limits = { maxCount: 2, maxBytes: 16 };
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]);
const text = (s: string) => new TextEncoder().encode(s);

describe('support rules', () => {
  it('R-SUP-1: the answer is due 24 hours after the message awaiting it, and only while the publisher owes one', () => {
    const since = new Date('2026-12-04T10:00:00Z');
    expect(answerDueAt('NEW', since, 24)?.toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(answerDueAt('CUSTOMER_REPLIED', since, 24)?.toISOString()).toBe('2026-12-05T10:00:00.000Z');
    for (const s of ['ANSWERED', 'WAITING_FOR_CUSTOMER', 'CLOSED'] as const) expect(answerDueAt(s, since, 24)).toBeNull();
    const due = answerDueAt('NEW', since, 24);
    expect(isOverdue(due, new Date('2026-12-05T10:00:00Z'))).toBe(false);
    expect(isOverdue(due, new Date('2026-12-05T10:00:01Z'))).toBe(true);
    expect(isOverdue(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('R-SUP-1: whatever the status and time, a due time exists exactly when the publisher owes an answer, and is never before the message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUPPORT_STATUSES),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 720 }),
        (s, since, h) => {
          const due = answerDueAt(s, since, h);
          expect(due !== null).toBe(s === 'NEW' || s === 'CUSTOMER_REPLIED');
          if (due) expect(due.getTime() - since.getTime()).toBe(h * 3_600_000);
        },
      ),
    );
  });

  it('R-SUP-1: a publisher reply answers (or waits for the customer); a requester reply puts it back with the publisher', () => {
    expect(statusAfterReply('PUBLISHER')).toBe('ANSWERED');
    expect(statusAfterReply('PUBLISHER', true)).toBe('WAITING_FOR_CUSTOMER');
    expect(statusAfterReply('REQUESTER')).toBe('CUSTOMER_REPLIED');
  });

  it('R-SUP-2: a Windows upgrade imaging request needs the confirmed verification and a machine count; other topics carry none', () => {
    expect(imagingProblem('WINDOWS_UPGRADE_IMAGING', undefined)).toBe('SUPPORT_IMAGING_VERIFICATION_REQUIRED');
    expect(imagingProblem('WINDOWS_UPGRADE_IMAGING', { confirmed: false, machines: 10 })).toBe('SUPPORT_IMAGING_VERIFICATION_REQUIRED');
    expect(imagingProblem('WINDOWS_UPGRADE_IMAGING', { confirmed: true, machines: 0 })).toBe('SUPPORT_IMAGING_VERIFICATION_REQUIRED');
    expect(imagingProblem('WINDOWS_UPGRADE_IMAGING', { confirmed: true, machines: 1.5 })).toBe('SUPPORT_IMAGING_VERIFICATION_REQUIRED');
    expect(imagingProblem('WINDOWS_UPGRADE_IMAGING', { confirmed: true, machines: 40 })).toBeNull();
    for (const topic of SUPPORT_TOPICS.filter((x) => x !== 'WINDOWS_UPGRADE_IMAGING')) {
      expect(imagingProblem(topic, undefined)).toBeNull();
      expect(imagingProblem(topic, { confirmed: true, machines: 3 })).toBe('SUPPORT_IMAGING_NOT_APPLICABLE');
    }
  });

  it('R-SUP-1: attachments: count, name, ending, size and content checked, first problem named', () => {
    expect(attachmentProblem([{ name: 'shot.png', mediaType: 'image/png', bytes: png }], limits)).toBeNull();
    expect(attachmentProblem([{ name: 'log.txt', mediaType: 'text/plain', bytes: text('hello') }], limits)).toBeNull();
    const three = Array.from({ length: 3 }, () => ({ name: 'a.txt', mediaType: 'text/plain' as const, bytes: text('a') }));
    expect(attachmentProblem(three, limits)?.code).toBe('SUPPORT_TOO_MANY_ATTACHMENTS');
    expect(attachmentProblem([{ name: '../a.txt', mediaType: 'text/plain', bytes: text('a') }], limits)?.code).toBe(
      'SUPPORT_ATTACHMENT_NAME_INVALID',
    );
    expect(attachmentProblem([{ name: 'a\u0000.txt', mediaType: 'text/plain', bytes: text('a') }], limits)?.code).toBe(
      'SUPPORT_ATTACHMENT_NAME_INVALID',
    );
    expect(attachmentProblem([{ name: 'a.exe', mediaType: 'text/plain', bytes: text('a') }], limits)?.code).toBe(
      'SUPPORT_ATTACHMENT_TYPE_REFUSED',
    );
    expect(attachmentProblem([{ name: 'a.png', mediaType: 'image/png', bytes: text('not a png') }], limits)?.code).toBe(
      'SUPPORT_ATTACHMENT_TYPE_REFUSED',
    );
    expect(attachmentProblem([{ name: 'a.txt', mediaType: 'text/plain', bytes: Uint8Array.from([0x61, 0, 0x62]) }], limits)?.code).toBe(
      'SUPPORT_ATTACHMENT_TYPE_REFUSED',
    );
    expect(attachmentProblem([{ name: 'a.txt', mediaType: 'text/plain', bytes: new Uint8Array() }], limits)?.code).toBe(
      'SUPPORT_ATTACHMENT_EMPTY',
    );
    expect(attachmentProblem([{ name: 'a.txt', mediaType: 'text/plain', bytes: text('x'.repeat(17)) }], limits)).toEqual({
      code: 'SUPPORT_ATTACHMENT_TOO_LARGE',
      index: 0,
    });
  });
});
