import { FOREIGN, type RouteCase } from './types.js';

const scimUser = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'walk-scim@contoso.example', active: true };

export const SSO_CASES: Record<string, RouteCase> = {
  'GET /api/v1/auth/sso/start': { query: 'email=walk%40nowhere.example&returnTo=%2F' },
  'GET /api/v1/auth/sso/callback': { query: 'state=walk&code=walk' },
  'GET /api/v1/organization/sso': {},
  // A closed loopback port over plain http: refused at once (OIDC_DISCOVERY_FAILED) without leaving the machine.
  'PUT /api/v1/organization/sso': { body: { issuer: 'http://127.0.0.1:1', clientId: 'walk', clientSecret: 'walk-secret' } },
  'DELETE /api/v1/organization/sso': {},
  'GET /api/v1/organization/scim-tokens': {},
  'POST /api/v1/organization/scim-tokens': { body: { name: 'walk' } },
  'DELETE /api/v1/organization/scim-tokens/:tokenId': { params: { tokenId: FOREIGN.scimToken } },
  'GET /scim/v2/ServiceProviderConfig': {},
  'GET /scim/v2/Users': { query: 'filter=userName%20eq%20%22walk%40contoso.example%22' },
  'GET /scim/v2/Users/:id': { params: { id: FOREIGN.user } },
  'POST /scim/v2/Users': { body: scimUser },
  'PUT /scim/v2/Users/:id': { params: { id: FOREIGN.user }, body: scimUser },
  'PATCH /scim/v2/Users/:id': {
    params: { id: FOREIGN.user },
    body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
  },
  'DELETE /scim/v2/Users/:id': { params: { id: FOREIGN.user } },
};
