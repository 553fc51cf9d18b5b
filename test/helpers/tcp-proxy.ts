import { createConnection, createServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * One request and its response as the proxy saw them. Clients keep connections alive, so an
 * exchange starts where the client sends a request line, not where a connection opens.
 */
export interface ProxiedExchange {
  id: number;
  connection: number;
  /** The request text the client sent (its first 16 KiB): request line and headers. */
  request: string;
  /** Bytes from the server to the client (headers included). */
  bytesDown: number;
  /** When the first and the latest byte from the server went through (ms, performance.now()). */
  firstByteAt: number | null;
  lastByteAt: number | null;
  /** The connection was destroyed by a cut during this exchange. */
  cut: boolean;
  /** Answered by the proxy (answerNext), never forwarded. */
  canned: boolean;
}

export interface TcpProxy {
  url: string;
  exchanges: ProxiedExchange[];
  /** Where to forward; set once the server behind is listening. */
  forwardTo(port: number): void;
  /** The next request's connection is destroyed once this many response bytes have gone to the client. */
  cutNext(bytes: number): void;
  /** The next request gets this raw answer instead of the server's, and its connection is closed. */
  answerNext(raw: string): void;
  /** Server-to-client bytes per second on every connection from now on; null for no limit. */
  throttle(bytesPerSecond: number | null): void;
  close(): Promise<void>;
}

const TICK_MS = 20;
const REQUEST_KEPT = 16 * 1024;
const REQUEST_LINE = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \S+ HTTP\/1\.[01]\r\n/;

/**
 * A tiny TCP proxy for tests of interrupted transfers: it forwards to the server and can cut a
 * response after N bytes, answer a request with a canned response (a 503), or throttle the
 * server's bytes so that a transfer lasts long enough to be interrupted or overlapped.
 */
export async function startTcpProxy(): Promise<TcpProxy> {
  let target = 0;
  let rate: number | null = null;
  let connectionCount = 0;
  const cuts: number[] = [];
  const canned: string[] = [];
  const exchanges: ProxiedExchange[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const connection = ++connectionCount;
    // An object, not a variable: the callbacks below change it, and TypeScript narrows variables per closure.
    const live: { current: (ProxiedExchange & { cutAt?: number }) | null } = { current: null };
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    // The client gone, the server side goes too; the other way round the pump below ends the client
    // once it has passed on every byte (a throttled response may still be on its way).
    client.on('close', () => upstream.destroy());

    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (REQUEST_LINE.test(text)) {
        const answer = canned.shift();
        const cutAt = answer === undefined ? cuts.shift() : undefined;
        live.current = {
          id: exchanges.length + 1,
          connection,
          request: '',
          bytesDown: 0,
          firstByteAt: null,
          lastByteAt: null,
          cut: false,
          canned: answer !== undefined,
          ...(cutAt !== undefined ? { cutAt } : {}),
        };
        exchanges.push(live.current);
        if (answer !== undefined) {
          live.current.request = text.slice(0, REQUEST_KEPT);
          client.end(answer);
          return;
        }
      }
      const ex = live.current;
      if (ex && ex.request.length < REQUEST_KEPT) ex.request += text.slice(0, REQUEST_KEPT - ex.request.length);
      upstream.write(chunk);
    });

    // The server's bytes, paced and counted; iterating the socket pauses it while a slice waits.
    (async () => {
      for await (const data of upstream as AsyncIterable<Buffer>) {
        let chunk = data;
        while (chunk.length > 0) {
          const ex = live.current;
          const slice = rate === null ? chunk.length : Math.max(1, Math.floor((rate * TICK_MS) / 1000));
          let piece = chunk.subarray(0, slice);
          chunk = chunk.subarray(piece.length);
          if (ex?.cutAt !== undefined) piece = piece.subarray(0, Math.max(0, ex.cutAt - ex.bytesDown));
          if (piece.length > 0) {
            if (ex) {
              ex.firstByteAt ??= performance.now();
              ex.lastByteAt = performance.now();
              ex.bytesDown += piece.length;
            }
            if (!client.write(piece)) await new Promise((r) => client.once('drain', r));
          }
          if (ex?.cutAt !== undefined && ex.bytesDown >= ex.cutAt) {
            ex.cut = true;
            client.destroy();
            upstream.destroy();
            return;
          }
          if (rate !== null) await delay(TICK_MS);
        }
      }
      client.end();
    })().catch(() => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    forwardTo: (p) => {
      target = p;
    },
    cutNext: (bytes) => {
      cuts.push(bytes);
    },
    answerNext: (raw) => {
      canned.push(raw);
    },
    throttle: (bytesPerSecond) => {
      rate = bytesPerSecond;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The most responses that were flowing at one moment (their first-to-last-byte spans overlapping). */
export function maxOverlap(exchanges: ProxiedExchange[]): number {
  const edges: [number, number][] = [];
  for (const x of exchanges) {
    if (x.firstByteAt === null || x.lastByteAt === null) continue;
    edges.push([x.firstByteAt, 1], [x.lastByteAt, -1]);
  }
  // At equal times an end counts before a start: spans that only touch did not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) {
    now += d;
    most = Math.max(most, now);
  }
  return most;
}
