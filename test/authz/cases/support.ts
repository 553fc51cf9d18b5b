import { FOREIGN, NIL, type RouteCase } from './types.js';

const attachment = { name: 'walk.txt', mediaType: 'text/plain', contentBase64: Buffer.from('walk').toString('base64') };

/** R-SUP-1: a requester's routes are walked with Fabrikam's real request (404 to every Contoso user); the queue's with NIL. */
export const SUPPORT_CASES: Record<string, RouteCase> = {
  'POST /api/v1/support-requests': {
    body: {
      topic: 'OTHER',
      licensingId: FOREIGN.licensingId,
      subject: 'Walk',
      description: 'A walk through the routes.',
      attachments: [attachment],
    },
  },
  'GET /api/v1/support-requests': {},
  'GET /api/v1/support-requests/:requestId': { params: { requestId: FOREIGN.supportRequest } },
  'POST /api/v1/support-requests/:requestId/replies': { params: { requestId: FOREIGN.supportRequest }, body: { body: 'walk' } },
  'POST /api/v1/support-requests/:requestId/close': { params: { requestId: FOREIGN.supportRequest } },
  'GET /api/v1/support-requests/:requestId/attachments/:attachmentId': {
    params: { requestId: FOREIGN.supportRequest, attachmentId: FOREIGN.supportAttachment },
  },
  'GET /api/v1/operator/support-requests': { query: 'status=ALL' },
  'GET /api/v1/operator/support-requests/:requestId': { params: { requestId: NIL } },
  'POST /api/v1/operator/support-requests/:requestId/replies': { params: { requestId: NIL }, body: { body: 'walk' } },
  'POST /api/v1/operator/support-requests/:requestId/close': { params: { requestId: NIL } },
  'GET /api/v1/operator/support-requests/:requestId/attachments/:attachmentId': { params: { requestId: NIL, attachmentId: NIL } },
};
