import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type Problem, problemType } from '../errors.js';
import { negotiateLocale } from '../i18n/locale.js';
import { type ProblemTitles, problemTitle } from '../i18n/problems.js';

function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const e = err as FastifyError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new DomainError('MALFORMED_JSON', 400, e.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('PAYLOAD_TOO_LARGE', 413, e.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, e.message);
  }
  if (err instanceof SyntaxError && e.statusCode === 400) return new DomainError('MALFORMED_JSON', 400, e.message);
  return new DomainError('INTERNAL', 500, 'Internal error');
}

/**
 * A DomainError's message is English, written where the code is raised, and names values and
 * cases the title does not; it has no translation. An answer in another language carries the
 * translated title and the structured members (`errors`, the details) but no English sentence
 * beside a Swedish title.
 */
const DETAIL_LOCALE = 'en';

export type ProblemSender = (err: unknown, req: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** One error model for the whole API: RFC 9457 problem+json with a stable `code`, titled in the caller's language. */
export const problemSender =
  (titles: ProblemTitles): ProblemSender =>
  (err, req, reply) => {
    const locale = req.actor?.locale ?? negotiateLocale(req.headers['accept-language']);
    let problem: Problem;
    if (hasZodFastifySchemaValidationErrors(err)) {
      problem = {
        type: problemType('VALIDATION_FAILED'),
        title: problemTitle(titles, 'VALIDATION_FAILED', locale, 'Validation failed'),
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: err.validation.map((v) => ({
          path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
          message: v.message ?? 'invalid',
        })),
      };
    } else {
      const d = toDomainError(err);
      if (d.status >= 500) req.log.error({ err }, 'unhandled error');
      problem = {
        type: problemType(d.code),
        title: problemTitle(titles, d.code, locale, d.message),
        status: d.status,
        code: d.code,
        ...(d.status < 500 && locale === DETAIL_LOCALE ? { detail: d.message } : {}),
        ...d.details,
      };
    }
    problem.instance = req.url.split('?')[0];
    problem.requestId = req.id;
    // Any refusal that knows when it ends (a rate limit's window) says so in the header too (RFC 9110 §10.2.3).
    if (typeof problem.retryAfterSeconds === 'number')
      reply.header('retry-after', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
    return reply.status(problem.status).header('content-language', locale).type('application/problem+json').send(problem);
  };
