import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { activationAnswerJson } from '../../src/modules/activation/answer-json.js';
import { ActivationResponse } from '../../src/modules/activation/schemas.js';

describe("a machine's activation answer, serialized by hand", () => {
  it('R-KEY-4: is the JSON the zod serializer writes, and drops any field the schema does not name', () => {
    const zodJson = serializerCompiler({ schema: ActivationResponse, method: 'POST', url: '/activations', httpStatus: '201' });
    const answer = {
      status: 'ACTIVATED' as const,
      activationId: '019ae5c0-7a3b-7c2d-9e4f-0123456789ab',
      certificate: 'LSC1.eyJ2IjoxfQ.c2ln',
      activatedAt: new Date('2026-12-05T13:00:00.000Z'),
      activations: { used: 3, limit: 10, extra: 1 },
      internal: 'never sent',
    };
    expect(activationAnswerJson(answer)).toBe(zodJson(answer));
    expect(JSON.parse(activationAnswerJson(answer))).not.toHaveProperty('internal');
  });
});
