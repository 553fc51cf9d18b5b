import { FOREIGN, NIL, type RouteCase } from './types.js';

// A well-formed key nobody was issued, and a key whose check character is wrong: refused before anything counts.
const machine = { productKey: 'BCDFG-HJKMP-QRTVW-XY234-6789B', productCode: 'WALK-PRODUCT', fingerprint: 'walk-machine' };

export const KEYS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/product-keys': {},
  'GET /api/v1/product-keys/export': { query: 'format=tsv' },
  'GET /api/v1/product-keys/workbook': {},
  'GET /api/v1/product-keys/print': {},
  'GET /api/v1/licensing-ids/:licensingId/keys': {},
  'GET /api/v1/licensing-ids/:licensingId/keys/export': { query: 'format=csv' },
  'GET /api/v1/licensing-ids/:licensingId/keys/print': {},
  'POST /api/v1/key-requests': {
    body: {
      kind: 'MORE_MAK_ACTIVATIONS',
      licensingId: FOREIGN.licensingId,
      agreementNumber: '67012345',
      product: { name: 'Windows', version: '11', edition: 'Enterprise' },
      keyLastFive: 'BCDFG',
      activationsWanted: 10,
      justification: 'walk',
    },
  },
  'GET /api/v1/key-requests': {},
  'GET /api/v1/operator/key-requests': { query: 'status=ALL' },
  'POST /api/v1/operator/key-requests/:requestId/decision': { params: { requestId: NIL }, body: { decision: 'DENY' } },
  'POST /api/v1/operator/licensing-ids/:licensingId/keys/issue': {},
  'POST /api/v1/operator/licensing-ids/:licensingId/keys': { body: { type: 'SETUP', productId: NIL } },
  'GET /api/v1/activation/public-key': {},
  'POST /api/v1/activations': { body: machine },
  'POST /api/v1/activations/proxy': { body: { ...machine, fingerprint: undefined, machines: [{ fingerprint: 'walk-machine' }] } },
  'POST /api/v1/kms-hosts/activate': {
    body: { ...machine, hostPublicKey: 'MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=' },
  },
  'GET /api/v1/product-keys/:keyId/activations': { params: { keyId: FOREIGN.productKey } },
  'GET /api/v1/product-keys/:keyId/activations/daily': { params: { keyId: FOREIGN.productKey }, query: 'days=7' },
};
