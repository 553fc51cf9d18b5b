import type { FastifyRequest } from 'fastify';
import type { LineError, LineErrorCode, OrderInput } from './rules.js';
import { MAX_LINES_PER_ORDER, type OrderBody, OrderBodySchema, OrderHeadersSchema, OrderLineSchema } from './schemas.js';

/** The line error a value of the wrong form gives, by field (a missing value is MISSING_VALUE whatever the field). */
const CODE_BY_FIELD: Record<string, LineErrorCode> = {
  product: 'UNKNOWN_PRODUCT',
  licenseType: 'UNKNOWN_LICENSE_TYPE',
  quantity: 'INVALID_NUMBER',
  coverageStart: 'INVALID_DATE',
  coverageEnd: 'INVALID_DATE',
  grant: 'INVALID_FLAG',
};

const HeaderSchema = OrderBodySchema.omit({ lines: true });

/**
 * An order body whose lines did not all pass the schema, read line by line: the lines that fit go
 * into the order, each value that does not becomes a line error numbered from 1, like every other
 * line error of an order (and like the rows of an order file), instead of a VALIDATION_FAILED path
 * counting from 0. Null when what is wrong is the order itself (its header, or `lines` not being a
 * list of lines): that stays VALIDATION_FAILED.
 */
export function readOrderLines(body: unknown): { order: OrderInput; errors: LineError[] } | null {
  const header = HeaderSchema.safeParse(body);
  const lines = (body as { lines?: unknown } | null)?.lines;
  if (!header.success || !Array.isArray(lines) || lines.length === 0 || lines.length > MAX_LINES_PER_ORDER) return null;
  if (lines.some((l) => typeof l !== 'object' || l === null || Array.isArray(l))) return null;
  const order: OrderInput = { ...header.data, lines: [], headerLine: null };
  const errors: LineError[] = [];
  lines.forEach((raw: Record<string, unknown>, i) => {
    const line = i + 1;
    const parsed = OrderLineSchema.safeParse(raw);
    if (parsed.success) {
      order.lines.push({ ...parsed.data, line });
      return;
    }
    const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')).filter(Boolean));
    for (const field of fields) {
      const value = raw[field];
      const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      errors.push({ line, field, code: missing ? 'MISSING_VALUE' : (CODE_BY_FIELD[field] ?? 'MISSING_VALUE') });
    }
  });
  return { order, errors };
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
