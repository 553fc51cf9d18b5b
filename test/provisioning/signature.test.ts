import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signedHeaders, signWebhook, verifyWebhook } from '../../src/modules/provisioning/signature.js';

describe('provisioning webhooks are signed as Standard Webhooks', () => {
  it('reproduces the example vector of the Standard Webhooks specification exactly', () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('signs "<id>.<timestamp>.<body>" with the base64-decoded key, as node:crypto computes it independently', () => {
    const key = Buffer.alloc(32, 7);
    const secret = `whsec_${key.toString('base64')}`;
    const body = JSON.stringify({ type: 'service.activation', timestamp: '2026-12-05T09:00:00.000Z', data: { å: 'ü' } });
    const expected = createHmac('sha256', key)
      .update(Buffer.from(`evt_1.1764925200.${body}`, 'utf8'))
      .digest('base64');
    expect(signWebhook(secret, 'evt_1', 1764925200, body)).toBe(`v1,${expected}`);
  });

  it('the reference library accepts the headers of an attempt, and refuses them for another body', () => {
    const secret = `whsec_${Buffer.alloc(24, 3).toString('base64')}`;
    const body = '{"type":"service.renewal","timestamp":"2026-12-05T09:00:00.000Z","data":{}}';
    const headers = signedHeaders(secret, 'c0ffee00-0000-4000-8000-000000000001', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('renewal', 'activation'), { ...headers })).toThrow();
  });

  it('a receiver verifies within the tolerance only, against any one of several signatures', () => {
    const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const at = new Date('2026-12-05T09:00:00Z');
    const headers = signedHeaders(secret, 'evt_2', at, '{}');
    expect(verifyWebhook(secret, headers, '{}', at)).toBe(true);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,bm9wZQ== ${headers['webhook-signature']}` }, '{}', at)).toBe(true);
    expect(verifyWebhook(secret, headers, '{}', new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(secret, headers, '{ }', at)).toBe(false);
    expect(verifyWebhook(`whsec_${Buffer.alloc(32, 8).toString('base64')}`, headers, '{}', at)).toBe(false);
  });
});
