import { FOREIGN, NIL, type RouteCase } from './types.js';

// Product and file ids nobody has: every caller allowed past the guard gets 404 from the service.
export const DOWNLOADS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/downloads': { query: 'q=office' },
  'GET /api/v1/downloads/categories': {},
  'GET /api/v1/downloads/suggest': { query: 'q=nor' },
  'GET /api/v1/downloads/monthly': { query: `licensingId=${FOREIGN.licensingId}` },
  'GET /api/v1/downloads/:productId': { params: { productId: NIL } },
  'POST /api/v1/downloads/:productId/links': { params: { productId: NIL }, body: { language: 'en', os: 'WINDOWS' } },
  'GET /api/v1/me/download-settings': {},
  'PUT /api/v1/me/download-settings': { body: { method: 'BROWSER', language: 'en', os: 'WINDOWS' } },
  'GET /api/v1/files/:fileId/content': { params: { fileId: NIL } },
  'POST /api/v1/operator/products/:productId/files': {
    params: { productId: NIL },
    query: 'name=walk.iso&language=en&os=WINDOWS&arch=X64&format=ISO',
  },
  'GET /api/v1/operator/products/:productId/files': { params: { productId: NIL } },
  'DELETE /api/v1/operator/files/:fileId': { params: { fileId: NIL } },
  'PUT /api/v1/operator/products/:productId/download-info': { params: { productId: NIL }, body: { versionNotes: 'walk' } },
};
