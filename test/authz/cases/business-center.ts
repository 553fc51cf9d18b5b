import { FOREIGN, NIL, type RouteCase } from './types.js';

const pkg = { salesPackageId: NIL };
const newPackage = {
  purchasingAccountId: FOREIGN.purchasingAccount,
  title: 'Walk',
  terms: { program: 'SELECT_PLUS', startDate: '2027-01-01', lines: [{ product: 'Office', quantity: 1 }], offer: null },
};

/** R-BC-1, R-PERM-14: the business center's purchasing accounts; R-BC-2, R-BC-3: sales packages and agreements. */
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
};
