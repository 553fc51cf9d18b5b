import type { FastifyRequest } from 'fastify';
import type { LineError, LineErrorCode, OrderInput, OrderLineInput } from './rules.js';
import { MAX_LINES_PER_ORDER, type OrderBody, OrderBodySchema, OrderHeadersSchema, OrderLineSchema } from './schemas.js';

/**
 * The error a value of the wrong form gives, by field (a missing value is MISSING_VALUE whatever
 * the field): a value of an order's header only for an order file, whose rows say where it is;
 * the API refuses a wrong header as VALIDATION_FAILED.
 */
const CODE_BY_FIELD: Record<string, LineErrorCode> = {
  orderNumber: 'ORDER_NUMBER_TOO_LONG',
  orderDate: 'INVALID_DATE',
  'licensingId.program': 'UNKNOWN_LICENSING_ID',
  'licensingId.number': 'UNKNOWN_LICENSING_ID',
  product: 'UNKNOWN_PRODUCT',
  licenseType: 'UNKNOWN_LICENSE_TYPE',
  quantity: 'INVALID_NUMBER',
  coverageStart: 'INVALID_DATE',
  coverageEnd: 'INVALID_DATE',
  grant: 'INVALID_FLAG',
  orderType: 'UNKNOWN_CHOICE',
  poStatus: 'UNKNOWN_CHOICE',
  orderingParty: 'ORDER_NUMBER_TOO_LONG',
  poNumber: 'ORDER_NUMBER_TOO_LONG',
};

const HeaderSchema = OrderBodySchema.omit({ lines: true });

/** An order as sent, before the schema: the API's body, or the rows of one order of a file. */
export interface SentOrder {
  header: unknown;
  /** Each line's values with where it came from: its position in the body, or its row in the file. */
  lines: { line: number; values: Record<string, unknown> }[];
  headerLine: number | null;
}

export interface ReadOrder {
  /** Null when the order itself is wrong (see `orderErrors`); otherwise the lines that fit. */
  order: OrderInput | null;
  /** Values of lines that do not fit, each at its line. */
  lineErrors: LineError[];
  /** What is wrong with the order itself: its number, date or Licensing ID (at the header's line), or having too many lines. */
  orderErrors: LineError[];
}

/** The errors of the values a schema refused, one per field, named by their path ("licensingId.number"). */
function valueErrors(issues: readonly { path: PropertyKey[] }[], values: unknown, line: number | null): LineError[] {
  const fields = new Set(issues.map((issue) => issue.path.map(String).join('.')).filter(Boolean));
  return [...fields].map((field) => {
    const value = field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null | undefined)?.[k], values);
    const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    return { line, field, code: missing ? 'MISSING_VALUE' : (CODE_BY_FIELD[field] ?? 'MISSING_VALUE') };
  });
}

/**
 * R-BC-7: an order read against the API's schema, the same for a body and for the rows of an order
 * file, so that both refuse the same values with the same codes: the lines that fit go into the
 * order, each value that does not becomes an error at its line (numbered from 1, like every other
 * line error of an order), instead of a VALIDATION_FAILED path counting from 0.
 */
export function readOrder(sent: SentOrder): ReadOrder {
  const header = HeaderSchema.safeParse(sent.header);
  const orderErrors = header.success ? [] : valueErrors(header.error.issues, sent.header, sent.headerLine);
  const beyond = sent.lines[MAX_LINES_PER_ORDER];
  if (beyond) orderErrors.push({ line: beyond.line, field: 'lines', code: 'TOO_MANY_LINES' });
  const lines: OrderLineInput[] = [];
  const lineErrors: LineError[] = [];
  for (const { line, values } of sent.lines) {
    const parsed = OrderLineSchema.safeParse(values);
    if (parsed.success) lines.push({ ...parsed.data, line });
    else lineErrors.push(...valueErrors(parsed.error.issues, values, line));
  }
  const order = header.success && orderErrors.length === 0 ? { ...header.data, lines, headerLine: sent.headerLine } : null;
  return { order, lineErrors, orderErrors };
}

/**
 * An order body whose lines did not all pass the schema, read line by line (see readOrder). Null
 * when what is wrong is the order itself (its header, or `lines` not being a list of 1 to
 * MAX_LINES_PER_ORDER lines): that stays VALIDATION_FAILED.
 */
export function readOrderLines(body: unknown): { order: OrderInput; errors: LineError[] } | null {
  const lines = (body as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  if (lines.some((l) => typeof l !== 'object' || l === null || Array.isArray(l))) return null;
  const read = readOrder({ header: body, lines: lines.map((values, i) => ({ line: i + 1, values })), headerLine: null });
  return read.order ? { order: read.order, errors: read.lineErrors } : null;
}

/**
 * The order a POST /operator/orders carries (its route attaches validation errors instead of
 * answering them): lines numbered from 1, and the line errors the schema found, if any.
 */
export function orderOfRequest(req: Pick<FastifyRequest, 'headers' | 'validationError'> & { body: OrderBody }): {
  order: OrderInput;
  errors: LineError[];
} {
  const failed = req.validationError as (Error & { validationContext?: string }) | undefined;
  if (!failed) {
    return { order: { ...req.body, lines: req.body.lines.map((l, i) => ({ ...l, line: i + 1 })), headerLine: null }, errors: [] };
  }
  // The body failed first, so the headers were not validated yet: they must hold before anything is read.
  const read = failed.validationContext === 'body' && OrderHeadersSchema.safeParse(req.headers).success ? readOrderLines(req.body) : null;
  if (!read) throw failed;
  return read;
}
