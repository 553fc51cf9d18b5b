import { Stream } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

/**
 * Text the database cannot hold: PostgreSQL refuses NUL in `text` and in JSON, and an unpaired
 * UTF-16 surrogate (a high one without its low half, or a low one alone) is not Unicode at all:
 * JSON.stringify writes it as `\ud800`, which `jsonb` refuses. Both are refused once, here, for
 * every JSON body (keys and values, at any depth), query string and path parameter, before any
 * schema or use-case sees them. Binary bodies (uploads) are bytes, not text, and are left alone.
 */
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** At most this many fields are named in one answer; the first is enough to act on. */
const MAX_REPORTED = 20;

export interface FieldProblem {
  path: string;
  message: string;
}

function problemWith(text: string): string | null {
  if (text.includes(NUL)) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}

/** Parsed JSON, a query or the params (whose objects have no ordinary prototype); not a binary body. */
const holdsText = (v: object): boolean => !ArrayBuffer.isView(v) && !(v instanceof Stream) && !(v instanceof ArrayBuffer);

/** A key as it can be shown in a path: a NUL or a lone surrogate in it is written as an escape. */
const printableKey = (key: string) => (problemWith(key) ? JSON.stringify(key).slice(1, -1) : key);

/**
 * Every string in a parsed value that the database could not store, with its path (`body.grants.0.firstName`).
 * Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function unstorableText(value: unknown, root: string): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      const message = problemWith(v);
      if (message) found.push({ path, message });
    } else if (v !== null && typeof v === 'object' && holdsText(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const childPath = `${path}.${printableKey(key)}`;
        const keyProblem = problemWith(key);
        if (keyProblem) found.push({ path: childPath, message: `its name ${keyProblem}` });
        stack.push([child, childPath]);
      }
    }
  }
  return found.slice(0, MAX_REPORTED);
}

export function unstorableTextOf(req: Pick<FastifyRequest, 'body' | 'query' | 'params'>): FieldProblem[] {
  return [...unstorableText(req.params, 'params'), ...unstorableText(req.query, 'querystring'), ...unstorableText(req.body, 'body')];
}

/** Refuses, before validation, any request whose text the database could not store (400 INVALID_CHARACTERS). */
export function installTextGuard(app: FastifyInstance) {
  // A callback hook, not an async one: it runs on every request, and needs no promise.
  app.addHook('preValidation', (req, _reply, done) => {
    const errors = unstorableTextOf(req);
    if (errors.length === 0) return done();
    done(
      new DomainError('INVALID_CHARACTERS', 400, 'Text may not contain NUL characters or unpaired UTF-16 surrogates.', {
        errors: errors.slice(0, MAX_REPORTED),
      }),
    );
  });
}
