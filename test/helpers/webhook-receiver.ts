import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** What the receiver does with one request: answer with a status (after a delay), or never answer. */
export type Behaviour = { status: number; delayMs?: number } | 'hang';

export interface Received {
  id: string;
  timestamp: number;
  /** Whether the Standard Webhooks reference library accepted the signature. */
  verified: boolean;
  body: { type: string; timestamp: string; data: unknown };
  status: number | 'hang';
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** How many requests for the same webhook-id were ever in progress at once (1: never two at once). */
  maxConcurrentPerId(): number;
  /** Changes what the receiver answers from now on (the n-th request it gets from now, counted from 1). */
  behave(b: (n: number, id: string) => Behaviour): void;
  close(): Promise<void>;
}

/**
 * The publisher's provisioning system as a test sees it: a real HTTP server on loopback, on an
 * ephemeral port, that verifies each request with the Standard Webhooks reference library (not the
 * service's own code) and answers as the test tells it: 2xx, 500, slowly, or not at all.
 */
export async function startWebhookReceiver(secret: string, behave: (n: number, id: string) => Behaviour = () => ({ status: 204 })) {
  const verifier = new Webhook(secret);
  const received: Received[] = [];
  const inFlight = new Map<string, number>();
  let maxConcurrent = 0;
  let behaviour = behave;
  let count = 0;
  const hanging = new Set<ServerResponse>();

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server = createServer(async (req, res) => {
    const raw = await read(req);
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    let verified = true;
    try {
      verifier.verify(raw, headers);
    } catch {
      verified = false;
    }
    const id = headers['webhook-id'];
    const now = (inFlight.get(id) ?? 0) + 1;
    inFlight.set(id, now);
    maxConcurrent = Math.max(maxConcurrent, now);
    count += 1;
    const b = behaviour(count, id);
    received.push({
      id,
      timestamp: Number(headers['webhook-timestamp']),
      verified,
      body: JSON.parse(raw),
      status: b === 'hang' ? 'hang' : b.status,
    });
    const done = () => inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
    if (b === 'hang') {
      hanging.add(res);
      res.on('close', done);
      return;
    }
    if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
    done();
    res.writeHead(verified ? b.status : 401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/provisioning`,
    received,
    maxConcurrentPerId: () => maxConcurrent,
    behave(b) {
      behaviour = b;
      count = 0;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
