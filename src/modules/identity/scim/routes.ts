import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import type { RoleGrants } from '../role-grants.js';
import { SCIM_ERROR_SCHEMA, SCIM_LIST_SCHEMA, type ScimType } from './rules.js';
import { createScimService, ScimError } from './service.js';

const SCIM_TYPE = 'application/scim+json; charset=utf-8';

const ScimErrorSchema = z.object({
  schemas: z.array(z.string()),
  status: z.string().describe('The HTTP status, as a string (RFC 7644 §3.12)'),
  scimType: z.string().optional(),
  detail: z.string(),
});
const errors = { 400: ScimErrorSchema, 401: ScimErrorSchema, 403: ScimErrorSchema, 404: ScimErrorSchema };

const ScimUserSchema = z.object({
  schemas: z.array(z.string()),
  id: z.uuid(),
  externalId: z.string().optional(),
  userName: z.string(),
  active: z.boolean(),
  name: z.object({ givenName: z.string(), familyName: z.string() }).optional(),
  emails: z.array(z.object({ value: z.string(), type: z.string(), primary: z.boolean() })),
  meta: z.object({ resourceType: z.literal('User'), lastModified: z.string(), location: z.string() }),
});

/** Azure AD sends booleans as "True"/"False" strings; other directories as JSON booleans. */
const ScimBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((v) => v === true || v === 'true' || v === 'True');

const ScimUserBody = z.object({
  schemas: z.array(z.string().trim().max(200)).max(10).optional(),
  userName: z.string().trim().min(3).max(254).email().describe('The work e-mail address'),
  externalId: z.string().trim().max(200).optional(),
  active: ScimBoolean.optional().describe('Default true; false removes access at once (R-ID-6)'),
  name: z
    .object({
      givenName: z.string().trim().max(100).optional(),
      familyName: z.string().trim().max(100).optional(),
      formatted: z.string().trim().max(300).optional(),
    })
    .optional(),
  displayName: z.string().trim().max(300).optional(),
});

const IdParams = z.object({ id: z.string().trim().min(1).max(100) });

function sendScimError(reply: FastifyReply, status: number, detail: string, scimType?: ScimType) {
  return reply
    .status(status)
    .type(SCIM_TYPE)
    .send({ schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

/**
 * SCIM 2.0 Users for the organization's directory (RFC 7643/7644 subset). Everything here answers
 * in SCIM's own format: `application/scim+json`, and errors with `schemas`, `status`, `detail`,
 * which is why this plugin handles its own errors instead of the API's problem+json.
 */
export function scimModule(deps: ModuleDeps, grants: Pick<RoleGrants, 'organizationAdministrators'>): ModuleRoutes {
  const scim = createScimService(deps, grants);

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
    app.addHook('onSend', async (_req, reply, payload) => {
      if (payload !== null && payload !== undefined && payload !== '') reply.header('content-type', SCIM_TYPE);
      return payload;
    });
    app.setErrorHandler((err, req, reply) => {
      if (err instanceof ScimError) return sendScimError(reply, err.status, err.message, err.scimType);
      if (hasZodFastifySchemaValidationErrors(err)) {
        const detail = err.validation
          .map((v) => `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}: ${v.message}`)
          .join('; ');
        return sendScimError(reply, 400, detail, 'invalidValue');
      }
      if (err instanceof DomainError && err.status < 500) return sendScimError(reply, err.status, err.message);
      const status = (err as FastifyError).statusCode;
      if (status && status >= 400 && status < 500)
        return sendScimError(reply, status, (err as Error).message, status === 400 ? 'invalidSyntax' : undefined);
      req.log.error({ err }, 'SCIM request failed');
      return sendScimError(reply, 500, 'Internal error.');
    });
    app.setNotFoundHandler((req, reply) => sendScimError(reply, 404, `No SCIM endpoint ${req.method} ${req.url.split('?')[0]}.`));

    app.get(
      '/ServiceProviderConfig',
      {
        config: { action: 'directory.sync' },
        schema: {
          tags: ['scim'],
          summary: 'What this SCIM service supports (RFC 7643 §5)',
          response: {
            200: z.object({
              schemas: z.array(z.string()),
              patch: z.object({ supported: z.boolean() }),
              bulk: z.object({ supported: z.boolean(), maxOperations: z.number(), maxPayloadSize: z.number() }),
              filter: z.object({ supported: z.boolean(), maxResults: z.number() }),
              changePassword: z.object({ supported: z.boolean() }),
              sort: z.object({ supported: z.boolean() }),
              etag: z.object({ supported: z.boolean() }),
              authenticationSchemes: z.array(z.object({ type: z.string(), name: z.string(), description: z.string() })),
            }),
            ...errors,
          },
        },
      },
      async () => ({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: deps.config.SCIM_PAGE_SIZE_MAX },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [
          { type: 'oauthbearertoken', name: 'Bearer token', description: 'A scim_… token created by an Administrator of the organization' },
        ],
      }),
    );

    app.get(
      '/Users',
      {
        config: { action: 'directory.sync' },
        schema: {
          tags: ['scim'],
          summary: 'The directory’s users; filter `userName eq "…"` or `externalId eq "…"`, paged with startIndex (1-based) and count',
          querystring: z.object({
            filter: z.string().trim().max(500).optional(),
            startIndex: z.coerce.number().int().optional(),
            count: z.coerce.number().int().optional(),
          }),
          response: {
            200: z.object({
              schemas: z.array(z.string()),
              totalResults: z.number().int(),
              startIndex: z.number().int(),
              itemsPerPage: z.number().int(),
              Resources: z.array(ScimUserSchema),
            }),
            ...errors,
          },
        },
      },
      async (req) => ({ schemas: [SCIM_LIST_SCHEMA], ...(await scim.listUsers(actorOf(req), req.query)) }),
    );

    app.get(
      '/Users/:id',
      {
        config: { action: 'directory.sync' },
        schema: { tags: ['scim'], summary: 'One user of the directory', params: IdParams, response: { 200: ScimUserSchema, ...errors } },
      },
      async (req) => scim.getUser(actorOf(req), req.params.id),
    );

    app.post(
      '/Users',
      {
        config: { action: 'directory.sync' },
        schema: {
          tags: ['scim'],
          summary:
            'Add a user to the directory (no portal permissions by itself); an active duplicate is 409 uniqueness; after a DELETE the address gets a new id',
          body: ScimUserBody,
          response: { 201: ScimUserSchema, 409: ScimErrorSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await scim.createUser(actorOf(req), req.body)),
    );

    app.put(
      '/Users/:id',
      {
        config: { action: 'directory.sync' },
        schema: {
          tags: ['scim'],
          summary: 'Replace a user; `active: false` removes access at once (R-ID-6)',
          params: IdParams,
          body: ScimUserBody,
          response: { 200: ScimUserSchema, ...errors },
        },
      },
      async (req) => scim.replaceUser(actorOf(req), req.params.id, req.body),
    );

    app.patch(
      '/Users/:id',
      {
        config: { action: 'directory.sync' },
        schema: {
          tags: ['scim'],
          summary:
            'Change a user (PatchOp: add/replace/remove of active, externalId, name); `active: false` removes access at once (R-ID-6)',
          params: IdParams,
          body: z.object({
            schemas: z.array(z.string().trim().max(200)).max(10).optional(),
            Operations: z
              .array(
                z.object({
                  op: z.string().trim().min(1).max(20),
                  path: z.string().trim().max(300).optional(),
                  value: z.unknown().optional(),
                }),
              )
              .min(1)
              .max(100),
          }),
          response: { 200: ScimUserSchema, ...errors },
        },
      },
      async (req) => scim.patchUser(actorOf(req), req.params.id, req.body.Operations),
    );

    app.delete(
      '/Users/:id',
      {
        config: { action: 'directory.sync' },
        schema: {
          tags: ['scim'],
          summary:
            'Remove a user from the directory: access ends at once, the account stays listed (R-ID-6); the id answers 404 from then on (RFC 7644 §3.6)',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await scim.deleteUser(actorOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
