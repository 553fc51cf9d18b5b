import { FOREIGN, type RouteCase } from './types.js';

export const PERMISSIONS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/me/permissions': { query: 'status=all' },
  'DELETE /api/v1/me/permissions/:id': { params: { id: FOREIGN.licensingId } },
  'GET /api/v1/role-groups': {},
  'GET /api/v1/users': { query: 'status=all&limit=5' },
  'POST /api/v1/users': {
    body: {
      email: 'walk-new@contoso.example',
      firstName: 'Walk',
      lastName: 'New',
      grants: [{ licensingId: FOREIGN.licensingId, roles: ['DOWNLOAD'] }],
    },
  },
  'GET /api/v1/users/:userId': { params: { userId: FOREIGN.user } },
  'PUT /api/v1/users/:userId/roles': {
    params: { userId: FOREIGN.user },
    body: { licensingIds: [FOREIGN.licensingId], roles: ['DOWNLOAD'] },
  },
  'PUT /api/v1/users/:userId/roles/:licensingId': { params: { userId: FOREIGN.user }, body: { roles: ['DOWNLOAD'] } },
  'DELETE /api/v1/users/:userId/roles/:licensingId': { params: { userId: FOREIGN.user } },
  'POST /api/v1/users/:userId/deactivate': { params: { userId: FOREIGN.user } },
  'POST /api/v1/users/:userId/reactivate': { params: { userId: FOREIGN.user } },
  'GET /api/v1/me/inheritance': {},
  'PUT /api/v1/me/inheritance/:agreementId': { params: { agreementId: FOREIGN.agreement }, body: { optedIn: false } },
  'POST /api/v1/permission-requests': { body: { programCode: 'ENTERPRISE', number: 'NO-SUCH-NUMBER', roles: ['DOWNLOAD'] } },
  'GET /api/v1/permission-requests': { query: 'status=ALL' },
  'POST /api/v1/permission-requests/:requestId/decision': { params: { requestId: FOREIGN.permissionRequest }, body: { decision: 'DENY' } },
};
