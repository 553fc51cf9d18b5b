import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import type { Locale } from '../../../platform/i18n/locale.js';
import { programName } from '../../relationship/program-names.js';
import type { SalesPackageTerms } from './rules.js';

/**
 * R-BC-2: the sales package's PDF and its signed copy, written with pdf-lib. No metadata dates are
 * written and every date is passed in, so the same content gives the same bytes.
 */

const PAGE = { width: 595, height: 842, margin: 56 };
const LINE = 16;

const LABELS = {
  en: {
    heading: 'Sales package',
    account: 'Purchasing account',
    address: 'Address',
    contact: 'Contact',
    partner: 'Prepared by partner',
    program: 'Program',
    startDate: 'Start date',
    products: 'Products and quantities',
    offer: 'Offer',
    date: 'Date',
    page: (i: number, n: number) => `Page ${i} of ${n}`,
    signature: 'Electronic signature',
    signer: 'Signed by',
    signedAt: 'Signed at (UTC)',
    ip: 'Client IP address',
    userAgent: 'User agent',
    hash: 'SHA-256 of the document signed',
    consent: 'Consent text version',
    statement: 'The signer typed their full name and consented to sign this sales package electronically.',
  },
  sv: {
    heading: 'Försäljningspaket',
    account: 'Inköpskonto',
    address: 'Adress',
    contact: 'Kontaktperson',
    partner: 'Förberett av partner',
    program: 'Program',
    startDate: 'Startdatum',
    products: 'Produkter och antal',
    offer: 'Erbjudande',
    date: 'Datum',
    page: (i: number, n: number) => `Sida ${i} av ${n}`,
    signature: 'Elektronisk underskrift',
    signer: 'Undertecknat av',
    signedAt: 'Undertecknat (UTC)',
    ip: 'Klientens IP-adress',
    userAgent: 'Användaragent',
    hash: 'SHA-256 för det undertecknade dokumentet',
    consent: 'Version av samtyckestexten',
    statement: 'Undertecknaren skrev sitt fullständiga namn och samtyckte till att underteckna försäljningspaketet elektroniskt.',
  },
} as const;

export interface PackageContent {
  number: string;
  title: string;
  account: {
    number: string;
    name: string;
    address: { line1: string; line2: string | null; postalCode: string; city: string; country: string };
    contact: { name: string; email: string };
  };
  partnerName: string;
  terms: SalesPackageTerms;
  /** The day it was sent, YYYY-MM-DD. */
  date: string;
}

export interface SignatureRecord {
  number: string;
  signerName: string;
  signerEmail: string;
  signedAt: Date;
  ip: string;
  userAgent: string;
  documentSha256: string;
  consentVersion: string;
}

interface Line {
  text: string;
  bold?: boolean;
  size?: number;
  gapBefore?: number;
}

/** Characters the standard font cannot encode become '?', so any text a user typed can be drawn. */
function encodable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/[\r\n\t]+/g, ' ')].map((c) => (known.has(c.codePointAt(0) ?? 0) ? c : '?')).join('');
}

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !current) current = candidate;
    else {
      out.push(current);
      current = word;
    }
  }
  out.push(current);
  // A single word wider than the page is cut by characters.
  return out.flatMap((l) => {
    if (font.widthOfTextAtSize(l, size) <= width) return [l];
    const parts: string[] = [];
    let part = '';
    for (const c of l) {
      if (font.widthOfTextAtSize(part + c, size) > width) {
        parts.push(part);
        part = c;
      } else part += c;
    }
    parts.push(part);
    return parts;
  });
}

// pdf-lib is some 150 modules: loaded by the first PDF, not by every server start (issue 17).
const pdfLib = () => import('pdf-lib');

async function fonts(doc: PDFDocument) {
  const { StandardFonts } = await pdfLib();
  return { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
}

/** Draws the lines from the top of new pages, as many as they need; returns the pages. */
function drawLines(doc: PDFDocument, f: { regular: PDFFont; bold: PDFFont }, lines: Line[]): PDFPage[] {
  const pages: PDFPage[] = [];
  let page = doc.addPage([PAGE.width, PAGE.height]);
  pages.push(page);
  let y = PAGE.height - PAGE.margin;
  for (const l of lines) {
    const font = l.bold ? f.bold : f.regular;
    const size = l.size ?? 10;
    for (const text of wrap(font, encodable(font, l.text), size, PAGE.width - 2 * PAGE.margin)) {
      const step = (l.gapBefore ?? 0) + Math.max(LINE, size * 1.4);
      if (y - step < PAGE.margin + 2 * LINE) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        pages.push(page);
        y = PAGE.height - PAGE.margin;
      }
      y -= step;
      page.drawText(text, { x: PAGE.margin, y, size, font });
    }
  }
  return pages;
}

function numberPages(doc: PDFDocument, font: PDFFont, locale: Locale) {
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const text = LABELS[locale].page(i + 1, pages.length);
    p.drawText(text, { x: PAGE.width - PAGE.margin - font.widthOfTextAtSize(text, 9), y: PAGE.margin / 2, size: 9, font });
  });
}

const save = (doc: PDFDocument) => doc.save({ useObjectStreams: false });

/** The sales package as the customer reviews and signs it. */
export async function salesPackagePdf(c: PackageContent, locale: Locale): Promise<Uint8Array> {
  const L = LABELS[locale];
  const { PDFDocument } = await pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const f = await fonts(doc);
  const a = c.account;
  const lines: Line[] = [
    { text: `${L.heading} ${c.number}`, bold: true, size: 16 },
    { text: c.title, bold: true, size: 12, gapBefore: 4 },
    { text: `${L.account}: ${a.name} (${a.number})`, gapBefore: 12 },
    {
      text: `${L.address}: ${[a.address.line1, a.address.line2, `${a.address.postalCode} ${a.address.city}`, a.address.country].filter(Boolean).join(', ')}`,
    },
    { text: `${L.contact}: ${a.contact.name} <${a.contact.email}>` },
    { text: `${L.partner}: ${c.partnerName}` },
    { text: `${L.date}: ${c.date}` },
    { text: `${L.program}: ${programName(c.terms.program, locale)}`, gapBefore: 12 },
    { text: `${L.startDate}: ${c.terms.startDate}` },
  ];
  if (c.terms.lines.length > 0) {
    lines.push({ text: L.products, bold: true, gapBefore: 12 });
    for (const l of c.terms.lines) lines.push({ text: `${l.quantity} × ${l.product}` });
  }
  if (c.terms.offer) {
    lines.push({ text: L.offer, bold: true, gapBefore: 12 });
    for (const para of c.terms.offer.split(/\r?\n/)) lines.push({ text: para || ' ' });
  }
  drawLines(doc, f, lines);
  numberPages(doc, f.regular, locale);
  return save(doc);
}

/** R-BC-2: the signed copy: the original's pages unchanged, then a signature page. */
export async function signedCopyPdf(original: Uint8Array, s: SignatureRecord, locale: Locale): Promise<Uint8Array> {
  const L = LABELS[locale];
  const { PDFDocument } = await pdfLib();
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const f = await fonts(doc);
  const pages = drawLines(doc, f, [
    { text: `${L.signature} — ${s.number}`, bold: true, size: 16 },
    { text: L.statement, gapBefore: 8 },
    { text: `${L.signer}: ${s.signerName} <${s.signerEmail}>`, gapBefore: 12 },
    { text: `${L.signedAt}: ${s.signedAt.toISOString()}` },
    { text: `${L.ip}: ${s.ip}` },
    { text: `${L.userAgent}: ${s.userAgent}` },
    { text: `${L.consent}: ${s.consentVersion}` },
    { text: `${L.hash}:`, gapBefore: 12 },
    { text: s.documentSha256, size: 9 },
  ]);
  const total = doc.getPageCount();
  pages.forEach((p, i) => {
    const text = L.page(total - pages.length + i + 1, total);
    p.drawText(text, { x: PAGE.width - PAGE.margin - f.regular.widthOfTextAtSize(text, 9), y: PAGE.margin / 2, size: 9, font: f.regular });
  });
  return save(doc);
}

/** Whether the bytes parse as a PDF with at least one page. */
export async function parsesAsPdf(bytes: Uint8Array): Promise<boolean> {
  const { PDFDocument } = await pdfLib();
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount() > 0;
  } catch {
    return false;
  }
}
