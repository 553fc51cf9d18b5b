import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { PoolSchema } from '../../catalog/schemas.js';
import type { KmsHost } from './host.js';

const MAX_BODY_BYTES = 8 * 1024;

export const KmsRequestSchema = z.object({
  fingerprint: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:+/=-]+$/),
  pool: PoolSchema,
  machineKind: z.enum(['PHYSICAL', 'VIRTUAL']).default('PHYSICAL'),
  hostname: z.string().trim().max(253).nullish(),
});

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The host's HTTP face: `POST /kms/v1/activate` (activate or renew a machine), `GET /kms/v1/status`.
 * It listens on loopback unless told otherwise; the machines it serves are the organization's own.
 */
export function serveKmsHost(host: KmsHost): Server {
  return createServer(async (req, res) => {
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    if (route === 'GET /kms/v1/status') return send(res, 200, host.status());
    if (route !== 'POST /kms/v1/activate') return send(res, 404, { code: 'ROUTE_NOT_FOUND' });
    let raw: unknown;
    try {
      raw = await readJson(req);
    } catch {
      return send(res, 400, { code: 'MALFORMED_JSON' });
    }
    const parsed = KmsRequestSchema.safeParse(raw);
    if (!parsed.success) return send(res, 400, { code: 'VALIDATION_FAILED', errors: parsed.error.issues.map((i) => i.path.join('.')) });
    try {
      const answer = await host.request(parsed.data);
      send(res, answer.status === 'HOST_NOT_ACTIVATED' ? 503 : answer.status === 'NOT_SERVED' ? 422 : 200, answer);
    } catch {
      send(res, 500, { code: 'INTERNAL' });
    }
  });
}

export async function listen(server: Server, port: number, address: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  const a = server.address() as AddressInfo;
  return `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
}
