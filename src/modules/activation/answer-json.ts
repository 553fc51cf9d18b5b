import type { z } from 'zod';
import type { ActivationResponse } from './schemas.js';

type Answer = z.input<typeof ActivationResponse>;

/**
 * The JSON of a machine's activation answer, written field by field: the route's zod serializer
 * checked and copied the whole answer again before JSON.stringify, a measurable part of an
 * activation's CPU. It names exactly ActivationResponse's fields (no others can leave), in its
 * order; test/activation/answer-json.test.ts holds it equal to the zod serializer's output.
 */
export function activationAnswerJson(a: Answer): string {
  return JSON.stringify({
    status: a.status,
    activationId: a.activationId,
    certificate: a.certificate,
    activatedAt: a.activatedAt,
    activations: { used: a.activations.used, limit: a.activations.limit },
  });
}
