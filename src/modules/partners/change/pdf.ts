/**
 * A small PDF writer for plain printed forms: text lines in Helvetica (regular and bold) on A4
 * pages, wrapped and paged. Enough for the change-of-partner request form without a PDF library;
 * pure (the creation date is passed in), so a test reads exactly what a user downloads.
 */
export interface PdfLine {
  text: string;
  bold?: boolean;
  size?: number;
  /** Blank space before the line, in points. */
  gapBefore?: number;
}

const PAGE = { width: 595, height: 842, margin: 56 };

/** Windows-1252 for the characters outside Latin-1 that the standard fonts' WinAnsiEncoding has. */
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** A PDF literal string in WinAnsi, ASCII-only (octal escapes); a character the font lacks prints as '?'. */
function literal(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    const byte = CP1252[ch] ?? (code < 256 && (code < 0x80 || code > 0x9f) ? code : 63);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

/** Breaks a line into pieces that fit the page: Helvetica averages about half its size per character. */
function wrap(line: PdfLine): PdfLine[] {
  const size = line.size ?? 10;
  const max = Math.floor((PAGE.width - 2 * PAGE.margin) / (size * 0.55));
  if (line.text.length <= max) return [line];
  const pieces: PdfLine[] = [];
  let rest = line.text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    pieces.push({ ...line, text: rest.slice(0, at), gapBefore: pieces.length ? 0 : line.gapBefore });
    rest = rest.slice(at).trimStart();
  }
  pieces.push({ ...line, text: rest, gapBefore: 0 });
  return pieces;
}

/** The content streams of the pages: each line placed below the previous one, a new page when it is full. */
function layout(lines: readonly PdfLine[], footer: (page: number, pages: number) => string): string[] {
  const pages: string[][] = [[]];
  let y = PAGE.height - PAGE.margin;
  for (const line of lines.flatMap(wrap)) {
    const size = line.size ?? 10;
    const step = (line.gapBefore ?? 0) + size * 1.4;
    if (y - step < PAGE.margin + 24) {
      pages.push([]);
      y = PAGE.height - PAGE.margin;
    }
    y -= step;
    pages[pages.length - 1]?.push(
      `BT /${line.bold ? 'F2' : 'F1'} ${size} Tf ${PAGE.margin} ${y.toFixed(1)} Td ${literal(line.text)} Tj ET`,
    );
  }
  return pages.map((ops, i) =>
    [...ops, `BT /F1 8 Tf ${PAGE.margin} ${PAGE.margin} Td ${literal(footer(i + 1, pages.length))} Tj ET`].join('\n'),
  );
}

const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** The document's bytes: catalog, page tree, two fonts, each page with its content, the info, the cross-reference table. */
export function renderPdf(doc: {
  title: string;
  lines: readonly PdfLine[];
  createdAt: Date;
  footer: (page: number, pages: number) => string;
}) {
  const contents = layout(doc.lines, doc.footer);
  const firstPage = 6;
  const kids = contents.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${contents.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${literal(doc.title)} /Producer (Licensing Service Center) /CreationDate (${pdfDate(doc.createdAt)}) >>`,
    ...contents.flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ]),
  ];
  // Every byte is ASCII (literal() escapes the rest), so string lengths are byte offsets.
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'ascii');
}
