import { NIL, type RouteCase } from './types.js';

export const PERMISSIONS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/me/permissions': { query: 'status=all' },
  'DELETE /api/v1/me/permissions/:id': { params: { id: NIL } },
  'GET /api/v1/role-groups': {},
  'GET /api/v1/users': { query: 'status=all&limit=5' },
  'POST /api/v1/users': {
    body: { email: 'walk-new@contoso.example', firstName: 'Walk', lastName: 'New', grants: [{ licensingId: NIL, roles: ['DOWNLOAD'] }] },
  },
  'GET /api/v1/users/:userId': { params: { userId: NIL } },
  'PUT /api/v1/users/:userId/roles/:licensingId': { params: { userId: NIL }, body: { roles: ['DOWNLOAD'] } },
  'DELETE /api/v1/users/:userId/roles/:licensingId': { params: { userId: NIL } },
  'POST /api/v1/users/:userId/deactivate': { params: { userId: NIL } },
  'POST /api/v1/users/:userId/reactivate': { params: { userId: NIL } },
  'GET /api/v1/me/inheritance': {},
  'PUT /api/v1/me/inheritance/:agreementId': { params: { agreementId: NIL }, body: { optedIn: false } },
  'POST /api/v1/permission-requests': { body: { programCode: 'ENTERPRISE', number: 'NO-SUCH-NUMBER', roles: ['DOWNLOAD'] } },
  'GET /api/v1/permission-requests': { query: 'status=ALL' },
  'POST /api/v1/permission-requests/:requestId/decision': { params: { requestId: NIL }, body: { decision: 'DENY' } },
};
