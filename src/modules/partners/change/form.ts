import type { Locale } from '../../../platform/i18n/locale.js';
import { mailDate } from '../../support/mail-format.js';
import type { PdfLine } from './pdf.js';
import { renderPdf } from './pdf.js';
import type { PartnerChangeView } from './read.js';
import type { PartnerChangeStatus } from './rules.js';

/** The form's words in each language (the recipient downloads it in their own). */
const LABELS = {
  en: {
    title: 'Change of channel partner: request form',
    reference: 'Reference',
    status: 'Status',
    customer: 'Customer',
    licensingIds: 'Licensing IDs',
    oldPartner: 'current partner of record at the start',
    none: 'none',
    newPartner: 'New channel partner',
    partnerNumber: 'partner number',
    contact: 'Notification contact at the new partner',
    requested: 'Requested by',
    respondBy: 'To be accepted or declined by',
    accepted: 'Accepted by',
    declined: 'Declined by',
    canceled: 'Canceled by',
    effective: 'Takes effect (end of the grace period)',
    completed: 'New partner recorded on',
    on: 'on',
    note: 'Until the change takes effect, the current partner remains the channel partner of record.',
    generated: 'Printed from the Licensing Service Center on {at}. Page {page} of {pages}.',
  },
  sv: {
    title: 'Byte av kanalpartner: begärandeblankett',
    reference: 'Referens',
    status: 'Status',
    customer: 'Kund',
    licensingIds: 'Licens-ID:n',
    oldPartner: 'registrerad partner när bytet startade',
    none: 'ingen',
    newPartner: 'Ny kanalpartner',
    partnerNumber: 'partnernummer',
    contact: 'Kontaktperson för meddelanden hos den nya partnern',
    requested: 'Begärt av',
    respondBy: 'Ska godkännas eller avböjas senast',
    accepted: 'Godkänt av',
    declined: 'Avböjt av',
    canceled: 'Avbrutet av',
    effective: 'Träder i kraft (när övergångsperioden slutar)',
    completed: 'Ny partner registrerad',
    on: 'den',
    note: 'Tills bytet träder i kraft är den nuvarande partnern registrerad kanalpartner.',
    generated: 'Utskriven från Licensing Service Center {at}. Sida {page} av {pages}.',
  },
} as const;

export const STATUS_LABELS: Record<PartnerChangeStatus, Record<Locale, string>> = {
  IN_PROGRESS: { en: 'In progress', sv: 'Pågår' },
  ACCEPTED: { en: 'Accepted', sv: 'Godkänd' },
  DECLINED: { en: 'Declined', sv: 'Avböjd' },
  GRACE_PERIOD: { en: 'Grace period', sv: 'Övergångsperiod' },
  CANCELED: { en: 'Canceled', sv: 'Avbruten' },
  EXPIRED: { en: 'Expired', sv: 'Upphörd' },
  COMPLETED: { en: 'Completed', sv: 'Slutförd' },
};

/** The form's file name: its reference, so several downloads stay apart. */
export const formFileName = (change: Pick<PartnerChangeView, 'reference'>) => `partner-change-${change.reference}.pdf`;

/**
 * R-REL-6: the request form as a PDF: the customer, the Licensing IDs with the partner each had, the
 * old and new partner, the contact, who requested, accepted (or declined, canceled) and when, and
 * when the change takes effect. Pure: the time of printing is passed in.
 */
export function requestForm(change: PartnerChangeView, locale: Locale, now: Date): Buffer {
  const l = LABELS[locale];
  const at = (d: Date) => mailDate(d, locale);
  const field = (label: string, value: string): PdfLine => ({ text: `${label}: ${value}` });
  const heading = (text: string): PdfLine => ({ text, bold: true, size: 12, gapBefore: 10 });
  const lines: PdfLine[] = [
    { text: l.title, bold: true, size: 16 },
    field(l.reference, change.reference),
    field(l.status, STATUS_LABELS[change.status][locale]),
    heading(l.customer),
    { text: change.customer },
    heading(l.licensingIds),
    ...change.lines.map((x) => ({
      text: `${x.number}  ${x.name} (${x.programCode}); ${l.oldPartner}: ${x.oldPartner ? `${x.oldPartner.name} (${x.oldPartner.number})` : l.none}; ${l.status.toLowerCase()}: ${STATUS_LABELS[x.status][locale]}`,
    })),
    heading(l.newPartner),
    { text: `${change.newPartner.name}, ${l.partnerNumber} ${change.newPartner.number}` },
    field(l.contact, `${change.contact.name} <${change.contact.email}>`),
    heading(l.requested),
    { text: `${change.requestedBy} ${l.on} ${at(change.requestedAt)}` },
    field(l.respondBy, at(change.respondBy)),
  ];
  if (change.decision && change.decidedAt)
    lines.push(
      field(change.decision === 'ACCEPTED' ? l.accepted : l.declined, `${change.decidedBy ?? ''} ${l.on} ${at(change.decidedAt)}`),
    );
  if (change.canceledAt) lines.push(field(l.canceled, `${change.canceledBy ?? ''} ${l.on} ${at(change.canceledAt)}`));
  if (change.effectiveAt) lines.push(field(l.effective, at(change.effectiveAt)));
  const completedAt = change.lines.find((x) => x.completedAt)?.completedAt;
  if (completedAt) lines.push(field(l.completed, at(completedAt)));
  lines.push({ text: l.note, gapBefore: 10 });
  return renderPdf({
    title: `${l.title} ${change.reference}`,
    lines,
    createdAt: now,
    footer: (page, pages) => l.generated.replace('{at}', at(now)).replace('{page}', String(page)).replace('{pages}', String(pages)),
  });
}
