import { FOREIGN, NIL, type RouteCase } from './types.js';

const pkg = { salesPackageId: NIL };
const newPackage = {
  purchasingAccountId: FOREIGN.purchasingAccount,
  title: 'Walk',
  terms: { program: 'SELECT_PLUS', startDate: '2027-01-01', lines: [{ product: 'Office', quantity: 1 }], offer: null },
};

/**
 * R-BC-1, R-PERM-14: the business center's purchasing accounts, their users, and the publisher's back
 * office; R-BC-2, R-BC-3: sales packages and agreements.
 */
export const BUSINESS_CENTER_CASES: Record<string, RouteCase> = {
  'GET /api/v1/purchasing-accounts': {},
  'GET /api/v1/purchasing-accounts/:purchasingAccountId': { params: { purchasingAccountId: FOREIGN.purchasingAccount } },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/licensing-ids': {},
  'GET /api/v1/partner/purchasing-accounts': {},
  'GET /api/v1/partner/sales-packages': {},
  // Fabrikam's account is served by another partner: 404 for the walk's partner.
  'POST /api/v1/partner/sales-packages': { body: newPackage },
  'GET /api/v1/partner/sales-packages/:salesPackageId': { params: pkg },
  'PATCH /api/v1/partner/sales-packages/:salesPackageId': { params: pkg, body: { title: 'Walk', terms: newPackage.terms } },
  'POST /api/v1/partner/sales-packages/:salesPackageId/send': { params: pkg },
  'POST /api/v1/partner/sales-packages/:salesPackageId/withdraw': { params: pkg },
  'GET /api/v1/partner/sales-packages/:salesPackageId/document': { params: pkg },
  'GET /api/v1/partner/sales-packages/:salesPackageId/signed-copy': { params: pkg },
  'GET /api/v1/partner/sales-packages/:salesPackageId/verify': { params: pkg },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages': {},
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId': { params: pkg },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/document': { params: pkg },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/signed-copy': { params: pkg },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/verify': { params: pkg },
  'POST /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/sign': {
    params: pkg,
    body: { fullName: 'Walk Walker', consent: true },
  },
  'POST /api/v1/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/upload': { params: pkg },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/agreements': {},
  'GET /api/v1/business-center/agreements': {},
  'PUT /api/v1/purchasing-accounts/:purchasingAccountId/agreements/:agreementId/anniversary-month': {
    params: { agreementId: NIL },
    body: { month: 3 },
  },
  'PATCH /api/v1/purchasing-accounts/:purchasingAccountId/profile': { body: { contact: { name: 'Walk', email: 'walk@contoso.example' } } },
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/users': {},
  // An address of another organization: refused with a clear code to whoever may add users, nothing changed.
  'POST /api/v1/purchasing-accounts/:purchasingAccountId/users': {
    body: { email: 'walk-added@fabrikam.example', roles: ['ACCOUNT_VIEWER'] },
  },
  // Another organization's real user holds no role on the account: 404 to whoever may manage its users.
  'GET /api/v1/purchasing-accounts/:purchasingAccountId/users/:userId': { params: { userId: FOREIGN.user } },
  'PUT /api/v1/purchasing-accounts/:purchasingAccountId/users/:userId/roles': {
    params: { userId: FOREIGN.user },
    body: { roles: ['ACCOUNT_VIEWER'] },
  },
  'DELETE /api/v1/purchasing-accounts/:purchasingAccountId/users/:userId/roles': { params: { userId: FOREIGN.user } },
  'GET /api/v1/operator/purchasing-accounts': {},
  'GET /api/v1/operator/purchasing-accounts/channel-partners': {},
  'POST /api/v1/operator/purchasing-accounts': {
    body: {
      organizationId: NIL,
      number: '79999999',
      name: 'Walk',
      address: { line1: 'Street 1', postalCode: '111 11', city: 'Stockholm', country: 'SE' },
      contact: { name: 'Walk', email: 'walk@contoso.example' },
      administratorEmail: 'walk@contoso.example',
    },
  },
  'GET /api/v1/operator/purchasing-accounts/:purchasingAccountId': { params: { purchasingAccountId: NIL } },
  'PATCH /api/v1/operator/purchasing-accounts/:purchasingAccountId': { params: { purchasingAccountId: NIL }, body: { name: 'Walk' } },
  'PUT /api/v1/operator/purchasing-accounts/:purchasingAccountId/licensing-ids': {
    params: { purchasingAccountId: NIL },
    body: { licensingIds: [] },
  },
};
