import type { Readable } from 'node:stream';
import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The one error body of /api (sent by problem.ts): RFC 9457 problem+json. Refusals carry further
 * members beside these (`attemptsLeft`, `retryAfterSeconds`, …), named where they are raised.
 */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string().describe('in the language of the caller'),
    status: z.number().int(),
    code: z.string().describe('the stable part a client acts on, e.g. VALIDATION_FAILED'),
    detail: z.string().optional().describe('English only: left out of answers in another language'),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** A body that is a file, not JSON (text or bytes, sent as a string, a Buffer or a stream). */
export const fileBody = (description: string, binary = false) =>
  z.custom<string | Buffer | Readable>().meta({ type: 'string', ...(binary ? { format: 'binary' } : {}), description });

const problemAnswer = {
  description: 'Refused or failed: problem+json with a stable `code`',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** Every route under /api may answer with a problem; SCIM speaks its own error format (declared per route). */
const transform: SwaggerTransform<FastifySchema & { hide?: boolean }> = (input) => {
  const out = jsonSchemaTransform(input);
  if (!input.url.startsWith('/api/') || out.schema?.hide) return out;
  const response = (out.schema?.response ?? {}) as Record<string, unknown>;
  return { ...out, schema: { ...out.schema, response: { ...response, default: problemAnswer } } };
};

/**
 * Each named schema becomes two components, `X` as the server answers it and `XInput` as it takes
 * it. A name only ever answered needs no `XInput`: those nothing refers to are left out.
 */
const transformObject: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input);
  const schemas: Record<string, unknown> = ('components' in document && document.components?.schemas) || {};
  for (;;) {
    const text = JSON.stringify(document);
    const unused = Object.keys(schemas).filter((id) => id.endsWith('Input') && !text.includes(`"#/components/schemas/${id}"`));
    if (unused.length === 0) return document;
    for (const id of unused) delete schemas[id];
  }
};

/**
 * The OpenAPI document at /api/openapi.json. Zod schemas given an `id` (`.meta({ id })`) become
 * named components, which the portal's generated types (web/src/api/schema.d.ts) use by name.
 */
export const openApiOptions = (version: string): FastifyDynamicSwaggerOptions => ({
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Licensing Service Center API',
      version,
      description:
        'Volume-licensing portal API. Errors are RFC 9457 problem+json with a stable `code`. Authenticate with the session cookie (+ X-CSRF-Token on changes) or `Authorization: Bearer lsc_…` personal tokens.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lsc_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  },
  transform: transform as SwaggerTransform,
  transformObject,
});
