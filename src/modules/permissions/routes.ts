import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import {
  AddedUserSchema,
  AddUserBody,
  AssignmentInput,
  BulkAssignmentInput,
  DeactivatedUserSchema,
  DecisionBody,
  InheritanceSchema,
  MyPermissionsSchema,
  PermissionRequestBody,
  PermissionRequestQuery,
  PermissionRequestSchema,
  RoleGroupsSchema,
  UserDetailSchema,
  UserListQuery,
  UserListSchema,
} from './schemas.js';
import { createPermissionsService } from './service.js';

const UserParams = z.object({ userId: z.uuid() });

export function permissionsModule(deps: ModuleDeps): ModuleRoutes {
  const permissions = createPermissionsService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/me/permissions',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permissions'],
          summary: 'My Permissions: my roles per Licensing ID, with parent agreement, MBSA and whether I may remove it (R-PERM-4)',
          querystring: z.object({ status: z.enum(['active', 'all']).default('active') }),
          response: { 200: MyPermissionsSchema },
        },
      },
      async (req) => permissions.myPermissions.list(actorOf(req), req.query.status),
    );

    // The parameter is not named `licensingId` on purpose: the generated authorization walk puts
    // its own Licensing ID there, and a successful self-removal would strip the walk's users of
    // the roles every later route is walked with. The service answers 404 for anything not held.
    app.delete(
      '/me/permissions/:id',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permissions'],
          summary: 'Remove a Licensing ID from my own permissions; final until someone assigns it again (R-PERM-4)',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await permissions.myPermissions.leave(actorOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/role-groups',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permissions'],
          summary: 'Role groups and the duties each selects by default (R-PERM-8); codes, translated by the portal',
          response: { 200: RoleGroupsSchema },
        },
      },
      async () => permissions.roleGroups(),
    );

    app.get(
      '/users',
      {
        config: { action: 'users.manage' },
        schema: {
          tags: ['manage-users'],
          summary: 'Manage Users: users of the Licensing IDs I administer, by e-mail prefix and status (R-PERM-7, R-PERM-12)',
          querystring: UserListQuery,
          response: { 200: UserListSchema },
        },
      },
      async (req) => permissions.users.list(actorOf(req), req.query),
    );

    app.post(
      '/users',
      {
        config: { action: 'users.manage' },
        schema: {
          tags: ['manage-users'],
          summary: 'Add a user with roles per Licensing ID and send the invitation (R-PERM-7)',
          body: AddUserBody,
          response: { 201: AddedUserSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await permissions.users.add(actorOf(req), req.body)),
    );

    app.get(
      '/users/:userId',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary: 'A user and their roles on each Licensing ID I administer',
          params: UserParams,
          response: { 200: UserDetailSchema },
        },
      },
      async (req) => permissions.users.get(actorOf(req), req.params.userId),
    );

    app.put(
      '/users/:userId/roles/:licensingId',
      {
        config: { action: 'users.manage', target: 'params.licensingId' },
        schema: {
          tags: ['manage-users'],
          summary:
            'Set the user’s roles on one Licensing ID, with role-group sub-roles and Manage Reservation; also adds a Licensing ID to an existing user (R-PERM-7, R-PERM-8, R-PERM-9)',
          params: UserParams.extend({ licensingId: z.uuid() }),
          body: AssignmentInput,
          response: { 200: UserDetailSchema },
        },
      },
      async (req) => permissions.users.setRoles(actorOf(req), req.params.userId, req.params.licensingId, req.body),
    );

    app.put(
      '/users/:userId/roles',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary:
            'Give the user the same roles on many Licensing IDs I administer at once (copy one Licensing ID’s roles to others); all or nothing, one audit row and one mail (R-PERM-7, R-PERM-8, R-PERM-9)',
          params: UserParams,
          body: BulkAssignmentInput,
          response: { 200: UserDetailSchema },
        },
      },
      async (req) => {
        const { licensingIds, ...assignment } = req.body;
        return permissions.users.setRolesOnMany(actorOf(req), req.params.userId, licensingIds, assignment);
      },
    );

    app.delete(
      '/users/:userId/roles/:licensingId',
      {
        config: { action: 'users.manage', target: 'params.licensingId' },
        schema: {
          tags: ['manage-users'],
          summary: 'Remove a Licensing ID from the user; they stay listed with no permissions (R-PERM-7)',
          params: UserParams.extend({ licensingId: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await permissions.users.removeLicensingId(actorOf(req), req.params.userId, req.params.licensingId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/users/:userId/deactivate',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary:
            'Deactivate: remove the user from every Licensing ID I administer except those they keep; no self-service way back until an Administrator lets them back; a person of the organization left with no role is signed out everywhere and cannot sign in (R-PERM-7, R-ID-6). SELF_DEACTIVATION for oneself.',
          params: UserParams,
          response: { 200: DeactivatedUserSchema },
        },
      },
      async (req) => permissions.users.deactivate(actorOf(req), req.params.userId),
    );

    app.post(
      '/users/:userId/reactivate',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary:
            'Reactivate: lift the organization’s deactivation (a closed account signs in again) and give back the roles Administrators assigned on the Licensing IDs I administer (R-PERM-7)',
          params: UserParams,
          response: { 200: UserDetailSchema },
        },
      },
      async (req) => permissions.users.reactivate(actorOf(req), req.params.userId),
    );

    app.get(
      '/me/inheritance',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permissions'],
          summary: 'MBSAs and parent agreements whose contact I am, and whether I am Administrator of their children (R-PERM-5)',
          response: { 200: z.object({ items: z.array(InheritanceSchema) }) },
        },
      },
      async (req) => ({ items: await permissions.inheritance.list(actorOf(req)) }),
    );

    app.put(
      '/me/inheritance/:agreementId',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permissions'],
          summary: 'Opt in to or out of Administrator inheritance for an agreement’s children; Licensing Info Viewer stays (R-PERM-5)',
          params: z.object({ agreementId: z.uuid() }),
          body: z.object({ optedIn: z.boolean() }),
          response: { 200: InheritanceSchema },
        },
      },
      async (req) => permissions.inheritance.choose(actorOf(req), req.params.agreementId, req.body.optedIn),
    );

    app.post(
      '/permission-requests',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permission-requests'],
          summary: 'Ask the Administrators of a Licensing ID for roles; they are mailed, their names never shown (R-PERM-6)',
          body: PermissionRequestBody,
          response: { 201: PermissionRequestSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await permissions.requests.create(actorOf(req), req.body)),
    );

    app.get(
      '/permission-requests',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permission-requests'],
          summary: 'My requests (mine=true), or the requests on Licensing IDs I administer, by status (R-PERM-6)',
          querystring: PermissionRequestQuery,
          response: { 200: z.object({ items: z.array(PermissionRequestSchema) }) },
        },
      },
      async (req) => permissions.requests.list(actorOf(req), req.query),
    );

    app.post(
      '/permission-requests/:requestId/decision',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['permission-requests'],
          summary: 'Accept or deny a request on a Licensing ID I administer, with an optional note (R-PERM-6)',
          params: z.object({ requestId: z.uuid() }),
          body: DecisionBody,
          response: { 200: PermissionRequestSchema },
        },
      },
      async (req) => permissions.requests.decide(actorOf(req), req.params.requestId, req.body),
    );
  };
}
