import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const c = cookiesOf(res);
  const cookie = `lsc_session=${c.lsc_session}; lsc_csrf=${c.lsc_csrf}`;
  const csrf = c.lsc_csrf ?? '';
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
